import { describe, expect, it } from 'vitest';
import { chmodSync } from 'node:fs';
import { loadConfig, maskedConfig } from './load.ts';
import { problems, toml } from './testing.ts';
import { generateKeySpec } from '../crypto/keyring.ts';
import { TWITCH_BASE_URLS } from '../platforms/twitch/index.ts';

describe('config sources', () => {
  it('uses defaults with nothing set', () => {
    const c = loadConfig({ env: {} });
    expect(c.server.host).toBe('127.0.0.1');
    expect(c.server.port).toBe(8080);
    expect(c.server.public_url).toBe('http://127.0.0.1:8080');
    expect(c.data_dir).toBe('./data');
    expect(c.database.url).toBeUndefined();
    expect(Object.isFrozen(c.server)).toBe(true);
  });

  it('layers defaults < file < environment < flags', () => {
    const path = toml(`data_dir = "/from-file"\n[server]\nport = 9001\nhost = "127.0.0.2"\n`);
    const fileOnly = loadConfig({ env: {}, flags: { config: path } });
    expect(fileOnly.server.port).toBe(9001);
    expect(fileOnly.data_dir).toBe('/from-file');
    const envWins = loadConfig({ env: { BIFROST_CONFIG: path, BIFROST_PORT: '9002' } });
    expect(envWins.server.port).toBe(9002);
    expect(envWins.server.host).toBe('127.0.0.2');
    const flagWins = loadConfig({ env: { BIFROST_CONFIG: path, BIFROST_PORT: '9002' }, flags: { port: '9003', dataDir: '/flag' } });
    expect(flagWins.server.port).toBe(9003);
    expect(flagWins.data_dir).toBe('/flag');
  });

  it('accepts the documented keys and variable names exactly, in the file and in the environment', () => {
    const path = toml(`[server]\npublic_url = "https://bifrost.example.com/"\n[integrations]\ninternal_service_key = "k-file"\n[integrations.kick]\nclient_id = "kick-id"\nclient_secret = ""\n`);
    const c = loadConfig({ env: { TWITCH_INTEGRATION_CLIENT_ID: 'tw-id', TWITCH_INTEGRATION_CLIENT_SECRET: 'tw-secret' }, flags: { config: path } });
    expect(c.server.public_url).toBe('https://bifrost.example.com');
    expect(c.integrations.internal_service_key).toEqual(['k-file']);
    expect(c.integrations.kick.client_id).toBe('kick-id');
    expect(c.integrations.twitch).toEqual({ client_id: 'tw-id', client_secret: 'tw-secret', endpoints: TWITCH_BASE_URLS });
    const fromEnv = loadConfig({ env: { SERVER_PUBLIC_URL: 'https://b.example', INTERNAL_SERVICE_KEY: 'old,new', YOUTUBE_INTEGRATION_CLIENT_ID: 'yt' } });
    expect(fromEnv.integrations.internal_service_key).toEqual(['old', 'new']);
    expect(fromEnv.integrations.youtube.client_id).toBe('yt');
  });

  it('allows http public_url on loopback only', () => {
    expect(loadConfig({ env: { SERVER_PUBLIC_URL: 'http://127.0.0.1:3000' } }).server.public_url).toBe('http://127.0.0.1:3000');
    expect(loadConfig({ env: { SERVER_PUBLIC_URL: 'http://localhost:3000' } }).server.public_url).toBe('http://localhost:3000');
    const p = problems(() => loadConfig({ env: { SERVER_PUBLIC_URL: 'http://bifrost.example.com' } }));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^server\.public_url \(from SERVER_PUBLIC_URL\): .*https except on loopback/);
  });
});

describe('config problems name the key and never a secret', () => {
  const secret = 'CANARY-s3cr3t-value';
  const cases: [string, () => unknown, RegExp][] = [
    ['bad URL', () => loadConfig({ env: { SERVER_PUBLIC_URL: 'not a url' } }), /^server\.public_url .*absolute URL/],
    ['bad port', () => loadConfig({ env: { BIFROST_PORT: '70000' } }), /^server\.port \(from BIFROST_PORT\): must be between 1 and 65535/],
    ['non-numeric port flag', () => loadConfig({ env: {}, flags: { port: 'eighty' } }), /^server\.port \(from --port\): must be a number/],
    ['unknown platform section', () => loadConfig({ env: {}, flags: { config: toml(`[integrations.mixer]\nclient_id = "x"\nclient_secret = "${secret}"\n`) } }), /^integrations\.mixer .*unknown key; known platforms are twitch, youtube, kick, trovo/],
    ['malformed key', () => loadConfig({ env: { BIFROST_ENCRYPTION_KEYS: `k1:${secret}` } }), /^encryption\.keys\.0 \(from BIFROST_ENCRYPTION_KEYS\)|^encryption\.keys.*must decode to 32 bytes|^encryption\.keys.*id:base64key/],
    ['unreadable file', () => loadConfig({ env: {}, flags: { config: '/nonexistent/bifrost.toml' } }), /^--config: cannot read config file "\/nonexistent\/bifrost.toml" \(ENOENT\)/],
    ['invalid TOML', () => loadConfig({ env: { BIFROST_CONFIG: toml(`[server\nport = 1`) } }), /^BIFROST_CONFIG: ".*" is not valid TOML/],
    ['bad database url', () => loadConfig({ env: { DATABASE_URL: `mysql://u:${secret}@h/db` } }), /^database\.url \(from DATABASE_URL\): must be a postgres:\/\/ URL/],
    ['unknown top-level key', () => loadConfig({ env: {}, flags: { config: toml(`prot = 1\n`) } }), /^prot .*unknown key/],
  ];
  it.each(cases)('%s', (_name, fn, pattern) => {
    const p = problems(fn);
    expect(p.length).toBeGreaterThan(0);
    expect(p.some((line) => pattern.test(line))).toBe(true);
    expect(p.join('\n')).not.toContain(secret);
  });

  it('reports a file that exists but cannot be read', () => {
    if (process.getuid?.() === 0) return; // root reads any file; the ENOENT case covers the path
    const path = toml('port = 1');
    chmodSync(path, 0);
    expect(problems(() => loadConfig({ env: {}, flags: { config: path } }))[0]).toMatch(/cannot read config file/);
  });
});

describe('maskedConfig', () => {
  it('masks every secret and keeps the rest', () => {
    const key = generateKeySpec('k7');
    const c = loadConfig({
      env: {
        BIFROST_ENCRYPTION_KEYS: key,
        INTERNAL_SERVICE_KEY: 'isk-CANARY',
        TWITCH_INTEGRATION_CLIENT_ID: 'twid',
        TWITCH_INTEGRATION_CLIENT_SECRET: 'tws-CANARY',
        DATABASE_URL: 'postgres://bifrost:pw-CANARY@db.example:5432/bifrost',
      },
    });
    const text = JSON.stringify(maskedConfig(c));
    expect(text).not.toContain('CANARY');
    expect(text).not.toContain(key.split(':')[1]);
    expect(text).toContain('twid');
    expect(text).toContain('k7:********');
    expect(text).toContain('db.example');
  });

  it('prints durations as they are written in the settings, not as the milliseconds Bifrost uses', () => {
    const c = loadConfig({ env: { BIFROST_WORKER_INTERVAL: '250ms', BIFROST_REFRESH_MARGIN: '900' } });
    expect(c.tokens.refresh_margin).toBe(900_000);
    const shown = maskedConfig(c) as { tokens: Record<string, unknown>; server: Record<string, unknown>; database: Record<string, unknown> };
    expect(shown.tokens).toMatchObject({ refresh_margin: '15m', worker_interval: '250ms', lease: '1m', max_age: '1d', read_cache_ms: 1000 });
    expect(shown.server).toMatchObject({ session_idle_timeout: '12h', session_absolute_lifetime: '30d' });
    expect(shown.database.wait).toBe('0');
  });
});
