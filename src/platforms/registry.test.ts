// The registry and the test helpers other capabilities use: fakes' baseUrls plug into the registry and the config's endpoints; consent over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime } from '../../test/support/runtime.ts';
import { createPlatformRegistry, PLATFORM_SLUGS } from './registry.ts';
import { connectWithFake, startAllFakes, type AllFakes } from './testing.ts';

describe('registry and fakes together', () => {
  let all: AllFakes;
  beforeAll(async () => {
    all = await startAllFakes();
  });
  afterAll(async () => all?.close());

  it('createPlatformRegistry takes a fake’s baseUrls as endpoints, as they come', async () => {
    const registry = createPlatformRegistry({ fetch, endpoints: { twitch: all.fakes.twitch.baseUrls } });
    expect([...registry.keys()]).toEqual([...PLATFORM_SLUGS]);
    const twitch = registry.get('twitch')!;
    const { tokens } = await connectWithFake(twitch, all.fakes.twitch);
    expect((await twitch.whoami({ credentials: all.fakes.twitch.credentials, accessToken: tokens.accessToken })).username).toBe('twitchdev');
    // Platforms without overrides keep their real hosts.
    expect(registry.get('kick')!.authorizationUrl({ credentials: { clientId: 'c' }, redirectUri: 'https://x/cb', scopes: [], state: 's', codeChallenge: 'c', forceConsent: false })).toMatch(/^https:\/\/id\.kick\.com\//);
  });

  it('endpoints from the fakes (config integrations.<slug>.endpoints) and the env of startAllFakes give working adapters for every platform', async () => {
    const rt = await testRuntime({ env: all.env, platformBaseUrls: all.baseUrls });
    try {
      expect(rt.config.integrations.twitch.client_id).toBe(all.fakes.twitch.credentials.clientId);
      expect(rt.config.integrations.kick.endpoints).toEqual(all.fakes.kick.baseUrls);
      for (const slug of PLATFORM_SLUGS) {
        const fake = all.fakes[slug];
        const { tokens } = await connectWithFake(rt.platforms.get(slug)!, fake);
        expect(tokens.accessToken).toBeTruthy();
        expect(fake.counters.codeExchanges).toBeGreaterThan(0);
      }
    } finally {
      await rt.close();
    }
  });

  it('serves the consent page over HTTP; auto-approve answers 302 with code and state', async () => {
    const fake = all.fakes.twitch;
    const adapter = createPlatformRegistry({ fetch, endpoints: { twitch: fake.baseUrls } }).get('twitch')!;
    const url = adapter.authorizationUrl({ credentials: fake.credentials, redirectUri: 'http://127.0.0.1:9/cb', scopes: ['user:read:chat'], state: 'abc', forceConsent: false });
    const page = await fetch(url, { redirect: 'manual' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('user:read:chat');
    expect(html).toContain('Receive chat messages and notifications (EventSub)');
    fake.knobs.autoApprove = true;
    fake.knobs.defaultUser = 'bifrost_bot';
    const auto = await fetch(url, { redirect: 'manual' });
    expect(auto.status).toBe(302);
    const back = new URL(auto.headers.get('location')!);
    expect([back.origin + back.pathname, back.searchParams.get('state'), back.searchParams.get('scope')]).toEqual(['http://127.0.0.1:9/cb', 'abc', 'user:read:chat']);
    const tokens = await adapter.exchangeCode({ credentials: fake.credentials, code: back.searchParams.get('code')!, redirectUri: 'http://127.0.0.1:9/cb' });
    expect((await adapter.whoami({ credentials: fake.credentials, accessToken: tokens.accessToken })).username).toBe('bifrost_bot');
    fake.reset();
    expect(fake.knobs.autoApprove).toBe(false);
    const unknown = await fetch(url.replace(`client_id=${fake.credentials.clientId}`, 'client_id=stranger'), { redirect: 'manual' });
    expect([unknown.status, (await unknown.json()).message]).toEqual([400, 'invalid client']);
  });

  it('a code is single-use: replaying it fails and revokes what it issued (RFC 6749 §4.1.2)', async () => {
    const fake = all.fakes.youtube;
    const adapter = createPlatformRegistry({ fetch, endpoints: { youtube: fake.baseUrls } }).get('youtube')!;
    const { tokens, redirect, codeVerifier } = await connectWithFake(adapter, fake);
    const code = new URL(redirect).searchParams.get('code')!;
    const again = adapter.exchangeCode({ credentials: fake.credentials, code, redirectUri: 'http://127.0.0.1:8080/v1/integrations/callback/youtube', codeVerifier });
    await expect(again).rejects.toMatchObject({ kind: 'oauth', oauthError: 'invalid_grant' });
    await expect(adapter.validate!({ credentials: fake.credentials, accessToken: tokens.accessToken })).rejects.toMatchObject({ oauthError: 'invalid_token' });
  });
});
