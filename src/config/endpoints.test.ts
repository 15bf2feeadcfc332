// Platform endpoints in configuration: [integrations.<slug>.endpoints] and <SLUG>_INTEGRATION_ENDPOINTS, validated; sandbox mode as their preset.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './load.ts';
import { problems, toml } from './testing.ts';
import { PLATFORM_DEFINITIONS } from '../platforms/registry.ts';
import { KICK_BASE_URLS } from '../platforms/kick/index.ts';
import { TWITCH_BASE_URLS } from '../platforms/twitch/index.ts';
import { testRuntime } from '../../test/support/runtime.ts';

const STAGING = { oauth: 'https://kick-staging.example.com', api: 'https://egress.example.com/kick/public/v1' };

describe('endpoints from the file and the environment', () => {
  it('[integrations.kick.endpoints] in bifrost.toml sets Kick\'s groups; other platforms keep their own', () => {
    const path = toml(`[integrations.kick.endpoints]\noauth = "${STAGING.oauth}/"\napi = "${STAGING.api}"\n`);
    const c = loadConfig({ env: {}, flags: { config: path } });
    expect(c.integrations.kick.endpoints).toEqual(STAGING);
    expect(c.integrations.twitch.endpoints).toEqual(TWITCH_BASE_URLS);
  });

  it('KICK_INTEGRATION_ENDPOINTS is JSON; it wins group by group over the file', () => {
    const path = toml(`[integrations.kick.endpoints]\noauth = "https://from-file.example.com"\napi = "${STAGING.api}"\n`);
    const c = loadConfig({ env: { BIFROST_CONFIG: path, KICK_INTEGRATION_ENDPOINTS: JSON.stringify({ oauth: STAGING.oauth }) } });
    expect(c.integrations.kick.endpoints).toEqual(STAGING);
    const envOnly = loadConfig({ env: { KICK_INTEGRATION_ENDPOINTS: `{"api":"${STAGING.api}"}` } });
    expect(envOnly.integrations.kick.endpoints).toEqual({ oauth: KICK_BASE_URLS.oauth, api: STAGING.api });
  });

  it('every platform in the registry has the key and the variable, with its own group names', () => {
    for (const def of PLATFORM_DEFINITIONS) {
      const groups = Object.keys(def.defaultBaseUrls);
      const wanted = Object.fromEntries(groups.map((g) => [g, `https://${def.slug}-${g}.staging.example.com`]));
      const c = loadConfig({ env: { [`${def.slug.toUpperCase()}_INTEGRATION_ENDPOINTS`]: JSON.stringify(wanted) } });
      expect(c.integrations[def.slug].endpoints, def.slug).toEqual(wanted);
    }
  });

  it('the adapters call the configured endpoints', async () => {
    const seen: string[] = [];
    const fetch = (async (input: string | URL | Request) => {
      seen.push(String(input));
      return new Response(JSON.stringify({ data: [{ user_id: 1, name: 'kickdev', email: 'x@example.com' }] }), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof globalThis.fetch;
    const rt = await testRuntime({ env: { KICK_INTEGRATION_ENDPOINTS: JSON.stringify(STAGING) }, fetch });
    try {
      const kick = rt.platforms.get('kick')!;
      const url = kick.authorizationUrl({ credentials: { clientId: 'c' }, redirectUri: 'https://b.example/cb', scopes: [], state: 's', codeChallenge: 'x', forceConsent: false });
      expect(url.startsWith(`${STAGING.oauth}/oauth/authorize?`)).toBe(true);
      await kick.whoami({ credentials: { clientId: 'c' }, accessToken: 'a' }).catch(() => undefined);
      expect(seen).toEqual([`${STAGING.api}/users`]);
    } finally {
      await rt.close();
    }
  });
});

describe('endpoint problems name the key and the fix', () => {
  const env = (value: string) => () => loadConfig({ env: { KICK_INTEGRATION_ENDPOINTS: value } });

  it('http:// is refused on a non-loopback host and accepted on loopback', () => {
    expect(problems(env('{"oauth":"http://kick-staging.example.com"}'))).toEqual([
      expect.stringMatching(/^integrations\.kick\.endpoints\.oauth \(from KICK_INTEGRATION_ENDPOINTS\): uses http:\/\/ on a non-loopback host; .*https except on loopback/),
    ]);
    expect(loadConfig({ env: { KICK_INTEGRATION_ENDPOINTS: '{"oauth":"http://127.0.0.1:9000"}' } }).integrations.kick.endpoints.oauth).toBe('http://127.0.0.1:9000');
  });

  it('an unknown group is refused, listing the valid ones', () => {
    expect(problems(env('{"token":"https://kick-staging.example.com"}'))).toEqual(['integrations.kick.endpoints.token (from KICK_INTEGRATION_ENDPOINTS): unknown endpoint group; Kick\'s groups are oauth, api']);
    const path = toml(`[integrations.twitch.endpoints]\nhelix = "https://helix.example.com"\n`);
    expect(problems(() => loadConfig({ env: {}, flags: { config: path } }))).toEqual([`integrations.twitch.endpoints.helix (from ${path}): unknown endpoint group; Twitch's groups are oauth, api, eventsub`]);
  });

  it('JSON that does not parse, or is not an object, is refused with an example', () => {
    for (const bad of ['{oauth: https://x}', '["https://x"]', '"https://x"']) {
      expect(problems(env(bad)), bad).toEqual(['integrations.kick.endpoints (from KICK_INTEGRATION_ENDPOINTS): must be a JSON object such as {"oauth":"https://…","api":"https://…"}']);
    }
  });

  it('relative URLs, queries, fragments and credentials are refused', () => {
    expect(problems(env('{"oauth":"kick-staging.example.com"}'))[0]).toMatch(/^integrations\.kick\.endpoints\.oauth .*: must be an absolute URL/);
    for (const url of ['https://x.example.com/?a=1', 'https://x.example.com/#f', 'https://user:pw@x.example.com']) {
      expect(problems(env(JSON.stringify({ api: url }))), url).toEqual([expect.stringMatching(/^integrations\.kick\.endpoints\.api .*: must not contain a query, fragment or credentials$/)]);
    }
    expect(problems(env('{"api":"ftp://x.example.com"}'))[0]).toMatch(/must start with https:\/\//);
  });
});

describe('sandbox mode is a preset of the endpoints', () => {
  const PUBLIC = 'https://bifrost.example.com';

  it('points every platform\'s every group at its fake under {public_url}/sandbox/{slug}', () => {
    const c = loadConfig({ env: { BIFROST_SANDBOX: 'true', SERVER_PUBLIC_URL: PUBLIC } });
    for (const def of PLATFORM_DEFINITIONS) {
      const endpoints = c.integrations[def.slug].endpoints;
      expect(Object.keys(endpoints), def.slug).toEqual(Object.keys(def.defaultBaseUrls));
      for (const [group, url] of Object.entries(endpoints)) expect(url, `${def.slug}.${group}`).toBe(`${PUBLIC}/sandbox/${def.slug}${new URL(def.defaultBaseUrls[group]!).pathname.replace(/\/$/, '')}`);
    }
    expect(c.integrations.twitch.endpoints.oauth).toBe(`${PUBLIC}/sandbox/twitch/oauth2`);
  });

  it('explicit endpoints win over the sandbox preset, group by group', () => {
    const c = loadConfig({ env: { BIFROST_SANDBOX: 'true', SERVER_PUBLIC_URL: PUBLIC, KICK_INTEGRATION_ENDPOINTS: JSON.stringify({ oauth: STAGING.oauth }) } });
    expect(c.integrations.kick.endpoints).toEqual({ oauth: STAGING.oauth, api: `${PUBLIC}/sandbox/kick/public/v1` });
    expect(c.integrations.trovo.endpoints.api).toBe(`${PUBLIC}/sandbox/trovo/openplatform`);
  });

  it('without sandbox mode the platforms\' own endpoints apply', () => {
    const c = loadConfig({ env: { SERVER_PUBLIC_URL: PUBLIC } });
    for (const def of PLATFORM_DEFINITIONS) expect(c.integrations[def.slug].endpoints).toEqual(def.defaultBaseUrls);
  });
});

describe('the README documents the endpoint groups', () => {
  it('lists every platform\'s every group with its default, and nothing else', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const start = readme.indexOf('\n### Endpoints\n');
    expect(start).toBeGreaterThan(-1);
    const section = readme.slice(start, readme.indexOf('\n### ', start + 1));
    const rows = section.split('\n').filter((l) => /^\| [A-Z]/.test(l) && !l.startsWith('| platform'));
    const expected = PLATFORM_DEFINITIONS.flatMap((def) => Object.entries(def.defaultBaseUrls).map(([group, url]) => `| ${def.name} | \`${group}\` | \`${url}\` |`));
    expect(rows).toEqual(expected);
  });
});
