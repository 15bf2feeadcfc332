/**
 * Acceptance (issue 7): every documented GraphQL example (testing/documented-examples.graphql) runs
 * verbatim — only the placeholder id "int_xxx" is replaced by a real one — against a server whose
 * data came from the four platform fakes, and returns the documented fields. The connect examples'
 * authorization URLs are followed through the fake to prove they work.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectThroughFake, deliverCallback, integrationWorld, type IntegrationWorld } from '../../test/support/integrations.ts';
import { documentedExamples, gql, type DocumentedExample } from './testing/client.ts';
import { PLATFORM_SLUGS } from '../platforms/registry.ts';

const examples = documentedExamples();

describe('the documented GraphQL examples, verbatim', () => {
  let world: IntegrationWorld;
  const ids: Record<string, string> = {};

  async function idOf(slug: string, type: 'channel' | 'bot', bot?: string): Promise<string> {
    const row = await world.rt.store.db
      .selectFrom('integrations')
      .select('id')
      .where('account_id', '=', world.owner.accountId)
      .where('platform', '=', slug)
      .where('integration_type', '=', type)
      .where((eb) => (bot ? eb('bot_identifier', '=', bot) : eb.lit(true)))
      .executeTakeFirstOrThrow();
    return row.id;
  }

  beforeAll(async () => {
    world = await integrationWorld();
    const { fakes } = world.fakes;
    // Every platform's channel except Twitch (the first connect example connects it), and bots.
    for (const slug of ['youtube', 'kick', 'trovo'] as const) await connectThroughFake(world, slug, { integration_type: 'channel' });
    await connectThroughFake(world, 'twitch', { integration_type: 'bot', bot_identifier: 'alpha' }, fakes.twitch.users[1]!.id);
    await connectThroughFake(world, 'twitch', { integration_type: 'bot', bot_identifier: 'spare' }, fakes.twitch.users[2]!.id);
    await connectThroughFake(world, 'kick', { integration_type: 'bot', bot_identifier: 'kickbot' });
    ids.alpha = await idOf('twitch', 'bot', 'alpha');
    ids.spare = await idOf('twitch', 'bot', 'spare');
  });
  afterAll(async () => world?.close());

  /** Runs one example as the signed-in owner, with int_xxx replaced by `id`. */
  async function run(example: DocumentedExample, id?: string) {
    const text = id ? example.text.replaceAll('int_xxx', id) : example.text;
    const res = await gql(world.app, world.owner.headers, text);
    expect(res.errors, `${example.title}: ${res.body}`).toBeUndefined();
    expect(res.status).toBe(200);
    return res.data!;
  }

  /** Completes a connect example's OAuth flow through the fake: the authorization URL works. */
  async function follow(slug: 'twitch', url: string, user?: string): Promise<string> {
    expect(Object.values(world.fakes.baseUrls[slug]).some((base) => url.startsWith(new URL(base).origin))).toBe(true);
    const redirect = world.fakes.fakes[slug].approve(url, user ? { user } : {});
    return deliverCallback(world, redirect);
  }

  it('finds the eleven documented examples', () => {
    expect(examples.map((e) => e.title)).toEqual([
      'Get all integrations grouped by platform',
      'Get integrations for a specific platform',
      'Get a specific integration',
      'Get available platforms',
      'Get available scopes for all platforms',
      'Connect a channel integration (initiates OAuth flow)',
      'Connect a bot integration',
      'Reconnect an existing integration (re-authorize with updated scopes)',
      'Disconnect an integration',
      "Refresh an integration's token",
      'Update Twitch bot status (badge and verified status)',
    ]);
    expect(examples.filter((e) => e.text.includes('int_xxx'))).toHaveLength(4);
  });

  it("the README's GraphQL section shows each example", () => {
    const squash = (t: string) => t.replace(/\s+/g, ' ').trim();
    const readme = squash(readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8'));
    for (const e of examples) expect(readme, e.title).toContain(squash(`# ${e.title}\n${e.text}`));
  });

  it('runs each example in the documented order', async () => {
    const [all, platform, one, platforms, scopes, connectChannel, connectBot, reconnect, disconnect, refresh, botStatus] = examples as Required<Record<number, DocumentedExample>> & DocumentedExample[];

    const groups = (await run(all!)).allIntegrations;
    expect(groups.map((g: { platformSlug: string }) => g.platformSlug)).toEqual([...PLATFORM_SLUGS]);
    for (const g of groups) {
      expect(Object.keys(g).sort()).toEqual(['bots', 'channel', 'platformId', 'platformName', 'platformSlug']);
      expect(typeof g.platformId).toBe('number');
      expect(typeof g.platformName).toBe('string');
    }
    const twitch = groups[0];
    expect(twitch.channel).toBeNull();
    expect(twitch.bots.map((b: { botIdentifier: string }) => b.botIdentifier).sort()).toEqual(['alpha', 'spare']);
    expect(twitch.bots[0]).toEqual({ id: ids.alpha, botIdentifier: 'alpha', platformUsername: world.fakes.fakes.twitch.users[1]!.login, isActive: true });
    expect(groups[1].channel).toMatchObject({ id: expect.stringMatching(/^int_/), platformUsername: expect.any(String), isActive: true });

    const list = (await run(platform!)).platformIntegrations;
    expect(list).toHaveLength(2);
    expect(list[0]).toEqual({ id: ids.alpha, platformId: twitch.platformId, integrationType: 'BOT', botIdentifier: 'alpha', platformUsername: 'streamer_one', isActive: true });

    const integration = (await run(one!, ids.alpha)).integration;
    expect(integration).toMatchObject({ id: ids.alpha, platformId: twitch.platformId, integrationType: 'BOT', platformUsername: 'streamer_one', isActive: true });
    expect(integration.scopes.length).toBeGreaterThan(0);

    const cards = (await run(platforms!)).integrationPlatforms;
    expect(cards.map((c: { slug: string }) => c.slug)).toEqual([...PLATFORM_SLUGS]);
    for (const c of cards) expect(c).toEqual({ slug: c.slug, platformId: expect.any(Number), name: expect.any(String), isConfigured: true });

    const catalogue = (await run(scopes!)).allIntegrationScopes;
    expect(catalogue.map((s: { platform: string }) => s.platform)).toEqual([...PLATFORM_SLUGS]);
    for (const s of catalogue) {
      expect(s.channelScopes.length).toBeGreaterThan(0);
      expect(s.botScopes.length).toBeGreaterThan(0);
      for (const scope of [...s.channelScopes, ...s.botScopes]) expect(scope).toEqual({ scope: expect.any(String), description: expect.any(String), required: expect.any(Boolean) });
    }

    // Connect: the authorization URL leads through the fake's consent back to Bifrost's callback.
    const channel = (await run(connectChannel!)).connectIntegration;
    expect(channel.state).toEqual(expect.any(String));
    expect(new URL(channel.authorizationUrl).searchParams.get('state')).toBe(channel.state);
    expect(await follow('twitch', channel.authorizationUrl)).toBe('/dashboard/connections?connected=twitch');
    const channelId = await idOf('twitch', 'channel');

    const bot = (await run(connectBot!)).connectIntegration;
    expect(await follow('twitch', bot.authorizationUrl, world.fakes.fakes.twitch.users[2]!.id)).toBe('/dashboard/connections/bot?connected=twitch');
    expect(await idOf('twitch', 'bot', 'mybot')).toMatch(/^int_/);

    const again = (await run(reconnect!)).connectIntegration;
    expect(await follow('twitch', again.authorizationUrl)).toBe('/dashboard/connections?connected=twitch');
    expect(await idOf('twitch', 'channel')).toBe(channelId);

    expect((await run(disconnect!, ids.spare)).disconnectIntegration).toEqual({ success: true, error: null });
    const gone = await gql(world.app, world.owner.headers, `query { integration(id: "${ids.spare}") { id } }`);
    expect(gone.errors?.[0]?.extensions.code).toBe('NOT_FOUND');

    const refreshesBefore = world.fakes.fakes.twitch.counters.refreshes;
    expect((await run(refresh!, channelId)).refreshIntegrationToken).toEqual({ id: channelId, isActive: true });
    expect(world.fakes.fakes.twitch.counters.refreshes).toBe(refreshesBefore + 1);

    expect((await run(botStatus!, ids.alpha)).updateTwitchBotStatus).toEqual({ id: ids.alpha, hasVerifiedBotBadge: true, isVerifiedBot: false });
    const rest = await world.app.inject({ method: 'GET', url: `/v1/integrations/${ids.alpha}`, headers: world.owner.headers });
    expect(rest.json()).toMatchObject({ has_verified_bot_badge: true, is_verified_bot: false });
  });
});
