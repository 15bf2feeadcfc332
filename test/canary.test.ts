/**
 * Canary (F-11): with every configured secret set to a known canary string, the server is started and
 * exercised, including failing requests, and no canary appears in captured logs or responses.
 * Later capabilities extend REQUESTS with their own routes.
 */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/http/app.ts';
import { testRuntime } from './support/runtime.ts';
import { generateKeySpec } from '../src/crypto/keyring.ts';

const CANARY = 'CANARY7f3a';

const REQUESTS: { method: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH'; url: string; payload?: unknown; headers?: Record<string, string> }[] = [
  { method: 'GET', url: '/healthz' },
  { method: 'GET', url: '/readyz' },
  { method: 'GET', url: '/openapi.json' },
  { method: 'GET', url: `/nope?code=${CANARY}&state=${CANARY}` },
  { method: 'POST', url: '/healthz', payload: { token: CANARY } },
  { method: 'GET', url: '/v1/integrations/callback/twitch?code=' + CANARY, headers: { authorization: `Bearer ${CANARY}`, cookie: `s=${CANARY}` } },
  { method: 'POST', url: '/internal/integrations/int_x/token', headers: { 'x-internal-secret': CANARY } },
];

describe('secrets never reach logs or responses', () => {
  it('with every secret set to a canary', async () => {
    const key = generateKeySpec('k1');
    const rt = await testRuntime({
      logLevel: 'trace',
      env: {
        INTERNAL_SERVICE_KEY: `${CANARY}-isk`,
        BIFROST_ENCRYPTION_KEYS: key,
        TWITCH_INTEGRATION_CLIENT_ID: 'twitch-client-id',
        TWITCH_INTEGRATION_CLIENT_SECRET: `${CANARY}-twitch`,
        YOUTUBE_INTEGRATION_CLIENT_SECRET: `${CANARY}-youtube`,
        KICK_INTEGRATION_CLIENT_SECRET: `${CANARY}-kick`,
        TROVO_INTEGRATION_CLIENT_SECRET: `${CANARY}-trovo`,
      },
    });
    const app = await buildApp(rt);
    const bodies: string[] = [];
    try {
      for (const r of REQUESTS) {
        const res = await app.inject({ method: r.method, url: r.url, payload: r.payload as never, headers: r.headers });
        bodies.push(JSON.stringify(res.headers), res.body);
      }
    } finally {
      await app.close();
      await rt.close();
    }
    const logs = rt.logs.text();
    expect(logs.length).toBeGreaterThan(0);
    for (const text of [logs, ...bodies]) {
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain(key.split(':')[1]);
    }
  });
});
