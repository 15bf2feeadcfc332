/**
 * Access-matrix cases for chat and moderation: chat:send and moderation:manage (owner, admin, editor;
 * not viewers). Account B has a Kick channel and its default bot; messages to delete are sent by a
 * second bot (another Kick user) so the cases' sends stay inside each sender's window. The owner of
 * another account acts on their own account, which has no channel: refused, never B's chat.
 */
import type { AccessCase, CaseContext } from '../types.ts';
import { callerOf } from '../../support/callers.ts';
import { seedIntegration } from '../../support/token-seed.ts';
import { KICK_SCOPES } from '../../support/chat-world.ts';
import { sendChatMessage, banUser } from '../../../src/chat/operations.ts';
import { randomInt } from 'node:crypto';

const seeded = new WeakMap<object, Promise<void>>();

/** B's Kick channel, default bot and a second bot "matrix-writer" (once per runtime). */
function kickIn(ctx: CaseContext): Promise<void> {
  let done = seeded.get(ctx.rt);
  if (!done) {
    const fake = ctx.fakes.fakes.kick as never;
    const accountId = ctx.target.accountId;
    done = (async () => {
      await seedIntegration(ctx.rt, fake, { accountId, type: 'channel', user: 'streamer_one', scopes: KICK_SCOPES });
      await seedIntegration(ctx.rt, fake, { accountId, type: 'bot', user: 'bifrost_bot', scopes: KICK_SCOPES, isDefaultBot: true, botIdentifier: 'matrix-bot' });
      await seedIntegration(ctx.rt, fake, { accountId, type: 'bot', user: 'Scorfly', scopes: KICK_SCOPES, botIdentifier: 'matrix-writer' });
    })();
    seeded.set(ctx.rt, done);
  }
  return done;
}

const userId = () => String(randomInt(1_000_000, 9_000_000));

export const cases: AccessCase[] = [
  {
    method: 'POST',
    url: '/v1/chat/:platform/messages',
    access: { permission: 'chat:send' },
    status: 201,
    isolation: 'own-account',
    setup: async (ctx) => {
      await kickIn(ctx);
      return { params: { platform: 'kick' }, body: { text: 'matrix hello' } };
    },
  },
  {
    method: 'DELETE',
    url: '/v1/chat/:platform/messages/:message_id',
    access: { permission: 'moderation:manage' },
    status: 204,
    isolation: 'own-account',
    setup: async (ctx) => {
      await kickIn(ctx);
      const sent = await sendChatMessage(ctx.rt, callerOf(ctx.target.accountId), 'kick', { text: 'to delete', sender: 'matrix-writer' });
      return { params: { platform: 'kick', message_id: sent.messageId! } };
    },
  },
  {
    method: 'POST',
    url: '/v1/moderation/:platform/bans',
    access: { permission: 'moderation:manage' },
    status: 201,
    isolation: 'own-account',
    setup: async (ctx) => {
      await kickIn(ctx);
      return { params: { platform: 'kick' }, body: { user_id: userId(), duration_s: 60 } };
    },
  },
  {
    method: 'DELETE',
    url: '/v1/moderation/:platform/bans/:user',
    access: { permission: 'moderation:manage' },
    status: 204,
    isolation: 'own-account',
    setup: async (ctx) => {
      await kickIn(ctx);
      const user = userId();
      await banUser(ctx.rt, callerOf(ctx.target.accountId), 'kick', { userId: user });
      return { params: { platform: 'kick', user } };
    },
  },
  {
    method: 'GET',
    url: '/v1/chat/log',
    access: { permission: 'chat:send' },
    status: 200,
    isolation: 'own-account',
    setup: async (ctx) => {
      await kickIn(ctx);
      const marker = `matrix-log-${userId()}`;
      await sendChatMessage(ctx.rt, callerOf(ctx.target.accountId), 'kick', { text: marker, sender: 'matrix-writer' });
      return { marker };
    },
  },
];
