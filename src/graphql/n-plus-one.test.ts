/**
 * No N+1 (issue 7): allIntegrations with every field, including health, for 4 platforms × 10 bots
 * plus their channels runs a small constant number of database queries — the same as for 4 × 1.
 * Queries are counted with a Kysely plugin on the store every service uses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { integrationWorld, type IntegrationWorld } from '../../test/support/integrations.ts';
import { sqliteOnly } from '../../test/support/stores.ts';
import { sealTokens } from '../tokens/sealed-tokens.ts';
import { prefixedId } from '../crypto/random.ts';
import { PLATFORM_SLUGS } from '../config/schema.ts';
import { gql } from './testing/client.ts';

class QueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count += 1;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

const EVERYTHING = `id platform platformId integrationType botIdentifier isGlobal platformUserId platformUsername displayName scopes
  tokenExpiresAt status statusReason hasVerifiedBotBadge isVerifiedBot isActive isDefaultBot connectedAt updatedAt lastRefreshedAt
  nextRefreshAt lastRefreshAttemptAt lastRefreshResult lastRefreshError consecutiveFailures lastValidatedAt lastValidationResult`;
const QUERY = `{ allIntegrations { platformId platformSlug platformName channel { ${EVERYTHING} } bots { ${EVERYTHING} } globalBot { ${EVERYTHING} } } }`;

describe('allIntegrations without N+1', () => {
  let world: IntegrationWorld;
  const counter = new QueryCounter();

  beforeAll(async () => {
    const store = await sqliteOnly().open();
    world = await integrationWorld({ store: { ...store, db: store.db.withPlugin(counter) } });
  });
  afterAll(async () => world?.close());

  async function countFor(): Promise<{ queries: number; bots: number }> {
    counter.count = 0;
    const res = await gql(world.app, world.owner.headers, QUERY);
    const queries = counter.count;
    expect(res.errors, res.body).toBeUndefined();
    const bots = (res.data!.allIntegrations as { bots: unknown[] }[]).reduce((n, g) => n + g.bots.length, 0);
    return { queries, bots };
  }

  /** Rows as a connect stores them; this read-only test never uses the (made-up) tokens. */
  async function insert(platform: string, type: 'channel' | 'bot', botIdentifier: string | null): Promise<void> {
    const id = prefixedId('int');
    const now = world.rt.clock.now();
    await world.rt.store.db
      .insertInto('integrations')
      .values({
        id,
        account_id: world.owner.accountId,
        platform,
        integration_type: type,
        bot_identifier: botIdentifier,
        platform_user_id: `u-${id}`,
        platform_username: `user_${id.slice(-6)}`,
        display_name: 'User',
        scopes: '["chat:read"]',
        client_id: 'client',
        ...sealTokens(world.rt, id, { accessToken: 'made-up', refreshToken: 'made-up', expiresIn: 3600, tokenType: 'bearer' }),
        status: 'active',
        status_reason: null,
        has_verified_bot_badge: 0,
        is_verified_bot: 0,
        is_active: 1,
        is_default_bot: 0,
        connected_at: now,
        updated_at: now,
        last_refreshed_at: null,
        token_version: 1,
      })
      .execute();
  }

  async function addBots(perPlatform: number, offset: number): Promise<void> {
    for (const slug of PLATFORM_SLUGS) for (let i = 0; i < perPlatform; i++) await insert(slug, 'bot', `bot-${offset + i}`);
  }

  it('runs the same few queries for 4 × 1 and 4 × 10 bots', async () => {
    for (const slug of PLATFORM_SLUGS) await insert(slug, 'channel', null);
    await addBots(1, 0);
    const few = await countFor();
    expect(few.bots).toBe(PLATFORM_SLUGS.length);
    await addBots(9, 1);
    const many = await countFor();
    expect(many.bots).toBe(40);
    // Authentication (session, membership, role) plus the service's two list queries.
    expect(many.queries).toBe(few.queries);
    expect(many.queries).toBeGreaterThanOrEqual(2);
    expect(many.queries).toBeLessThanOrEqual(8);
  });
});
