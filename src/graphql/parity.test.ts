/**
 * Parity (issue 7): REST and GraphQL return the same data for the same objects. Each GraphQL answer
 * is turned back into REST's shape (snake_case keys, lower-case enum values) and must equal the REST
 * answer exactly: integrations (grouped, by platform, one), platforms and their cards, scopes, and the account's
 * members, roles, API keys, app credentials, service keys, webhooks, notifications and tools; and the
 * two questions REST asks with a POST body: the credentials impact preview and the invite preview.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectThroughFake, integrationWorld, type IntegrationWorld } from '../../test/support/integrations.ts';
import { seedIntegration } from '../../test/support/token-seed.ts';
import { createApiKey } from '../../test/support/auth.ts';
import { gql } from './testing/client.ts';
import { PLATFORM_SLUGS } from '../platforms/registry.ts';

const INTEGRATION = `id platform platformId integrationType botIdentifier isGlobal platformUserId platformUsername displayName scopes
  tokenExpiresAt status statusReason hasVerifiedBotBadge isVerifiedBot isActive isDefaultBot connectedAt updatedAt lastRefreshedAt
  nextRefreshAt lastRefreshAttemptAt lastRefreshResult lastRefreshError consecutiveFailures lastValidatedAt lastValidationResult`;
const SCOPES = 'platform channelScopes { scope description required } botScopes { scope description required }';

/** Fields whose GraphQL type is an enum: REST spells their values in lower case. */
const ENUM_FIELDS = new Set(['integration_type', 'status', 'state', 'credentials_source', 'source', 'kind', 'connection_state']);

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function restShape(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => restShape(v, key));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [snake(k), restShape(v, snake(k))]));
  return ENUM_FIELDS.has(key) && typeof value === 'string' ? value.toLowerCase() : value;
}

describe('REST and GraphQL show the same objects', () => {
  let world: IntegrationWorld;

  beforeAll(async () => {
    world = await integrationWorld();
    await connectThroughFake(world, 'twitch', { integration_type: 'channel' });
    await connectThroughFake(world, 'twitch', { integration_type: 'bot', bot_identifier: 'chatbot' }, world.fakes.fakes.twitch.users[1]!.id);
    await connectThroughFake(world, 'kick', { integration_type: 'bot', bot_identifier: 'kickbot' });
    await connectThroughFake(world, 'trovo', { integration_type: 'channel' });
    await createApiKey(world.rt, { accountId: world.owner.accountId, userId: world.owner.userId, permissions: ['connections:read'] });
    const seed = async (url: string, payload: object) => {
      const res = await world.app.inject({ method: 'POST', url, headers: world.owner.headers, payload });
      expect(res.statusCode, res.body).toBe(201);
    };
    // Not the default 8080: that is this Bifrost's own port, which tools may not target.
    await seed('/v1/tools', { kind: 'streamerbot', port: 8081, password: 'pw' });
    await seed('/v1/service-keys', { name: 'chat bot', platforms: ['twitch'] });
    await seed('/v1/webhooks', { url: 'https://hooks.example.test/bifrost', events: ['token.needs_reauth'] });
  });
  afterAll(async () => world?.close());

  async function both(url: string, query: string): Promise<{ rest: unknown; graphql: unknown }> {
    const rest = await world.app.inject({ method: 'GET', url, headers: world.owner.headers });
    expect(rest.statusCode, rest.body).toBe(200);
    const res = await gql(world.app, world.owner.headers, query);
    expect(res.errors, res.body).toBeUndefined();
    const data = Object.values(res.data!)[0];
    return { rest: rest.json(), graphql: restShape(data) };
  }

  it('integrations grouped by platform', async () => {
    const { rest, graphql } = await both(
      '/v1/integrations',
      `{ allIntegrations { platformId platformSlug platformName channel { ${INTEGRATION} } bots { ${INTEGRATION} } globalBot { ${INTEGRATION} } } }`,
    );
    expect((rest as unknown[]).length).toBe(PLATFORM_SLUGS.length);
    expect(graphql).toEqual(rest);
  });

  it("one platform's integrations, and one integration", async () => {
    for (const slug of ['twitch', 'kick', 'youtube']) {
      const { rest, graphql } = await both(`/v1/integrations/platform/${slug}`, `{ platformIntegrations(platform: "${slug}") { ${INTEGRATION} } }`);
      expect(graphql).toEqual(rest);
    }
    const ids = (await world.rt.store.db.selectFrom('integrations').select('id').execute()).map((r) => r.id);
    expect(ids.length).toBe(4);
    for (const id of ids) {
      const { rest, graphql } = await both(`/v1/integrations/${id}`, `{ integration(id: "${id}") { ${INTEGRATION} } }`);
      expect(graphql).toEqual(rest);
    }
  });

  it('platforms and scopes', async () => {
    const platforms = await both(
      '/v1/platforms',
      `{ platforms { slug platformId name brandColor brandTextColor capabilities { verifiedBots pkce refreshRotates validation requiresClientSecret chatMaxMessageLength chatModerationTarget }
        channelScopes { scope description required } botScopes { scope description required } events { source needsPublicUrl reachable reason } } }`,
    );
    expect((platforms.rest as unknown[]).length).toBe(PLATFORM_SLUGS.length);
    expect(platforms.graphql).toEqual(platforms.rest);
    const cards = await both('/v1/integrations/platforms', '{ integrationPlatforms { slug platformId name isConfigured enabled state credentialsSource sandbox } }');
    expect(cards.graphql).toEqual(cards.rest);
    const all = await gql(world.app, world.owner.headers, `{ allIntegrationScopes { ${SCOPES} } }`);
    for (const slug of PLATFORM_SLUGS) {
      const one = await both(`/v1/integrations/platform/${slug}/scopes`, `{ integrationScopes(platform: "${slug}") { ${SCOPES} } }`);
      expect(one.graphql).toEqual(one.rest);
      expect(restShape(all.data!.allIntegrationScopes.find((s: { platform: string }) => s.platform === slug))).toEqual(one.rest);
    }
  });

  it('members, roles, API keys, app credentials, service keys, webhooks, notifications and tools', async () => {
    const pairs: [string, string][] = [
      ['/v1/members', '{ members { userId username role roleName joinedAt } }'],
      ['/v1/roles', '{ roles { id name builtin permissions createdAt updatedAt } }'],
      ['/v1/api-keys', '{ apiKeys { id name prefix permissions createdBy { id username } createdAt expiresAt lastUsedAt } }'],
      ['/v1/app-credentials', '{ appCredentials { platform source clientIdHint redirectUri createdAt updatedAt } }'],
      ['/v1/service-keys', '{ serviceKeys { id name prefix integrationIds platforms permissions createdAt lastUsedAt } }'],
      ['/v1/webhooks', '{ webhooks { id url events eventTypes createdAt lastDeliveryAt lastStatus } }'],
      ['/v1/notifications', '{ notifications { id kind integrationId platform reason createdAt } }'],
    ];
    for (const [url, query] of pairs) {
      const { rest, graphql } = await both(url, query);
      expect(graphql, url).toEqual((rest as { items: unknown[] }).items);
    }
    const tools = await both(
      '/v1/tools',
      '{ tools { id kind label host port endpoint hasPassword remoteAccess enabled lastTestAt lastTestOk lastTestMessage events connectionState connectionReason programVersion connectionChangedAt createdAt updatedAt } }',
    );
    expect((tools.rest as unknown[]).length).toBe(1);
    expect(tools.graphql).toEqual(tools.rest);
  });

  it('chat: a send, a timeout and the chat log answer the same through both', async () => {
    const kick = world.fakes.fakes.kick as never;
    const scopes = ['user:read', 'chat:write', 'moderation:ban', 'moderation:chat_message:manage'];
    await seedIntegration(world.rt, kick, { accountId: world.owner.accountId, type: 'channel', user: 'streamer_one', scopes });
    await seedIntegration(world.rt, kick, { accountId: world.owner.accountId, type: 'bot', user: 'bifrost_bot', scopes, botIdentifier: 'parity-bot' });
    const post = (url: string, payload: object) => world.app.inject({ method: 'POST', url, headers: world.owner.headers, payload });

    const rest = (await post('/v1/chat/kick/messages', { text: 'via REST', sender: 'parity-bot' })).json();
    const sent = await gql(world.app, world.owner.headers, 'mutation { sendChatMessage(platform: "kick", input: { text: "via GraphQL", sender: "parity-bot" }) { messageId platform sender { integrationId username global } sentAt } }');
    expect(sent.errors, sent.body).toBeUndefined();
    const viaGql = restShape(sent.data!.sendChatMessage) as Record<string, unknown>;
    expect(Object.keys(viaGql).sort()).toEqual(Object.keys(rest).sort());
    expect([viaGql.platform, viaGql.sender]).toEqual([rest.platform, rest.sender]);

    const restBan = (await post('/v1/moderation/kick/bans', { user_id: '123456', duration_s: 90, sender: 'parity-bot' })).json();
    const ban = await gql(world.app, world.owner.headers, 'mutation { banUser(platform: "kick", input: { userId: "123456", durationS: 90, sender: "parity-bot" }) { platform action target { userId username } requestedDurationS appliedDurationS clamped sender { integrationId username global } appliedAt } }');
    expect(ban.errors, ban.body).toBeUndefined();
    const { applied_at: a, ...restRest } = restBan;
    const { applied_at: b, ...gqlRest } = restShape(ban.data!.banUser) as Record<string, unknown>;
    expect([typeof a, typeof b]).toEqual(['string', 'string']);
    expect(gqlRest).toEqual(restRest);

    const log = await both('/v1/chat/log', '{ chatLog { id platform action sender { integrationId username } target text messageId durationS createdAt } }');
    expect((log.rest as { items: unknown[] }).items).toEqual(log.graphql);
    expect((log.graphql as unknown[]).length).toBe(4);
  });

  it('the credentials impact preview and the invite preview answer the same through both', async () => {
    const inject = (url: string, payload: object) => world.app.inject({ method: 'POST', url, headers: world.owner.headers, payload });

    for (const clientId of ['a-new-client-id', 'another-client']) {
      const rest = await inject('/v1/app-credentials/twitch/impact', { client_id: clientId });
      expect(rest.statusCode, rest.body).toBe(200);
      const res = await gql(
        world.app,
        world.owner.headers,
        'query ($clientId: String!) { appCredentialsImpact(platform: "twitch", clientId: $clientId) { affected { integrationId integrationType displayName botIdentifier } summary } }',
        { clientId },
      );
      expect(res.errors, res.body).toBeUndefined();
      // A new client id cuts off the Twitch channel and its bot: the preview is not empty.
      expect(rest.json().affected).toHaveLength(2);
      expect(restShape(res.data!.appCredentialsImpact)).toEqual(rest.json());
    }

    const created = await inject('/v1/invites', { role: 'editor' });
    expect(created.statusCode, created.body).toBe(201);
    const token = new URL(created.json().invite_url).searchParams.get('token')!;
    const rest = await inject('/v1/invites/preview', { token });
    expect(rest.statusCode, rest.body).toBe(200);
    const res = await gql(world.app, world.owner.headers, 'query ($token: String!) { invitePreview(token: $token) { accountName roleName expiresAt } }', { token });
    expect(res.errors, res.body).toBeUndefined();
    expect(restShape(res.data!.invitePreview)).toEqual(rest.json());

    // An unknown token is refused with the same code by both.
    const restBad = await inject('/v1/invites/preview', { token: 'not-a-token' });
    const gqlBad = await gql(world.app, world.owner.headers, '{ invitePreview(token: "not-a-token") { accountName } }');
    expect(gqlBad.errors?.[0]?.extensions?.code).toBe(restBad.json().error.code);
  });
});
