// Sandbox mode across a restart: each fake keeps its grants in the data dir, so tokens issued before the restart still refresh after it.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PLATFORM_SLUGS } from './registry.ts';
import { buildApp, type App } from '../http/app.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { createPkcePair } from './oauth/pkce.ts';
import { sandboxCredentials } from './sandbox.ts';
import { injectFetch } from './testing.ts';

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

interface Instance {
  rt: TestRuntime;
  app: App;
}

async function startSandbox(dataDir?: string): Promise<Instance> {
  const instance = {} as Instance;
  instance.rt = await testRuntime({ overrides: { sandbox: true, ...(dataDir ? { data_dir: dataDir } : {}) }, fetch: injectFetch(() => instance.app) });
  instance.app = await buildApp(instance.rt);
  return instance;
}

async function stop(instance: Instance | undefined): Promise<void> {
  await instance?.app.close();
  await instance?.rt.close();
}

/** Connects the first test user through the sandbox's consent page, as a browser would; answers the tokens. */
async function connect(instance: Instance, slug: (typeof PLATFORM_SLUGS)[number]) {
  const { rt, app } = instance;
  const adapter = rt.platforms.get(slug)!;
  const credentials = sandboxCredentials(slug);
  const redirectUri = `${rt.config.server.public_url}/v1/integrations/callback/${slug}`;
  const pkce = adapter.capabilities.pkce === 'S256' ? createPkcePair() : undefined;
  const url = new URL(adapter.authorizationUrl({ credentials, redirectUri, scopes: adapter.scopes.channel.map((s) => s.scope), state: 's', codeChallenge: pkce?.challenge, forceConsent: true }));
  const page = (await app.inject({ method: 'GET', url: url.pathname + url.search })).body;
  const action = unescape(/<form method="post" action="([^"]+)"/.exec(page)![1]!);
  const fields = [...page.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((m) => [unescape(m[1]!), unescape(m[2]!)] as [string, string]);
  const user = unescape(/<input type="radio" name="user" value="([^"]+)"/.exec(page)![1]!);
  const post = await app.inject({
    method: 'POST',
    url: action,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams([...fields, ['user', user], ['decision', 'approve']]).toString(),
  });
  const code = new URL(String(post.headers.location)).searchParams.get('code')!;
  return { adapter, credentials, tokens: await adapter.exchangeCode({ credentials, code, redirectUri, codeVerifier: pkce?.verifier }), user };
}

describe('sandbox mode across a restart', () => {
  let first: Instance | undefined;
  let second: Instance | undefined;
  let fresh: Instance | undefined;
  afterAll(async () => {
    await stop(first);
    await stop(second);
    await stop(fresh);
  });

  it.each(PLATFORM_SLUGS)('%s: a grant made before the restart still refreshes and answers whoami after it', async (slug) => {
    first = await startSandbox();
    const dataDir = first.rt.config.data_dir;
    const before = await connect(first, slug);
    expect(before.tokens.refreshToken).toBeDefined();
    const file = join(dataDir, 'sandbox', `${slug}.json`);
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o077).toBe(0);
    await stop(first);
    first = undefined;

    second = await startSandbox(dataDir);
    const adapter = second.rt.platforms.get(slug)!;
    const refreshed = await adapter.refresh({ credentials: before.credentials, refreshToken: before.tokens.refreshToken! });
    expect(refreshed.accessToken).not.toBe(before.tokens.accessToken);
    expect((await adapter.whoami({ credentials: before.credentials, accessToken: refreshed.accessToken })).platformUserId).toBe(before.user);
    // The rotated refresh token is saved too: a second restart keeps the newest one valid.
    const latest = refreshed.refreshToken ?? before.tokens.refreshToken!;
    await stop(second);
    second = await startSandbox(dataDir);
    const again = await second.rt.platforms.get(slug)!.refresh({ credentials: before.credentials, refreshToken: latest });
    expect(again.accessToken.length).toBeGreaterThan(10);
    await stop(second);
    second = undefined;
  });

  it('a sandbox with another data dir does not know those grants', async () => {
    const one = await startSandbox();
    const { credentials, tokens } = await connect(one, 'twitch');
    await stop(one);
    fresh = await startSandbox();
    await expect(fresh.rt.platforms.get('twitch')!.refresh({ credentials, refreshToken: tokens.refreshToken! })).rejects.toMatchObject({ oauthError: 'invalid_grant' });
  });
});
