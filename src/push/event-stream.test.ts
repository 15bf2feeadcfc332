/**
 * The per-key stream cap of GET /internal/events: one key holds at most tokens.max_streams_per_key
 * streams on an instance, one more is refused with 429 TOO_MANY_STREAMS (also when they open at
 * once), other keys are unaffected, and a closed stream frees its place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../http/app.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { memberSession } from '../../test/support/auth.ts';
import { loadConfig } from '../config/load.ts';

const KEY = 'stream-cap-internal-key';
const CAP = 2;

let rt: TestRuntime;
let app: App;
let origin: string;
const open: AbortController[] = [];

beforeAll(async () => {
  rt = await testRuntime({ env: { INTERNAL_SERVICE_KEY: KEY }, overrides: { tokens: { max_streams_per_key: CAP, events_poll_interval: 0.05 } } });
  app = await buildApp(rt);
  origin = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
});
afterAll(async () => {
  for (const c of open) c.abort();
  await app?.close();
  await rt?.close();
});

async function stream(headers: Record<string, string>): Promise<{ res: Response; close: () => void }> {
  const controller = new AbortController();
  open.push(controller);
  const res = await fetch(`${origin}/internal/events`, { headers, signal: controller.signal });
  return { res, close: () => controller.abort() };
}

const internal = { 'x-internal-secret': KEY };

describe('tokens.max_streams_per_key', () => {
  it('defaults to 10 and maps BIFROST_MAX_STREAMS_PER_KEY', () => {
    expect(loadConfig().tokens.max_streams_per_key).toBe(10);
    expect(loadConfig({ env: { BIFROST_MAX_STREAMS_PER_KEY: '3' } }).tokens.max_streams_per_key).toBe(3);
    expect(() => loadConfig({ env: { BIFROST_MAX_STREAMS_PER_KEY: '0' } })).toThrow(/tokens\.max_streams_per_key .*must be between 1 and 1000/);
  });
});

describe('GET /internal/events stream cap', () => {
  it(`refuses stream ${CAP + 1} of one key with 429 TOO_MANY_STREAMS, also when they open at once; other keys stream`, async () => {
    const attempts = await Promise.all(Array.from({ length: CAP + 2 }, () => stream(internal)));
    const ok = attempts.filter((a) => a.res.status === 200);
    const refused = attempts.filter((a) => a.res.status !== 200);
    expect(ok).toHaveLength(CAP);
    expect(refused).toHaveLength(2);
    for (const r of refused) {
      expect(r.res.status).toBe(429);
      expect(r.res.headers.get('retry-after')).toBe('15');
      expect(r.res.headers.get('cache-control')).toBe('no-store');
      const body = (await r.res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('TOO_MANY_STREAMS');
      expect(body.error.message).toContain('tokens.max_streams_per_key');
    }

    // The cap is per key: a service key of an account still gets its streams.
    const owner = await memberSession(app, rt, { role: 'owner' });
    const created = await app.inject({ method: 'POST', url: '/v1/service-keys', headers: owner.headers, payload: { name: 'cap test' } });
    expect(created.statusCode, created.body).toBe(201);
    const other = await stream({ authorization: `Bearer ${created.json().key as string}` });
    expect(other.res.status).toBe(200);

    // Closing one frees its place (the server notices the disconnect shortly after).
    ok[0]!.close();
    let again = await stream(internal);
    for (let i = 0; i < 100 && again.res.status === 429; i++) {
      await new Promise((r) => setTimeout(r, 50));
      again = await stream(internal);
    }
    expect(again.res.status).toBe(200);
    expect((await stream(internal)).res.status).toBe(429);
  });
});
