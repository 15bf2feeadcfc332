/** GraphQL access-matrix cases: me, accounts, members, invites, roles, API keys, app credentials, admin, audit, tools, StreamElements. */
import type { GqlCase } from './matrix.ts';
import { channelIn, credentialsIn, emptyRole, inviteIn, inviteTokenIn, unique } from './matrix.ts';
import { insertApiKey } from '../../accounts/api-keys.ts';
import { recordAudit } from '../../audit/record.ts';
import { createTool } from '../../tools/tools-service.ts';
import { addStreamElementsToken } from '../../tools/streamelements-service.ts';
import { appendEvents } from '../../events/log.ts';
import { fakeJwt } from '../../tools/fakes/jwt.ts';
import type { Caller } from '../../access/caller.ts';
import { callerOf } from '../../../test/support/callers.ts';
import type { MatrixContext } from './matrix.ts';

const session = { session: true } as const;
const tools = (ctx: MatrixContext): Caller => callerOf(ctx.B.accountId);
const strongPassword = () => `passphrase ${unique()} ${unique()}`;
const one = (field: string, args: string, variables: Record<string, unknown>, selection = '', marker?: string) => ({
  query: `mutation (${args}) { ${field}(${Object.keys(variables).map((k) => `${k}: $${k}`).join(', ')})${selection ? ` { ${selection} }` : ''} }`,
  variables,
  ...(marker ? { marker } : {}),
});

async function toolIn(ctx: MatrixContext): Promise<{ id: string; marker: string }> {
  const marker = `b-tool-${unique()}`;
  // Port 1 on loopback: a test answers "refused" at once.
  const tool = await createTool(ctx.rt, tools(ctx), { kind: 'streamerbot', label: marker, port: 1 });
  return { id: tool.id, marker };
}

export const accountCases: GqlCase[] = [
  { field: 'me', access: session, isolation: 'none', op: () => ({ query: '{ me { user { id } csrfToken currentAccountId } }' }) },
  { field: 'accounts', access: session, isolation: 'none', op: () => ({ query: '{ accounts { id role } }' }) },
  { field: 'createAccount', access: session, isolation: 'none', op: () => one('createAccount', '$name: String!', { name: `acc ${unique()}` }, 'id') },
  {
    field: 'changePassword',
    access: session,
    isolation: 'none',
    freshCaller: true,
    op: (ctx) => one('changePassword', '$currentPassword: String!, $newPassword: String!', { currentPassword: ctx.caller?.password ?? 'x', newPassword: strongPassword() }),
  },
  {
    field: 'renameAccount',
    access: { owner: true },
    isolation: 'not-found',
    op: async (ctx) => one('renameAccount', '$id: ID!, $name: String!', { id: (await ctx.newTargetAccount()).id, name: `renamed ${unique()}` }, 'id'),
  },
  {
    field: 'deleteAccount',
    access: { owner: true },
    isolation: 'not-found',
    op: async (ctx) => {
      const target = await ctx.newTargetAccount();
      return one('deleteAccount', '$id: ID!, $confirmName: String!', { id: target.id, confirmName: target.name });
    },
  },
  {
    field: 'members',
    access: { permission: 'members:read' },
    isolation: 'own-account',
    op: async (ctx) => ({ query: '{ members { userId username } }', marker: (await ctx.newMember('viewer')).username }),
  },
  {
    field: 'changeMemberRole',
    access: { permission: 'members:edit' },
    isolation: 'not-found',
    op: async (ctx) => {
      const m = await ctx.newMember(await emptyRole(ctx));
      return one('changeMemberRole', '$userId: ID!, $role: String!', { userId: m.userId, role: await emptyRole(ctx) }, 'userId', m.username);
    },
  },
  {
    field: 'removeMember',
    access: { permission: 'members:edit' },
    isolation: 'not-found',
    op: async (ctx) => {
      const m = await ctx.newMember(await emptyRole(ctx));
      return one('removeMember', '$userId: ID!', { userId: m.userId }, '', m.username);
    },
  },
  { field: 'invites', access: { permission: 'members:read' }, isolation: 'own-account', op: async (ctx) => ({ query: '{ invites { id } }', marker: await inviteIn(ctx, 'viewer') }) },
  // Another account's member names B's role id, which does not exist in their account: refused, nothing made in B.
  { field: 'createInvite', access: { permission: 'members:edit' }, isolation: 'own-account', op: async (ctx) => one('createInvite', '$role: String!', { role: await emptyRole(ctx) }, 'id inviteUrl') },
  {
    field: 'revokeInvite',
    access: { permission: 'members:edit' },
    isolation: 'not-found',
    op: async (ctx) => {
      const id = await inviteIn(ctx, 'viewer');
      return one('revokeInvite', '$id: ID!', { id }, '', id);
    },
  },
  { field: 'roles', access: { permission: 'members:read' }, isolation: 'own-account', op: async (ctx) => ({ query: '{ roles { id name } }', marker: await emptyRole(ctx) }) },
  { field: 'createRole', access: { permission: 'roles:edit' }, isolation: 'own-account', op: () => one('createRole', '$input: RoleInput!', { input: { name: `role ${unique()}`, permissions: [] } }, 'id') },
  {
    field: 'updateRole',
    access: { permission: 'roles:edit' },
    isolation: 'not-found',
    op: async (ctx) => {
      const id = await emptyRole(ctx);
      return one('updateRole', '$id: ID!, $input: RoleInput!', { id, input: { name: `renamed ${unique()}` } }, 'id', id);
    },
  },
  {
    field: 'deleteRole',
    access: { permission: 'roles:edit' },
    isolation: 'not-found',
    op: async (ctx) => {
      const id = await emptyRole(ctx);
      return one('deleteRole', '$id: ID!', { id }, '', id);
    },
  },
  {
    field: 'apiKeys',
    access: { permission: 'api-keys:read' },
    isolation: 'own-account',
    op: async (ctx) => {
      const name = `b-key-${unique()}`;
      await insertApiKey(ctx.rt, { accountId: ctx.B.accountId, userId: ctx.B.ownerUserId, name, permissions: ['members:read'] });
      return { query: '{ apiKeys { id name } }', marker: name };
    },
  },
  {
    field: 'createApiKey',
    access: { permission: 'api-keys:edit' },
    isolation: 'own-account',
    op: () => one('createApiKey', '$input: CreateApiKeyInput!', { input: { name: `key ${unique()}`, permissions: ['api-keys:edit'] } }, 'id key'),
  },
  {
    field: 'revokeApiKey',
    access: { permission: 'api-keys:edit' },
    isolation: 'not-found',
    op: async (ctx) => {
      const key = await insertApiKey(ctx.rt, { accountId: ctx.B.accountId, userId: ctx.B.ownerUserId, name: `b-key-${unique()}`, permissions: ['members:read'] });
      return one('revokeApiKey', '$id: ID!', { id: key.id }, '', key.id);
    },
  },
  { field: 'appCredentials', access: { permission: 'connections:edit' }, isolation: 'own-account', op: async (ctx) => ({ query: '{ appCredentials { platform clientIdHint } }', marker: await credentialsIn(ctx) }) },
  {
    field: 'appCredential',
    access: { permission: 'connections:edit' },
    isolation: 'own-account',
    op: async (ctx) => ({ query: '{ appCredential(platform: "kick") { clientIdHint } }', marker: await credentialsIn(ctx) }),
  },
  {
    // A new client id would cut off B's Twitch channel: its id is in the answer, and never in another account's.
    field: 'appCredentialsImpact',
    access: { permission: 'connections:edit' },
    isolation: 'own-account',
    op: async (ctx) => ({
      query: '{ appCredentialsImpact(platform: "twitch", clientId: "another-client") { affected { integrationId } summary } }',
      marker: (await channelIn(ctx, 'twitch')).marker,
    }),
  },
  {
    // The token is the capability (REST answers it publicly); GraphQL needs any caller at all.
    field: 'invitePreview',
    access: { authenticated: true },
    isolation: 'none',
    op: async (ctx) => ({ query: 'query ($token: String!) { invitePreview(token: $token) { accountName roleName } }', variables: { token: await inviteTokenIn(ctx, 'viewer') } }),
  },
  // Trovo: B's Kick credentials carry the marker, and YouTube's must stay the fake's (refresh cases use them).
  {
    field: 'saveAppCredentials',
    access: { permission: 'connections:edit' },
    isolation: 'own-account',
    op: () => one('saveAppCredentials', '$platform: String!, $clientId: String!, $clientSecret: String!', { platform: 'trovo', clientId: `c-${unique()}`, clientSecret: 's' }, 'source'),
  },
  {
    field: 'deleteAppCredentials',
    access: { permission: 'connections:edit' },
    isolation: 'own-account',
    op: async (ctx) => ({ ...one('deleteAppCredentials', '$platform: String!', { platform: 'kick' }), marker: await credentialsIn(ctx) }),
  },
  { field: 'adminPlatforms', access: { instanceAdmin: true }, isolation: 'none', op: () => ({ query: '{ adminPlatforms { slug enabled } }' }) },
  { field: 'setPlatformEnabled', access: { instanceAdmin: true }, isolation: 'none', op: () => one('setPlatformEnabled', '$platform: String!, $enabled: Boolean!', { platform: 'kick', enabled: true }, 'slug') },
  {
    field: 'auditLogs',
    access: { permission: 'audit:read' },
    isolation: 'own-account',
    op: async (ctx) => {
      const marker = `b-audit-${unique()}`;
      await recordAudit(ctx.rt, { accountId: ctx.B.accountId, actor: { type: 'system' }, action: 'matrix.marker', details: { marker } });
      return { query: '{ auditLogs(first: 200) { edges { node { details } } } }', marker };
    },
  },
  { field: 'tools', access: { permission: 'connections:read' }, isolation: 'own-account', op: async (ctx) => ({ query: '{ tools { id label } }', marker: (await toolIn(ctx)).marker }) },
  {
    field: 'tool',
    access: { permission: 'connections:read' },
    isolation: 'not-found',
    op: async (ctx) => {
      const t = await toolIn(ctx);
      return { query: 'query ($id: ID!) { tool(id: $id) { id label } }', variables: { id: t.id }, marker: t.marker };
    },
  },
  { field: 'createTool', access: { permission: 'connections:create' }, isolation: 'own-account', op: () => one('createTool', '$input: CreateToolInput!', { input: { kind: 'OBS' } }, 'id') },
  {
    field: 'updateTool',
    access: { permission: 'connections:edit' },
    isolation: 'not-found',
    op: async (ctx) => {
      const t = await toolIn(ctx);
      return { ...one('updateTool', '$id: ID!, $input: UpdateToolInput!', { id: t.id, input: { enabled: false } }, 'id'), marker: t.marker };
    },
  },
  {
    field: 'deleteTool',
    access: { permission: 'connections:delete' },
    isolation: 'not-found',
    op: async (ctx) => {
      const t = await toolIn(ctx);
      return one('deleteTool', '$id: ID!', { id: t.id }, '', t.marker);
    },
  },
  {
    field: 'testTool',
    access: { permission: 'connections:edit' },
    isolation: 'not-found',
    op: async (ctx) => {
      const t = await toolIn(ctx);
      return one('testTool', '$id: ID!', { id: t.id }, 'ok outcome', t.marker);
    },
  },
  {
    field: 'streamElementsTokens',
    access: { permission: 'connections:read' },
    isolation: 'own-account',
    op: async (ctx) => {
      const marker = `b-se-${unique()}`;
      await addStreamElementsToken(ctx.rt, tools(ctx), { platform: 'twitch', token: fakeJwt({ channel: marker }), label: marker });
      return { query: '{ streamElementsTokens { id label } }', marker };
    },
  },
  {
    field: 'addStreamElementsToken',
    access: { permission: 'connections:create' },
    isolation: 'own-account',
    op: () => one('addStreamElementsToken', '$input: AddStreamElementsTokenInput!', { input: { platform: 'twitch', token: fakeJwt({ channel: unique() }) } }, 'id displayHint'),
  },
  {
    field: 'removeStreamElementsToken',
    access: { permission: 'connections:delete' },
    isolation: 'not-found',
    op: async (ctx) => {
      const marker = `b-se-${unique()}`;
      const se = await addStreamElementsToken(ctx.rt, tools(ctx), { platform: 'twitch', token: fakeJwt({ channel: marker }), label: marker });
      return one('removeStreamElementsToken', '$id: ID!', { id: se.id }, '', marker);
    },
  },
  {
    field: 'events',
    access: { permission: 'events:read' },
    isolation: 'own-account',
    op: async (ctx) => {
      const marker = `b-event-${unique()}`;
      await appendEvents(ctx.rt, { accountId: ctx.B.accountId, platform: 'twitch', integrationId: null, source: 'twitch.eventsub' }, [
        { type: 'tip', sourceId: marker, occurredAt: ctx.rt.clock.now(), actor: null, data: { amount: 1, currency: 'USD', message: marker } },
      ]);
      return { query: '{ events(limit: 1000) { items { data } } }', marker };
    },
  },
  {
    field: 'eventConnections',
    access: { permission: 'events:read' },
    isolation: 'own-account',
    op: async (ctx) => {
      const se = await addStreamElementsToken(ctx.rt, tools(ctx), { platform: 'twitch', token: fakeJwt({ channel: unique() }) });
      return { query: '{ eventConnections { key streamelementsTokenId } }', marker: se.id };
    },
  },
];
