/** GraphQL access-matrix cases: integrations, global bots, service keys, webhooks, token servers, notifications. */
import { callerOf } from '../../../test/support/callers.ts';
import type { GqlCase, MatrixContext } from './matrix.ts';
import { channelIn, integrationIn, sharedBot, unique } from './matrix.ts';
import { createServiceKey } from '../../consumers/service-keys.ts';
import { createWebhook } from '../../push/webhooks.ts';
import { enableTokenServer } from '../../consumers/token-server.ts';

const read = { permission: 'connections:read' } as const;
const withRead = (p: 'connections:edit' | 'bot-connections:create' | 'bot-connections:delete') => ['connections:read', p] as const;

const byId = (field: string, id: string, selection = 'id') => ({ query: `mutation ($id: ID!) { ${field}(id: $id) { ${selection} } }`, variables: { id }, marker: id });

export const integrationCases: GqlCase[] = [
  { field: 'allIntegrations', access: read, isolation: 'own-account', op: async (ctx) => ({ query: '{ allIntegrations { channel { id } bots { id } } }', marker: (await channelIn(ctx, 'youtube')).marker }) },
  {
    field: 'platformIntegrations',
    access: read,
    isolation: 'own-account',
    op: async (ctx) => ({ query: '{ platformIntegrations(platform: "youtube") { id } }', marker: (await channelIn(ctx, 'youtube')).marker }),
  },
  {
    field: 'integration',
    access: read,
    isolation: 'not-found',
    op: async (ctx) => {
      const { id } = await channelIn(ctx, 'youtube');
      return { query: 'query ($id: ID!) { integration(id: $id) { id platformUsername } }', variables: { id }, marker: id };
    },
  },
  { field: 'platforms', access: { session: true }, isolation: 'none', op: () => ({ query: '{ platforms { slug brandColor capabilities { verifiedBots } } }' }) },
  { field: 'integrationPlatforms', access: read, isolation: 'own-account', op: () => ({ query: '{ integrationPlatforms { slug state } }' }) },
  { field: 'allIntegrationScopes', access: read, isolation: 'own-account', op: () => ({ query: '{ allIntegrationScopes { platform } }' }) },
  { field: 'integrationScopes', access: read, isolation: 'own-account', op: () => ({ query: '{ integrationScopes(platform: "kick") { platform } }' }) },
  { field: 'globalBots', access: { instanceAdmin: true }, isolation: 'none', op: () => ({ query: '{ globalBots { id } }' }) },
  {
    field: 'connectIntegration',
    variant: 'channel',
    access: { permission: 'connections:edit' },
    apiKeyPermissions: [...withRead('connections:edit')],
    apiKeyCode: 'SESSION_REQUIRED',
    isolation: 'own-account',
    op: () => ({ query: 'mutation { connectIntegration(input: { platform: "kick", integrationType: CHANNEL }) { authorizationUrl state } }' }),
  },
  {
    field: 'connectIntegration',
    variant: 'bot',
    access: { permission: 'bot-connections:create' },
    apiKeyPermissions: [...withRead('bot-connections:create')],
    apiKeyCode: 'SESSION_REQUIRED',
    isolation: 'own-account',
    op: () => ({ query: `mutation { connectIntegration(input: { platform: "kick", integrationType: BOT, botIdentifier: "b-${unique()}" }) { state } }` }),
  },
  {
    field: 'disconnectIntegration',
    variant: 'channel',
    access: { permission: 'connections:edit' },
    apiKeyPermissions: [...withRead('connections:edit')],
    isolation: 'not-found',
    op: async (ctx) => byId('disconnectIntegration', (await channelIn(ctx, 'trovo')).id, 'success'),
  },
  {
    field: 'disconnectIntegration',
    variant: 'bot',
    access: { permission: 'bot-connections:delete' },
    apiKeyPermissions: [...withRead('bot-connections:delete')],
    isolation: 'not-found',
    op: async (ctx) => byId('disconnectIntegration', (await integrationIn(ctx, 'youtube', 'bot')).id, 'success'),
  },
  {
    field: 'refreshIntegrationToken',
    variant: 'channel',
    access: { permission: 'connections:edit' },
    apiKeyPermissions: [...withRead('connections:edit')],
    isolation: 'not-found',
    op: async (ctx) => byId('refreshIntegrationToken', (await channelIn(ctx, 'youtube')).id),
  },
  {
    field: 'refreshIntegrationToken',
    variant: 'bot',
    access: { permission: 'bot-connections:create' },
    apiKeyPermissions: [...withRead('bot-connections:create')],
    isolation: 'not-found',
    op: async (ctx) => byId('refreshIntegrationToken', (await sharedBot(ctx, 'youtube')).id),
  },
  ...(['channel', 'bot'] as const).map(
    (type): GqlCase => ({
      field: 'updateTwitchBotStatus',
      variant: type,
      access: { permission: type === 'channel' ? 'connections:edit' : 'bot-connections:create' },
      apiKeyPermissions: [...withRead(type === 'channel' ? 'connections:edit' : 'bot-connections:create')],
      isolation: 'not-found',
      op: async (ctx: MatrixContext) => {
        const { id } = type === 'channel' ? await channelIn(ctx, 'twitch') : await sharedBot(ctx, 'twitch');
        return {
          query: 'mutation ($id: ID!) { updateTwitchBotStatus(input: { id: $id, hasVerifiedBotBadge: true, isVerifiedBot: true }) { id } }',
          variables: { id },
          marker: id,
        };
      },
    }),
  ),
  { field: 'setDefaultBot', access: { permission: 'bot-connections:create' }, isolation: 'not-found', op: async (ctx) => byId('setDefaultBot', (await sharedBot(ctx, 'youtube')).id) },
  {
    field: 'connectGlobalBot',
    access: { instanceAdmin: true },
    isolation: 'none',
    op: () => ({ query: `mutation { connectGlobalBot(input: { platform: "kick", botIdentifier: "g-${unique()}" }) { state } }` }),
  },
  {
    field: 'disconnectGlobalBot',
    access: { instanceAdmin: true },
    isolation: 'none',
    op: async (ctx) => byId('disconnectGlobalBot', (await integrationIn(ctx, 'youtube', 'bot', 'global')).id, 'success'),
  },
  {
    field: 'enableTokenServer',
    access: { permission: 'connections:edit' },
    isolation: 'not-found',
    op: async (ctx) => {
      const { id } = await channelIn(ctx, 'youtube');
      return { query: 'mutation ($id: ID!) { enableTokenServer(integrationId: $id) { tokenServerId url } }', variables: { id }, marker: id };
    },
  },
  {
    field: 'disableTokenServer',
    access: { permission: 'connections:edit' },
    isolation: 'not-found',
    op: async (ctx) => {
      const { id } = await channelIn(ctx, 'youtube');
      await enableTokenServer(ctx.rt, callerOf(ctx.B.accountId), id);
      return { query: 'mutation ($id: ID!) { disableTokenServer(integrationId: $id) }', variables: { id }, marker: id };
    },
  },
  { field: 'notifications', access: read, isolation: 'own-account', op: () => ({ query: '{ notifications { id kind } }' }) },
  {
    field: 'serviceKeys',
    access: { permission: 'api-keys:read' },
    isolation: 'own-account',
    op: async (ctx) => {
      const marker = `b-skey-${unique()}`;
      await createServiceKey(ctx.rt, callerOf(ctx.B.accountId), { name: marker });
      return { query: '{ serviceKeys { id name } }', marker };
    },
  },
  {
    field: 'createServiceKey',
    access: { permission: 'api-keys:edit' },
    apiKeyPermissions: ['api-keys:edit', 'tokens:read'],
    isolation: 'own-account',
    op: () => ({ query: `mutation { createServiceKey(input: { name: "k-${unique()}", platforms: ["twitch"] }) { id key } }` }),
  },
  {
    field: 'deleteServiceKey',
    access: { permission: 'api-keys:edit' },
    isolation: 'not-found',
    op: async (ctx) => {
      const key = await createServiceKey(ctx.rt, callerOf(ctx.B.accountId), { name: `b-skey-${unique()}` });
      return { query: 'mutation ($id: ID!) { deleteServiceKey(id: $id) }', variables: { id: key.id }, marker: key.id };
    },
  },
  {
    field: 'webhooks',
    access: { permission: 'api-keys:read' },
    isolation: 'own-account',
    op: async (ctx) => {
      const marker = `b-hook-${unique()}`;
      await createWebhook(ctx.rt, callerOf(ctx.B.accountId), { url: `https://hooks.example.test/${marker}`, events: ['token.refreshed'] });
      return { query: '{ webhooks { id url } }', marker };
    },
  },
  {
    field: 'createWebhook',
    access: { permission: 'api-keys:edit' },
    isolation: 'own-account',
    op: () => ({ query: `mutation { createWebhook(input: { url: "https://hooks.example.test/${unique()}", events: ["token.refreshed"] }) { id secret } }` }),
  },
  {
    field: 'deleteWebhook',
    access: { permission: 'api-keys:edit' },
    isolation: 'not-found',
    op: async (ctx) => {
      const hook = await createWebhook(ctx.rt, callerOf(ctx.B.accountId), { url: `https://hooks.example.test/${unique()}`, events: ['token.refreshed'] });
      return { query: 'mutation ($id: ID!) { deleteWebhook(id: $id) }', variables: { id: hook.id }, marker: hook.id };
    },
  },
];
