/** Access-matrix cases for the accounts and audit routes (auth, me, accounts, members, invites, roles, API keys, app credentials, admin, audit). */
import type { AccessCase, CaseContext } from '../types.ts';
import { prefixedId, randomToken } from '../../../src/crypto/random.ts';
import { insertApiKey } from '../../../src/accounts/api-keys.ts';
import { recordAudit } from '../../../src/audit/record.ts';
import { encryptSecret } from '../../../src/crypto/envelope.ts';
import { sha256Hex } from '../../../src/crypto/hash.ts';

const unique = () => randomToken(6).replace(/[^A-Za-z0-9]/g, 'x');

/** A custom role with no permissions in B: anyone holding members:edit may grant it. */
async function emptyRole(ctx: CaseContext, name = `r-${unique()}`): Promise<string> {
  const id = prefixedId('rol');
  const now = ctx.rt.clock.now();
  await ctx.rt.store.db.insertInto('roles').values({ id, account_id: ctx.target.accountId, name, permissions: '[]', created_at: now, updated_at: now }).execute();
  return id;
}

async function inviteIn(ctx: CaseContext, role: string): Promise<{ id: string; token: string }> {
  const token = randomToken(32);
  const id = prefixedId('inv');
  const now = ctx.rt.clock.now();
  await ctx.rt.store.db
    .insertInto('invites')
    .values({ id, account_id: ctx.target.accountId, token_hash: sha256Hex(token), role, created_by: ctx.target.ownerUserId, created_at: now, expires_at: now + 3_600_000, used_at: null, used_by: null })
    .execute();
  return { id, token };
}

/** Credentials saved in B whose client id ends in a hint no other response contains. */
async function credentialsIn(ctx: CaseContext, platform: 'twitch' | 'kick'): Promise<string> {
  const id = prefixedId('acr');
  const now = ctx.rt.clock.now();
  const hint = '#B4#';
  await ctx.rt.store.db
    .insertInto('app_credentials')
    .values({
      id,
      account_id: ctx.target.accountId,
      platform,
      client_id: `b-client-${hint}`,
      client_secret_enc: encryptSecret(ctx.rt.keyring, 'b-secret', { table: 'app_credentials', column: 'client_secret_enc', rowId: id }),
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['account_id', 'platform']).doNothing())
    .execute();
  return hint;
}

async function credentialsStillInB(ctx: CaseContext, platform: string): Promise<void> {
  const row = await ctx.rt.store.db.selectFrom('app_credentials').select('id').where('account_id', '=', ctx.target.accountId).where('platform', '=', platform).executeTakeFirst();
  if (!row) throw new Error(`B's ${platform} credentials were touched by another account's member`);
}

const strongPassword = () => `passphrase ${unique()} ${unique()}`;

export const cases: AccessCase[] = [
  // First run and sign-in.
  { method: 'GET', url: '/v1/setup/status', access: { public: true }, status: 200, isolation: 'none' },
  {
    method: 'POST',
    url: '/v1/setup',
    access: { public: true },
    // Users exist already, so setup is closed.
    status: 409,
    isolation: 'none',
    setup: async () => ({ body: { token: randomToken(32), username: `setup-${unique()}`.toLowerCase(), password: strongPassword(), account_name: 'x' } }),
  },
  {
    method: 'POST',
    url: '/v1/auth/login',
    access: { public: true },
    status: 200,
    isolation: 'none',
    setup: async (ctx) => {
      const m = await ctx.newMember('viewer');
      return { body: { username: m.username, password: m.password } };
    },
  },
  { method: 'POST', url: '/v1/auth/logout', access: { session: true }, status: 204, isolation: 'none', freshCaller: true },
  {
    method: 'GET',
    url: '/v1/me',
    access: { session: true },
    status: 200,
    isolation: 'own-account',
    setup: async (ctx) => {
      const name = (await ctx.rt.store.db.selectFrom('accounts').select('name').where('id', '=', ctx.target.accountId).executeTakeFirstOrThrow()).name;
      return { marker: name };
    },
  },
  {
    method: 'POST',
    url: '/v1/me/password',
    access: { session: true },
    status: 204,
    isolation: 'none',
    freshCaller: true,
    setup: async (ctx) => ({ body: { current_password: ctx.caller?.password ?? 'none at all', new_password: strongPassword() } }),
  },

  // Accounts.
  {
    method: 'GET',
    url: '/v1/accounts',
    access: { session: true },
    status: 200,
    isolation: 'own-account',
    setup: async (ctx) => ({ marker: (await ctx.rt.store.db.selectFrom('accounts').select('name').where('id', '=', ctx.target.accountId).executeTakeFirstOrThrow()).name }),
  },
  { method: 'POST', url: '/v1/accounts', access: { session: true }, status: 201, isolation: 'none', setup: async () => ({ body: { name: `New ${unique()}` } }) },
  {
    method: 'PATCH',
    url: '/v1/accounts/:id',
    access: { owner: true },
    status: 200,
    isolation: 'not-found',
    setup: async (ctx) => {
      const a = await ctx.newTargetAccount();
      return { params: { id: a.id }, body: { name: `Renamed ${unique()}` }, marker: a.name };
    },
  },
  {
    method: 'DELETE',
    url: '/v1/accounts/:id',
    access: { owner: true },
    status: 204,
    isolation: 'not-found',
    setup: async (ctx) => {
      const a = await ctx.newTargetAccount();
      return { params: { id: a.id }, body: { confirm_name: a.name }, marker: a.name };
    },
  },

  // Members and invites.
  {
    method: 'GET',
    url: '/v1/members',
    access: { permission: 'members:read' },
    status: 200,
    isolation: 'own-account',
    setup: async (ctx) => ({ marker: (await ctx.newMember('viewer')).username }),
  },
  {
    method: 'PATCH',
    url: '/v1/members/:user_id',
    access: { permission: 'members:edit' },
    status: 200,
    isolation: 'not-found',
    setup: async (ctx) => {
      const m = await ctx.newMember(await emptyRole(ctx));
      return { params: { user_id: m.userId }, body: { role: await emptyRole(ctx) }, marker: m.username };
    },
  },
  {
    method: 'DELETE',
    url: '/v1/members/:user_id',
    access: { permission: 'members:edit' },
    status: 204,
    isolation: 'not-found',
    setup: async (ctx) => {
      const m = await ctx.newMember(await emptyRole(ctx));
      return { params: { user_id: m.userId }, marker: m.username };
    },
  },
  {
    method: 'GET',
    url: '/v1/invites',
    access: { permission: 'members:read' },
    status: 200,
    isolation: 'own-account',
    setup: async (ctx) => ({ marker: (await inviteIn(ctx, 'viewer')).id }),
  },
  {
    method: 'POST',
    url: '/v1/invites',
    access: { permission: 'members:edit' },
    status: 201,
    // Another account's member names B's role id, which does not exist in their account: 400, nothing made in B.
    isolation: 'own-account',
    setup: async (ctx) => ({ body: { role: await emptyRole(ctx), expires_in_hours: 1 } }),
  },
  {
    method: 'DELETE',
    url: '/v1/invites/:id',
    access: { permission: 'members:edit' },
    status: 204,
    isolation: 'not-found',
    setup: async (ctx) => {
      const invite = await inviteIn(ctx, 'viewer');
      return { params: { id: invite.id }, marker: invite.id };
    },
  },
  {
    method: 'POST',
    url: '/v1/invites/preview',
    access: { public: true },
    status: 200,
    isolation: 'none',
    setup: async (ctx) => ({ body: { token: (await inviteIn(ctx, 'viewer')).token } }),
  },
  {
    method: 'POST',
    url: '/v1/invites/accept',
    access: { public: true },
    status: 200,
    isolation: 'none',
    setup: async (ctx) => ({ body: { token: (await inviteIn(ctx, 'viewer')).token, username: `joiner-${unique()}`.toLowerCase(), password: strongPassword() } }),
  },

  // Roles.
  {
    method: 'GET',
    url: '/v1/roles',
    access: { permission: 'members:read' },
    status: 200,
    isolation: 'own-account',
    setup: async (ctx) => {
      const name = `b-role-${unique()}`;
      await emptyRole(ctx, name);
      return { marker: name };
    },
  },
  { method: 'POST', url: '/v1/roles', access: { permission: 'roles:edit' }, status: 201, isolation: 'own-account', setup: async () => ({ body: { name: `role ${unique()}`, permissions: [] } }) },
  {
    method: 'PATCH',
    url: '/v1/roles/:id',
    access: { permission: 'roles:edit' },
    status: 200,
    isolation: 'not-found',
    setup: async (ctx) => {
      const name = `b-role-${unique()}`;
      return { params: { id: await emptyRole(ctx, name) }, body: { name: `renamed ${unique()}` }, marker: name };
    },
  },
  {
    method: 'DELETE',
    url: '/v1/roles/:id',
    access: { permission: 'roles:edit' },
    status: 204,
    isolation: 'not-found',
    setup: async (ctx) => {
      const name = `b-role-${unique()}`;
      return { params: { id: await emptyRole(ctx, name) }, marker: name };
    },
  },

  // API keys.
  {
    method: 'GET',
    url: '/v1/api-keys',
    access: { permission: 'api-keys:read' },
    status: 200,
    isolation: 'own-account',
    setup: async (ctx) => {
      const name = `b-key-${unique()}`;
      await insertApiKey(ctx.rt, { accountId: ctx.target.accountId, userId: ctx.target.ownerUserId, name, permissions: ['members:read'] });
      return { marker: name };
    },
  },
  {
    method: 'POST',
    url: '/v1/api-keys',
    access: { permission: 'api-keys:edit' },
    status: 201,
    isolation: 'own-account',
    setup: async () => ({ body: { name: `key ${unique()}`, permissions: ['api-keys:edit'] } }),
  },
  {
    method: 'DELETE',
    url: '/v1/api-keys/:id',
    access: { permission: 'api-keys:edit' },
    status: 204,
    isolation: 'not-found',
    setup: async (ctx) => {
      const name = `b-key-${unique()}`;
      const key = await insertApiKey(ctx.rt, { accountId: ctx.target.accountId, userId: ctx.target.ownerUserId, name, permissions: ['members:read'] });
      return { params: { id: key.id }, marker: name };
    },
  },

  // App credentials (connections:edit).
  {
    method: 'GET',
    url: '/v1/app-credentials',
    access: { permission: 'connections:edit' },
    status: 200,
    isolation: 'own-account',
    setup: async (ctx) => ({ marker: await credentialsIn(ctx, 'twitch') }),
  },
  {
    method: 'GET',
    url: '/v1/app-credentials/:platform',
    access: { permission: 'connections:edit' },
    status: 200,
    isolation: 'own-account',
    setup: async (ctx) => ({ params: { platform: 'twitch' }, marker: await credentialsIn(ctx, 'twitch') }),
  },
  {
    method: 'PUT',
    url: '/v1/app-credentials/:platform',
    access: { permission: 'connections:edit' },
    status: 200,
    isolation: 'own-account',
    setup: async (ctx) => ({ params: { platform: 'twitch' }, body: { client_id: `client-${unique()}`, client_secret: 'a-secret' }, marker: await credentialsIn(ctx, 'twitch') }),
  },
  {
    method: 'POST',
    url: '/v1/app-credentials/:platform/impact',
    access: { permission: 'connections:edit' },
    status: 200,
    isolation: 'own-account',
    setup: async (ctx) => ({ params: { platform: 'twitch' }, body: { client_id: `client-${unique()}` }, marker: await credentialsIn(ctx, 'twitch') }),
  },
  {
    method: 'DELETE',
    url: '/v1/app-credentials/:platform',
    access: { permission: 'connections:edit' },
    status: 204,
    // The outsider's DELETE acts on their own account (404 there); B's credentials stay.
    isolation: 'own-account',
    setup: async (ctx) => ({ params: { platform: 'kick' }, marker: await credentialsIn(ctx, 'kick') }),
    check: (ctx) => credentialsStillInB(ctx, 'kick'),
  },

  // Instance administration.
  { method: 'GET', url: '/v1/admin/platforms', access: { instanceAdmin: true }, status: 200, isolation: 'none' },
  { method: 'PATCH', url: '/v1/admin/platforms/:slug', access: { instanceAdmin: true }, status: 200, isolation: 'none', setup: async () => ({ params: { slug: 'trovo' }, body: { enabled: true } }) },

  // Audit log.
  {
    method: 'GET',
    url: '/v1/audit-logs',
    access: { permission: 'audit:read' },
    status: 200,
    isolation: 'own-account',
    setup: async (ctx) => {
      const marker = `b-event-${unique()}`;
      await recordAudit(ctx.rt, { accountId: ctx.target.accountId, actor: { type: 'system' }, action: 'test.marker', target: { type: 'test', id: marker } });
      return { marker };
    },
  },
];
