/** Access-matrix cases for the token lifecycle: service keys, webhooks, token servers, notifications, the internal token API. */
import { callerOf } from '../../support/callers.ts';
import type { AccessCase, CaseContext } from '../types.ts';
import { randomToken, prefixedId } from '../../../src/crypto/random.ts';
import { sealTokens } from '../../../src/tokens/sealed-tokens.ts';
import { createServiceKey } from '../../../src/consumers/service-keys.ts';
import { createWebhook } from '../../../src/push/webhooks.ts';
import { enableTokenServer } from '../../../src/consumers/token-server.ts';

const unique = () => randomToken(6).replace(/[^A-Za-z0-9]/g, 'x');

/** A bot integration of B with a token valid for an hour (no platform call needed to hand it out). */
async function integrationIn(ctx: CaseContext): Promise<{ id: string; marker: string }> {
  const id = prefixedId('int');
  const marker = `b-bot-${unique()}`;
  const now = ctx.rt.clock.now();
  await ctx.rt.store.db
    .insertInto('integrations')
    .values({
      id,
      account_id: ctx.target.accountId,
      platform: 'twitch',
      integration_type: 'bot',
      bot_identifier: marker,
      platform_user_id: `u-${unique()}`,
      platform_username: marker,
      display_name: marker,
      scopes: '[]',
      client_id: 'matrix-client',
      ...sealTokens(ctx.rt, id, { accessToken: `at-${unique()}`, refreshToken: `rt-${unique()}`, expiresIn: 3600, tokenType: 'bearer' }),
      status: 'active',
      status_reason: null,
      has_verified_bot_badge: 0,
      is_verified_bot: 0,
      is_active: 1,
      is_default_bot: 1,
      connected_at: now,
      updated_at: now,
      // Refreshed just now: a 401 report within the cooldown refreshes nothing (no platform here).
      last_refreshed_at: now,
      token_version: 1,
    })
    .execute();
  return { id, marker };
}

async function serviceKeyOf(ctx: CaseContext): Promise<{ id: string; key: string; marker: string }> {
  const marker = `b-key-${unique()}`;
  const created = await createServiceKey(ctx.rt, callerOf(ctx.target.accountId), { name: marker });
  return { id: created.id, key: created.key, marker };
}

async function webhookOf(ctx: CaseContext): Promise<{ id: string; marker: string }> {
  const marker = `b-hook-${unique()}`;
  const created = await createWebhook(ctx.rt, callerOf(ctx.target.accountId), { url: `http://127.0.0.1:1/${marker}`, events: ['token.refreshed'] });
  return { id: created.id, marker };
}

export const cases: AccessCase[] = [
  {
    method: 'GET',
    url: '/v1/service-keys',
    access: { permission: 'api-keys:read' },
    status: 200,
    isolation: 'own-account',
    setup: async (ctx) => ({ marker: (await serviceKeyOf(ctx)).marker }),
  },
  {
    method: 'POST',
    url: '/v1/service-keys',
    access: { permission: 'api-keys:edit' },
    status: 201,
    isolation: 'own-account',
    // Creating a key hands out token reading: the creator also needs tokens:read.
    apiKeyPermissions: ['api-keys:edit', 'tokens:read'],
    setup: async (ctx) => ({ body: { name: `new-${unique()}` }, marker: (await serviceKeyOf(ctx)).marker }),
  },
  {
    method: 'DELETE',
    url: '/v1/service-keys/:id',
    access: { permission: 'api-keys:edit' },
    status: 204,
    isolation: 'not-found',
    setup: async (ctx) => ({ params: { id: (await serviceKeyOf(ctx)).id } }),
    check: async (ctx, req) => {
      const row = await ctx.rt.store.db.selectFrom('service_keys').select('id').where('id', '=', req.params!.id!).executeTakeFirst();
      if (!row) throw new Error('B\'s service key was deleted');
    },
  },
  {
    method: 'GET',
    url: '/v1/webhooks',
    access: { permission: 'api-keys:read' },
    status: 200,
    isolation: 'own-account',
    setup: async (ctx) => ({ marker: (await webhookOf(ctx)).marker }),
  },
  {
    method: 'POST',
    url: '/v1/webhooks',
    access: { permission: 'api-keys:edit' },
    status: 201,
    isolation: 'own-account',
    setup: async (ctx) => ({ body: { url: `http://127.0.0.1:1/new-${unique()}`, events: ['token.needs_reauth'] }, marker: (await webhookOf(ctx)).marker }),
  },
  {
    method: 'DELETE',
    url: '/v1/webhooks/:id',
    access: { permission: 'api-keys:edit' },
    status: 204,
    isolation: 'not-found',
    setup: async (ctx) => ({ params: { id: (await webhookOf(ctx)).id } }),
    check: async (ctx, req) => {
      const row = await ctx.rt.store.db.selectFrom('webhooks').select('id').where('id', '=', req.params!.id!).executeTakeFirst();
      if (!row) throw new Error('B\'s webhook was deleted');
    },
  },
  {
    method: 'POST',
    url: '/v1/integrations/:id/token-server',
    access: { permission: 'connections:edit' },
    status: 200,
    isolation: 'not-found',
    setup: async (ctx) => ({ params: { id: (await integrationIn(ctx)).id } }),
  },
  {
    method: 'DELETE',
    url: '/v1/integrations/:id/token-server',
    access: { permission: 'connections:edit' },
    status: 204,
    isolation: 'not-found',
    setup: async (ctx) => {
      const { id } = await integrationIn(ctx);
      await enableTokenServer(ctx.rt, callerOf(ctx.target.accountId), id);
      return { params: { id } };
    },
    check: async (ctx, req) => {
      const row = await ctx.rt.store.db.selectFrom('token_servers').select('integration_id').where('integration_id', '=', req.params!.id!).executeTakeFirst();
      if (!row) throw new Error('B\'s token server was disabled');
    },
  },
  {
    method: 'GET',
    url: '/v1/token-server',
    // The id is the credential (Companion sends nothing else).
    access: { public: true },
    status: 200,
    isolation: 'none',
    setup: async (ctx) => {
      const { id } = await integrationIn(ctx);
      const { tokenServerId } = await enableTokenServer(ctx.rt, callerOf(ctx.target.accountId), id);
      return { query: { id: tokenServerId } };
    },
  },
  {
    method: 'GET',
    url: '/v1/notifications',
    access: { permission: 'connections:read' },
    status: 200,
    isolation: 'own-account',
    setup: async (ctx) => {
      const marker = `b-notice-${unique()}`;
      await ctx.rt.store.db
        .insertInto('notifications')
        .values({ id: prefixedId('ntf'), account_id: ctx.target.accountId, integration_id: null, platform: 'twitch', kind: 'degraded', reason: marker, created_at: Date.now() })
        .execute();
      return { marker };
    },
  },
  {
    method: 'POST',
    url: '/internal/integrations/:id/token',
    access: { consumer: true },
    status: 200,
    isolation: 'none',
    setup: async (ctx) => ({ params: { id: (await integrationIn(ctx)).id }, headers: { authorization: `Bearer ${(await serviceKeyOf(ctx)).key}` } }),
  },
  {
    method: 'POST',
    url: '/internal/integrations/:id/token/invalid',
    access: { consumer: true },
    status: 200,
    isolation: 'none',
    setup: async (ctx) => ({ params: { id: (await integrationIn(ctx)).id }, headers: { authorization: `Bearer ${(await serviceKeyOf(ctx)).key}` } }),
  },
  {
    method: 'GET',
    url: '/internal/platforms/:slug/bot',
    access: { consumer: true },
    status: 200,
    isolation: 'none',
    setup: async (ctx) => {
      await integrationIn(ctx);
      return { params: { slug: 'twitch' }, headers: { authorization: `Bearer ${(await serviceKeyOf(ctx)).key}` } };
    },
  },
];
