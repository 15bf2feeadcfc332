/** Access-matrix cases for the integrations routes (the documented REST API, default bots, global bots). */
import type { AccessCase, CaseContext } from '../types.ts';
import { randomToken } from '../../../src/crypto/random.ts';
import { connectWithFake } from '../../../src/platforms/testing.ts';
import type { PlatformSlug } from '../../../src/config/schema.ts';
import { storeNewIntegration } from '../../../src/integrations/store-tokens.ts';

const unique = () => randomToken(6).toLowerCase().replace(/[^a-z0-9]/g, 'x');

/** An integration of B (or a global bot) holding real tokens from the platform's fake. */
async function integrationIn(ctx: CaseContext, platform: PlatformSlug, type: 'channel' | 'bot', owner: 'B' | 'global' = 'B'): Promise<{ id: string; marker: string }> {
  const fake = ctx.fakes.fakes[platform];
  const adapter = ctx.rt.platforms.get(platform)!;
  const { tokens } = await connectWithFake(adapter, fake, { redirectUri: `${ctx.rt.config.server.public_url}/v1/integrations/callback/${platform}` });
  const identity = await adapter.whoami({ credentials: fake.credentials, accessToken: tokens.accessToken });
  const botIdentifier = type === 'bot' ? `m-${unique()}` : null;
  const outcome = await storeNewIntegration(ctx.rt, adapter, {
    tx: {
      id: 'matrix',
      platform,
      accountId: owner === 'B' ? ctx.target.accountId : null,
      userId: ctx.target.ownerUserId,
      sessionHash: 'matrix',
      integrationType: type,
      botIdentifier,
      integrationId: null,
      isGlobal: owner === 'global',
      scopes: [],
    },
    tokens,
    identity,
    scopes: tokens.scopes ?? [],
    clientId: fake.credentials.clientId,
  });
  if (!outcome.ok) throw new Error(`could not store a ${platform} ${type} for the matrix: ${outcome.error}`);
  return { id: outcome.id, marker: outcome.id };
}

type Made = { id: string; marker: string };

/**
 * Objects shared by the cases that do not consume them, one set per runtime. YouTube, because the
 * accounts cases save B's own Twitch and Kick credentials, which would not match the fakes' tokens.
 */
const shared = new WeakMap<object, Promise<{ channel: Made; bot: Made; twitchBot: Made }>>();
function sharedIn(ctx: CaseContext) {
  let objects = shared.get(ctx.rt);
  if (!objects) {
    objects = (async () => ({
      channel: await integrationIn(ctx, 'youtube', 'channel'),
      bot: await integrationIn(ctx, 'youtube', 'bot'),
      twitchBot: await integrationIn(ctx, 'twitch', 'bot'),
    }))();
    shared.set(ctx.rt, objects);
  }
  return objects;
}

async function stillThere(ctx: CaseContext, id: string): Promise<void> {
  const row = await ctx.rt.store.db.selectFrom('integrations').select('id').where('id', '=', id).executeTakeFirst();
  if (!row) throw new Error(`B's integration ${id} was removed by another account's member`);
}

export const cases: AccessCase[] = [
  {
    method: 'GET',
    url: '/v1/integrations',
    access: { permission: 'connections:read' },
    status: 200,
    isolation: 'own-account',
    setup: async (ctx) => ({ marker: (await sharedIn(ctx)).channel.marker }),
  },
  // Not account data: the platforms' names, brand colours and capabilities, for any signed-in user.
  { method: 'GET', url: '/v1/platforms', access: { session: true }, status: 200, isolation: 'none' },
  { method: 'GET', url: '/v1/integrations/platforms', access: { permission: 'connections:read' }, status: 200, isolation: 'own-account' },
  {
    method: 'GET',
    url: '/v1/integrations/platform/:slug',
    access: { permission: 'connections:read' },
    status: 200,
    isolation: 'own-account',
    setup: async (ctx) => ({ params: { slug: 'youtube' }, marker: (await sharedIn(ctx)).channel.marker }),
  },
  {
    method: 'GET',
    url: '/v1/integrations/platform/:slug/scopes',
    access: { permission: 'connections:read' },
    status: 200,
    isolation: 'own-account',
    setup: async () => ({ params: { slug: 'kick' } }),
  },
  {
    method: 'POST',
    url: '/v1/integrations/platform/:slug/connect',
    access: { anyPermission: ['connections:edit', 'bot-connections:create'] },
    needs: 'bot-connections:create',
    status: 200,
    // Connecting needs a browser session (the OAuth state is bound to it): API keys are refused.
    apiKeyStatus: 403,
    isolation: 'own-account',
    setup: async () => ({ params: { slug: 'twitch' }, body: { integration_type: 'bot', bot_identifier: `c-${unique()}` } }),
  },
  {
    method: 'GET',
    url: '/v1/integrations/callback/:platform',
    access: { public: true },
    status: 303,
    isolation: 'none',
    setup: async () => ({ params: { platform: 'twitch' } }),
  },
  {
    method: 'GET',
    url: '/v1/integrations/:id',
    access: { permission: 'connections:read' },
    status: 200,
    isolation: 'not-found',
    setup: async (ctx) => {
      const { channel } = await sharedIn(ctx);
      return { params: { id: channel.id }, marker: channel.marker };
    },
  },
  {
    method: 'POST',
    url: '/v1/integrations/:id/refresh',
    access: { anyPermission: ['connections:edit', 'bot-connections:create'] },
    needs: 'bot-connections:create',
    status: 200,
    isolation: 'not-found',
    setup: async (ctx) => {
      const { bot } = await sharedIn(ctx);
      return { params: { id: bot.id }, marker: bot.marker };
    },
  },
  {
    method: 'DELETE',
    url: '/v1/integrations/:id',
    access: { anyPermission: ['connections:edit', 'bot-connections:delete'] },
    needs: 'bot-connections:delete',
    status: 200,
    isolation: 'not-found',
    setup: async (ctx) => {
      const bot = await integrationIn(ctx, 'trovo', 'bot');
      return { params: { id: bot.id }, marker: bot.marker };
    },
    check: async (ctx, req) => stillThere(ctx, req.params!.id!),
  },
  {
    method: 'PATCH',
    url: '/v1/integrations/:id/twitch-status',
    access: { anyPermission: ['connections:edit', 'bot-connections:create'] },
    needs: 'bot-connections:create',
    status: 200,
    isolation: 'not-found',
    setup: async (ctx) => {
      const { twitchBot } = await sharedIn(ctx);
      return { params: { id: twitchBot.id }, body: { has_verified_bot_badge: false, is_verified_bot: false }, marker: twitchBot.marker };
    },
  },
  {
    method: 'POST',
    url: '/v1/integrations/:id/default-bot',
    access: { permission: 'bot-connections:create' },
    status: 200,
    isolation: 'not-found',
    setup: async (ctx) => {
      const { bot } = await sharedIn(ctx);
      return { params: { id: bot.id }, marker: bot.marker };
    },
  },
  {
    method: 'POST',
    url: '/v1/admin/platforms/:slug/global-bot/connect',
    access: { instanceAdmin: true },
    status: 200,
    isolation: 'none',
    setup: async () => ({ params: { slug: 'youtube' }, body: { bot_identifier: `g-${unique()}` } }),
  },
  { method: 'GET', url: '/v1/admin/global-bots', access: { instanceAdmin: true }, status: 200, isolation: 'none' },
  {
    method: 'DELETE',
    url: '/v1/admin/global-bots/:id',
    access: { instanceAdmin: true },
    status: 200,
    isolation: 'none',
    setup: async (ctx) => ({ params: { id: (await integrationIn(ctx, 'trovo', 'bot', 'global')).id } }),
  },
];
