/**
 * Canary (F-11): with every configured secret set to a known canary string, the server is started and
 * exercised, including failing requests, and no canary appears in captured logs or responses.
 * Later capabilities extend REQUESTS with their own routes.
 */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/http/app.ts';
import { testRuntime } from './support/runtime.ts';
import { generateKeySpec } from '../src/crypto/keyring.ts';
import { memberSession } from './support/auth.ts';
import { startFakeObs } from '../src/tools/fakes/obs-server.ts';
import { startFakeStreamerbot } from '../src/tools/fakes/streamerbot-server.ts';

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

  it('tool passwords and StreamElements JWTs, once saved, appear in no log, response or audit event', async () => {
    const rt = await testRuntime({ logLevel: 'trace' });
    const app = await buildApp(rt);
    const obs = await startFakeObs({ password: `${CANARY}-obs` });
    const sb = await startFakeStreamerbot({ password: `${CANARY}-sb` });
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    // The canary sits in the signature, away from the last 4 characters shown as the hint.
    const jwt = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ channel: 'c1' })}.${CANARY}sigAbcd`;
    const bodies: string[] = [];
    try {
      const { headers } = await memberSession(app, rt, { role: 'owner' });
      const send = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
        const res = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
        bodies.push(JSON.stringify(res.headers), res.body);
        return res;
      };
      const o = (await send('POST', '/v1/tools', { kind: 'obs', remote_access: true, host: '127.0.0.1', port: obs.port, password: `${CANARY}-obs` })).json();
      const s = (await send('POST', '/v1/tools', { kind: 'streamerbot', port: sb.port, password: `${CANARY}-wrong` })).json();
      await send('POST', '/v1/tools', { kind: 'obs', port: 99999, password: `${CANARY}-bad` });
      await send('POST', '/v1/tools', { kind: 'obs', host: 'x.example', password: `${CANARY}-bad` });
      expect((await send('POST', `/v1/tools/${o.id}/test`)).json().ok).toBe(true);
      expect((await send('POST', `/v1/tools/${s.id}/test`)).json().outcome).toBe('auth_failed');
      await send('PATCH', `/v1/tools/${s.id}`, { password: `${CANARY}-sb` });
      expect((await send('POST', `/v1/tools/${s.id}/test`)).json().ok).toBe(true);
      await send('GET', '/v1/tools');
      await send('GET', `/v1/tools/${o.id}`);
      await send('POST', '/v1/streamelements/tokens', { platform: 'twitch', token: jwt, label: 'Main' });
      await send('POST', '/v1/streamelements/tokens', { platform: 'twitch', token: `${CANARY}.not-a-jwt` });
      await send('GET', '/v1/streamelements/tokens');
      await send('DELETE', `/v1/tools/${o.id}`);
      const audit = await rt.store.db.selectFrom('audit_events').selectAll().execute();
      const rows = [
        ...(await rt.store.db.selectFrom('tools').selectAll().execute()),
        ...(await rt.store.db.selectFrom('streamelements_tokens').selectAll().execute()),
      ];
      bodies.push(JSON.stringify(audit), JSON.stringify(rows));
      expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['tool.created', 'tool.tested', 'tool.updated', 'tool.deleted', 'streamelements_token.added']));
    } finally {
      await Promise.all([obs.close(), sb.close()]);
      await app.close();
      await rt.close();
    }
    for (const text of [rt.logs.text(), ...bodies]) {
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain(jwt.split('.')[1] + '.');
    }
  });

});
