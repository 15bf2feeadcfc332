/** GraphQL access-matrix cases of chat and moderation: B's Kick channel, default bot and a second bot that writes the messages to delete. */
import { randomInt } from 'node:crypto';
import type { GqlCase, MatrixContext } from './matrix.ts';
import { seedIntegration } from '../../../test/support/token-seed.ts';
import { KICK_SCOPES } from '../../../test/support/chat-world.ts';
import { callerOf } from '../../../test/support/callers.ts';
import { banUser, sendChatMessage } from '../../chat/operations.ts';

const seeded = new WeakMap<object, Promise<void>>();

function kickIn(ctx: MatrixContext): Promise<void> {
  let done = seeded.get(ctx.rt);
  if (!done) {
    const fake = ctx.fakes.fakes.kick as never;
    const accountId = ctx.B.accountId;
    done = (async () => {
      await seedIntegration(ctx.rt, fake, { accountId, type: 'channel', user: 'streamer_one', scopes: KICK_SCOPES });
      await seedIntegration(ctx.rt, fake, { accountId, type: 'bot', user: 'bifrost_bot', scopes: KICK_SCOPES, isDefaultBot: true, botIdentifier: 'gql-bot' });
      await seedIntegration(ctx.rt, fake, { accountId, type: 'bot', user: 'Scorfly', scopes: KICK_SCOPES, botIdentifier: 'gql-writer' });
    })();
    seeded.set(ctx.rt, done);
  }
  return done;
}

const userId = () => String(randomInt(1_000_000, 9_000_000));
const B = (ctx: MatrixContext) => callerOf(ctx.B.accountId);

export const chatCases: GqlCase[] = [
  {
    field: 'sendChatMessage',
    access: { permission: 'chat:send' },
    isolation: 'own-account',
    op: async (ctx) => {
      await kickIn(ctx);
      return { query: 'mutation { sendChatMessage(platform: "kick", input: { text: "gql hello" }) { messageId sender { username } } }' };
    },
  },
  {
    field: 'deleteChatMessage',
    access: { permission: 'moderation:manage' },
    isolation: 'own-account',
    op: async (ctx) => {
      await kickIn(ctx);
      const sent = await sendChatMessage(ctx.rt, B(ctx), 'kick', { text: 'to delete', sender: 'gql-writer' });
      return { query: 'mutation ($id: String!) { deleteChatMessage(platform: "kick", messageId: $id) }', variables: { id: sent.messageId } };
    },
  },
  {
    field: 'banUser',
    access: { permission: 'moderation:manage' },
    isolation: 'own-account',
    op: async (ctx) => {
      await kickIn(ctx);
      return { query: 'mutation ($u: String!) { banUser(platform: "kick", input: { userId: $u, durationS: 90 }) { action appliedDurationS clamped } }', variables: { u: userId() } };
    },
  },
  {
    field: 'unbanUser',
    access: { permission: 'moderation:manage' },
    isolation: 'own-account',
    op: async (ctx) => {
      await kickIn(ctx);
      const user = userId();
      await banUser(ctx.rt, B(ctx), 'kick', { userId: user });
      return { query: 'mutation ($u: String!) { unbanUser(platform: "kick", user: $u) }', variables: { u: user } };
    },
  },
  {
    field: 'chatLog',
    access: { permission: 'chat:send' },
    isolation: 'own-account',
    op: async (ctx) => {
      await kickIn(ctx);
      const marker = `gql-log-${userId()}`;
      await sendChatMessage(ctx.rt, B(ctx), 'kick', { text: marker, sender: 'gql-writer' });
      return { query: '{ chatLog { action text sender { username } } }', marker };
    },
  },
];
