// Sandbox mode: the fakes mounted in the app under /sandbox/{platform}; a scripted walk through each consent page and token endpoint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_DEFINITIONS, PLATFORM_SLUGS } from './registry.ts';
import { buildApp, type App } from '../http/app.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { expandScopes } from './oauth/scopes.ts';
import { createPkcePair } from './oauth/pkce.ts';
import { sandboxCredentials } from './sandbox.ts';
import { injectFetch } from './testing.ts';

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('sandbox mode', () => {
  let rt: TestRuntime;
  let app: App;
  beforeAll(async () => {
    rt = await testRuntime({ overrides: { sandbox: true }, fetch: injectFetch(() => app) });
    app = await buildApp(rt);
  });
  afterAll(async () => {
    await app?.close();
    await rt?.close();
  });

  it('serves an index page listing the fakes', async () => {
    const res = await app.inject({ method: 'GET', url: '/sandbox' });
    expect(res.statusCode).toBe(200);
    for (const { name } of PLATFORM_DEFINITIONS) expect(res.body).toContain(name);
  });

  it.each(PLATFORM_SLUGS)('%s: authorize page → Authorize → callback redirect → token endpoint yields a token', async (slug) => {
    const publicUrl = rt.config.server.public_url;
    const adapter = rt.platforms.get(slug)!;
    const credentials = sandboxCredentials(slug);
    const redirectUri = `${publicUrl}/v1/integrations/callback/${slug}`;
    const pkce = adapter.capabilities.pkce === 'S256' ? createPkcePair() : undefined;
    const scopes = adapter.scopes.channel.map((s) => s.scope);
    const url = new URL(adapter.authorizationUrl({ credentials, redirectUri, scopes, state: `state-${slug}`, codeChallenge: pkce?.challenge, forceConsent: true }));
    expect(url.href.startsWith(`${publicUrl}/sandbox/${slug}/`)).toBe(true);

    // 1. The consent page: plain HTML that works under the app's CSP (no script, no inline style).
    const page = await app.inject({ method: 'GET', url: url.pathname + url.search });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(page.body).not.toMatch(/<script|style=/);
    expect(page.body).toContain('>Authorize</button>');
    expect(page.body).toContain('>Deny</button>');
    for (const scope of expandScopes(adapter.scopes, scopes)) expect(unescape(page.body)).toContain(scope);
    const css = /<link rel="stylesheet" href="([^"]+)"/.exec(page.body)![1]!;
    expect((await app.inject({ method: 'GET', url: unescape(css) })).headers['content-type']).toMatch(/^text\/css/);

    // 2. Press Authorize: the form posts to the same origin; the server answers 303 to the callback.
    const action = unescape(/<form method="post" action="([^"]+)"/.exec(page.body)![1]!);
    const fields = [...page.body.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((m) => [unescape(m[1]!), unescape(m[2]!)] as [string, string]);
    const user = /<input type="radio" name="user" value="([^"]+)"/.exec(page.body)![1]!;
    const post = await app.inject({
      method: 'POST',
      url: action,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([...fields, ['user', unescape(user)], ['decision', 'approve']]).toString(),
    });
    expect(post.statusCode).toBe(303);
    const back = new URL(String(post.headers.location));
    expect(back.origin + back.pathname).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe(`state-${slug}`);

    // 3. The token endpoint (over HTTP, into the same app) gives a token; whoami names the chosen user.
    const tokens = await adapter.exchangeCode({ credentials, code: back.searchParams.get('code')!, redirectUri, codeVerifier: pkce?.verifier });
    expect(tokens.accessToken.length).toBeGreaterThan(10);
    const me = await adapter.whoami({ credentials, accessToken: tokens.accessToken });
    expect(me.platformUserId).toBe(unescape(user));
  });

  it.each(PLATFORM_SLUGS)('%s: the fake lists the chat it received at GET /sandbox/{platform}/chat (none yet)', async (slug) => {
    const res = await app.inject({ method: 'GET', url: `/sandbox/${slug}/chat` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [] });
  });

  it('a message sent through a sandbox fake shows in its chat listing', async () => {
    const adapter = rt.platforms.get('kick')!;
    const credentials = sandboxCredentials('kick');
    const redirectUri = `${rt.config.server.public_url}/v1/integrations/callback/kick`;
    const pkce = createPkcePair();
    const url = new URL(adapter.authorizationUrl({ credentials, redirectUri, scopes: ['user:read', 'chat:write'], state: 's2', codeChallenge: pkce.challenge, forceConsent: false }));
    const form = new URLSearchParams([...url.searchParams, ['user', 'bifrost_bot'], ['decision', 'approve']]);
    const post = await app.inject({ method: 'POST', url: url.pathname, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString() });
    const code = new URL(String(post.headers.location)).searchParams.get('code')!;
    const tokens = await adapter.exchangeCode({ credentials, code, redirectUri, codeVerifier: pkce.verifier });
    const me = await adapter.whoami({ credentials, accessToken: tokens.accessToken });
    await adapter.chat.send({ credentials, accessToken: tokens.accessToken, senderId: me.platformUserId, broadcasterId: '4815162' }, { text: 'hello from the sandbox' });
    const res = await app.inject({ method: 'GET', url: '/sandbox/kick/chat' });
    expect(res.json().items).toMatchObject([{ kind: 'message', sender_id: me.platformUserId, channel_id: '4815162', text: 'hello from the sandbox' }]);
  });

  it('accepts any client, but redirects only back to this server', async () => {
    const adapter = rt.platforms.get('twitch')!;
    const credentials = { clientId: 'my-own-client', clientSecret: 'whatever' };
    const ok = new URL(adapter.authorizationUrl({ credentials, redirectUri: `${rt.config.server.public_url}/cb`, scopes: [], state: 's', forceConsent: false }));
    expect((await app.inject({ method: 'GET', url: ok.pathname + ok.search })).statusCode).toBe(200);
    const evil = new URL(adapter.authorizationUrl({ credentials, redirectUri: 'https://evil.example/cb', scopes: [], state: 's', forceConsent: false }));
    expect((await app.inject({ method: 'GET', url: evil.pathname + evil.search })).statusCode).toBe(400);
  });

  it('Deny redirects back with access_denied', async () => {
    const adapter = rt.platforms.get('kick')!;
    const pkce = createPkcePair();
    const redirectUri = `${rt.config.server.public_url}/v1/integrations/callback/kick`;
    const url = new URL(adapter.authorizationUrl({ credentials: sandboxCredentials('kick'), redirectUri, scopes: ['user:read'], state: 's1', codeChallenge: pkce.challenge, forceConsent: false }));
    const form = new URLSearchParams([...url.searchParams, ['decision', 'deny']]);
    const res = await app.inject({ method: 'POST', url: url.pathname, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString() });
    expect(res.statusCode).toBe(303);
    expect(Object.fromEntries(new URL(String(res.headers.location)).searchParams)).toEqual({ error: 'access_denied', state: 's1' });
  });
});

describe('without sandbox mode', () => {
  it('mounts no fakes and keeps the real platform hosts', async () => {
    const rt = await testRuntime();
    const app = await buildApp(rt);
    try {
      expect((await app.inject({ method: 'GET', url: '/sandbox/twitch/oauth2/authorize' })).statusCode).toBe(404);
      const url = rt.platforms.get('twitch')!.authorizationUrl({ credentials: { clientId: 'c' }, redirectUri: 'https://x/cb', scopes: [], state: 's', forceConsent: false });
      expect(url.startsWith('https://id.twitch.tv/oauth2/authorize?')).toBe(true);
    } finally {
      await app.close();
      await rt.close();
    }
  });
});
