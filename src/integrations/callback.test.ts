/**
 * The callback negative matrix (F-13) and the races of OA-2: every bad callback is refused, the fake's
 * token endpoint sees 0 calls wherever the failure must come before the exchange, and no row changes.
 * A callback's `iss` must be the platform's issuer (RFC 9207); without one the flow works as before.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { PLATFORM_SLUGS } from '../platforms/registry.ts';
import { memberSession } from '../../test/support/auth.ts';
import {
  callbackPath,
  countIntegrations,
  deliverCallback,
  integrationWorld,
  startConnect,
  type IntegrationWorld,
} from '../../test/support/integrations.ts';

describe('OAuth callback: negative matrix', () => {
  let world: IntegrationWorld;
  const clock = new ManualClock(Date.UTC(2026, 10, 22, 12));
  beforeAll(async () => {
    world = await integrationWorld({ clock });
  });
  afterAll(async () => world?.close());
  afterEach(() => {
    for (const fake of Object.values(world.fakes.fakes)) fake.reset();
  });

  async function refused(path: string, expected: string, headers = world.owner.headers): Promise<void> {
    const before = await countIntegrations(world);
    const res = await world.app.inject({ method: 'GET', url: path, headers: { cookie: headers.cookie ?? '' } });
    expect(res.statusCode).toBe(303);
    expect(String(res.headers.location)).toMatch(new RegExp(`\\?error=${expected}$`));
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(await countIntegrations(world)).toBe(before);
  }

  const tokenCalls = () => Object.values(world.fakes.fakes).reduce((n, f) => n + f.counters.tokenCalls, 0);

  it('missing state', async () => {
    const { authorization_url } = await startConnect(world, 'twitch', { integration_type: 'channel' });
    const redirect = new URL(world.fakes.fakes.twitch.approve(authorization_url));
    redirect.searchParams.delete('state');
    await refused(callbackPath(redirect.toString()), 'state_mismatch');
    expect(tokenCalls()).toBe(0);
  });

  it('wrong state', async () => {
    const { authorization_url } = await startConnect(world, 'twitch', { integration_type: 'channel' });
    const redirect = new URL(world.fakes.fakes.twitch.approve(authorization_url));
    redirect.searchParams.set('state', 'x'.repeat(43));
    await refused(callbackPath(redirect.toString()), 'state_mismatch');
    expect(tokenCalls()).toBe(0);
  });

  it('expired state (after 10 minutes)', async () => {
    const { authorization_url } = await startConnect(world, 'youtube', { integration_type: 'channel' });
    const redirect = world.fakes.fakes.youtube.approve(authorization_url);
    clock.advance(10 * 60 * 1000 + 1);
    await refused(callbackPath(redirect), 'expired');
    expect(tokenCalls()).toBe(0);
  });

  it('replayed state: the first callback wins, the replay is refused without a token call', async () => {
    const { authorization_url } = await startConnect(world, 'kick', { integration_type: 'bot', bot_identifier: 'replay' });
    const redirect = world.fakes.fakes.kick.approve(authorization_url);
    expect(await deliverCallback(world, redirect)).toContain('connected=kick');
    const calls = tokenCalls();
    await refused(callbackPath(redirect), 'state_mismatch');
    expect(tokenCalls()).toBe(calls);
  });

  it("another browser's state is refused, and the rightful browser can still complete", async () => {
    const other = await memberSession(world.app, world.rt, { role: 'owner' });
    const { authorization_url } = await startConnect(world, 'trovo', { integration_type: 'bot', bot_identifier: 'otherbrowser' });
    const redirect = world.fakes.fakes.trovo.approve(authorization_url);
    await refused(callbackPath(redirect), 'state_mismatch', other.headers);
    await refused(callbackPath(redirect), 'state_mismatch', {});
    expect(tokenCalls()).toBe(0);
    expect(await deliverCallback(world, redirect)).toContain('connected=trovo');
  });

  it("a state delivered to another platform's callback is refused before any token call (mix-up)", async () => {
    const { authorization_url } = await startConnect(world, 'twitch', { integration_type: 'bot', bot_identifier: 'mixup' });
    const redirect = new URL(world.fakes.fakes.twitch.approve(authorization_url));
    const onKick = `/v1/integrations/callback/kick${redirect.search}`;
    await refused(onKick, 'state_mismatch');
    expect(tokenCalls()).toBe(0);
    expect(await deliverCallback(world, redirect.toString())).toContain('connected=twitch');
  });

  it('a Google account without a YouTube channel lands on no_channel, not on the credentials advice of platform_error', async () => {
    const { authorization_url } = await startConnect(world, 'youtube', { integration_type: 'channel' });
    const redirect = world.fakes.fakes.youtube.approve(authorization_url, { user: 'nochannel' });
    await refused(callbackPath(redirect), 'no_channel');
  });

  it('error=access_denied (the user pressed Deny) ends without an exchange', async () => {
    const { authorization_url } = await startConnect(world, 'youtube', { integration_type: 'bot', bot_identifier: 'denied' });
    const redirect = world.fakes.fakes.youtube.deny(authorization_url);
    expect(redirect).toContain('error=access_denied');
    const res = await world.app.inject({ method: 'GET', url: callbackPath(redirect), headers: { cookie: world.owner.headers.cookie! } });
    expect(res.headers.location).toBe('/dashboard/connections/bot?error=denied');
    expect(tokenCalls()).toBe(0);
  });

  it('duplicated query parameters are refused', async () => {
    const { authorization_url } = await startConnect(world, 'twitch', { integration_type: 'bot', bot_identifier: 'dupes' });
    const redirect = new URL(world.fakes.fakes.twitch.approve(authorization_url));
    for (const param of ['state', 'code']) {
      const url = new URL(redirect);
      url.searchParams.append(param, 'second');
      await refused(callbackPath(url.toString()), 'invalid_request');
    }
    const withToken = new URL(redirect);
    withToken.searchParams.set('access_token', 'implicit');
    await refused(callbackPath(withToken.toString()), 'invalid_request');
    expect(tokenCalls()).toBe(0);
  });

  it("an `iss` other than the platform's issuer is refused before any token call; the rightful answer still completes", async () => {
    const { authorization_url } = await startConnect(world, 'twitch', { integration_type: 'bot', bot_identifier: 'issmix' });
    const redirect = new URL(world.fakes.fakes.twitch.approve(authorization_url));
    for (const iss of ['https://accounts.google.com', 'https://id.twitch.tv/oauth2/', 'https://evil.example/oauth2', '']) {
      const forged = new URL(redirect);
      forged.searchParams.set('iss', iss);
      await refused(callbackPath(forged.toString()), 'invalid_request');
    }
    expect(tokenCalls()).toBe(0);
    expect(await deliverCallback(world, redirect.toString())).toContain('connected=twitch');
  });

  it('any `iss` is refused for platforms that publish no issuer (Kick, Trovo)', async () => {
    for (const slug of ['kick', 'trovo'] as const) {
      const { authorization_url } = await startConnect(world, slug, { integration_type: 'bot', bot_identifier: `iss${slug}` });
      const redirect = new URL(world.fakes.fakes[slug].approve(authorization_url));
      redirect.searchParams.set('iss', 'https://id.kick.com');
      await refused(callbackPath(redirect.toString()), 'invalid_request');
    }
    expect(tokenCalls()).toBe(0);
  });

  it('a PKCE verifier mismatch fails the exchange and stores nothing', async () => {
    const { authorization_url } = await startConnect(world, 'kick', { integration_type: 'bot', bot_identifier: 'pkce' });
    const tampered = new URL(authorization_url);
    expect(tampered.searchParams.get('code_challenge_method')).toBe('S256');
    tampered.searchParams.set('code_challenge', 'A'.repeat(43));
    const redirect = world.fakes.fakes.kick.approve(tampered.toString());
    await refused(callbackPath(redirect), 'platform_error');
    expect(world.fakes.fakes.kick.counters.codeExchanges).toBe(0);
  });

  it('a spoofed Host or X-Forwarded-Host never changes the redirect URI', async () => {
    const res = await world.app.inject({
      method: 'POST',
      url: '/v1/integrations/platform/twitch/connect',
      headers: { ...world.owner.headers, host: 'evil.example', 'x-forwarded-host': 'evil.example' },
      payload: { integration_type: 'bot', bot_identifier: 'hosty' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const redirectUri = new URL(res.json().authorization_url).searchParams.get('redirect_uri');
    expect(redirectUri).toBe(`${world.rt.config.server.public_url}/v1/integrations/callback/twitch`);
  });
});

describe('OAuth callback: issuer (RFC 9207)', () => {
  let world: IntegrationWorld;
  beforeAll(async () => {
    world = await integrationWorld();
  });
  afterAll(async () => world?.close());

  it("a callback carrying the platform's own issuer connects", async () => {
    for (const [slug, iss] of [['twitch', 'https://id.twitch.tv/oauth2'], ['youtube', 'https://accounts.google.com']] as const) {
      const { authorization_url } = await startConnect(world, slug, { integration_type: 'bot', bot_identifier: 'withiss' });
      const redirect = new URL(world.fakes.fakes[slug].approve(authorization_url));
      redirect.searchParams.set('iss', iss);
      expect(await deliverCallback(world, redirect.toString())).toBe(`/dashboard/connections/bot?connected=${slug}`);
    }
  });

  it('a callback without `iss` connects as before, on every platform', async () => {
    for (const slug of PLATFORM_SLUGS) {
      const { authorization_url } = await startConnect(world, slug, { integration_type: 'bot', bot_identifier: 'noiss' });
      const redirect = world.fakes.fakes[slug].approve(authorization_url);
      expect(new URL(redirect).searchParams.has('iss')).toBe(false);
      expect(await deliverCallback(world, redirect)).toBe(`/dashboard/connections/bot?connected=${slug}`);
    }
  });
});

describe('OAuth callback: races', () => {
  let world: IntegrationWorld;
  beforeAll(async () => {
    world = await integrationWorld();
  });
  afterAll(async () => world?.close());

  it('two parallel callbacks with one state make one integration', async () => {
    const { authorization_url } = await startConnect(world, 'twitch', { integration_type: 'channel' });
    const redirect = world.fakes.fakes.twitch.approve(authorization_url);
    const [a, b] = await Promise.all([deliverCallback(world, redirect), deliverCallback(world, redirect)]);
    expect([a, b].filter((l) => l.includes('connected=twitch'))).toHaveLength(1);
    expect([a, b].filter((l) => l.includes('error=state_mismatch'))).toHaveLength(1);
    expect(world.fakes.fakes.twitch.counters.codeExchanges).toBe(1);
    expect(await countIntegrations(world)).toBe(1);
  });

  it('two parallel channel connects make one channel; the other is told it is already connected', async () => {
    const first = await startConnect(world, 'kick', { integration_type: 'channel' });
    const second = await startConnect(world, 'kick', { integration_type: 'channel' });
    const kick = world.fakes.fakes.kick;
    const [a, b] = await Promise.all([
      deliverCallback(world, kick.approve(first.authorization_url)),
      deliverCallback(world, kick.approve(second.authorization_url, { user: kick.users[1]!.id })),
    ]);
    expect([a, b].sort()).toEqual(['/dashboard/connections?connected=kick', '/dashboard/connections?error=already_connected']);
    const channels = await world.rt.store.db
      .selectFrom('integrations')
      .select('id')
      .where('platform', '=', 'kick')
      .where('integration_type', '=', 'channel')
      .execute();
    expect(channels).toHaveLength(1);
  });
});
