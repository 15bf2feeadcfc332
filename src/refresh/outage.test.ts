/**
 * Platform down for 10 minutes, compressed with a manual clock shared by Bifrost and the fake (F-3):
 * no token lost, consumers get 200 while a token is valid and a documented 503 once it expired (never
 * a 500), the platform sees at most one attempt per integration per backoff step, and after it
 * returns every integration is refreshed within minutes, with one degraded and one recovered notice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { startFake, type TwitchFakeKnobs } from '../platforms/twitch/fake.ts';
import type { FakeHandle } from '../platforms/fake/harness.ts';
import { refreshModes } from '../platforms/fake/knobs.ts';
import type { PlatformAdapter } from '../platforms/types.ts';
import { buildApp, type App } from '../http/app.ts';
import type { Runtime } from '../runtime.ts';
import type { TestRuntime } from '../../test/support/runtime.ts';
import { siblingOf, tokensRuntime } from '../../test/support/tokens-runtime.ts';
import { seedAccount, seedIntegration, storedTokens } from '../../test/support/token-seed.ts';
import { createWorker } from '../worker/worker.ts';
import { backoffDelay } from '../net/backoff.ts';

const KEY = 'outage-internal-key';
const N = 20;
const STEP_MS = 5_000;
const clock = new ManualClock(Date.UTC(2026, 2, 1));
let fake: FakeHandle<TwitchFakeKnobs>;
let base: TestRuntime;
let rt: Runtime;
let app: App;
const attempts = new Map<string, number[]>();

beforeAll(async () => {
  fake = await startFake({ clock, knobs: { refreshMode: refreshModes.strict, accessTokenLifetime: 1800 } });
  base = await tokensRuntime({ fake: fake as never, clock, env: { INTERNAL_SERVICE_KEY: KEY }, tokens: { backoff_base: 5, backoff_cap: 300, degraded_after: 3 } });
  const adapter = base.platforms.get('twitch')!;
  // Count attempts per grant (the refresh token names the grant at the fake).
  const counting: PlatformAdapter = {
    ...adapter,
    refresh: (p) => {
      const grant = fake.state.grantIdOf(p.refreshToken) ?? 'unknown';
      attempts.set(grant, [...(attempts.get(grant) ?? []), clock.now()]);
      return adapter.refresh(p);
    },
  };
  rt = siblingOf<Runtime>(base, { platforms: new Map([['twitch', counting]]) as Runtime['platforms'] }, { random: () => 0.5 });
  app = await buildApp(rt);
});
afterAll(async () => {
  await app.close();
  await base.close();
  await fake.close();
});

describe('platform down for 10 minutes (compressed)', () => {
  it('loses no token, answers 503 not 500, keeps to the backoff and recovers', async () => {
    const accountId = await seedAccount(rt);
    const rows = [];
    for (let i = 0; i < N; i++) rows.push(await seedIntegration(rt, fake as never, { accountId, expiresInMs: (i + 1) * 20_000 }));
    const before = new Map(rows.map((r) => [r.id, storedTokens(rt, r).refreshToken]));
    const worker = createWorker(rt);
    fake.knobs.forceStatus = 503;
    const statuses = new Set<number>();
    const outageEnd = clock.now() + 10 * 60_000;
    while (clock.now() < outageEnd) {
      await worker.tick({ settle: true });
      if ((clock.now() / STEP_MS) % 6 === 0) {
        for (const r of rows) {
          const res = await app.inject({ method: 'POST', url: `/internal/integrations/${r.id}/token`, headers: { 'x-internal-secret': KEY } });
          statuses.add(res.statusCode);
          if (res.statusCode === 503) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        }
      }
      clock.advance(STEP_MS);
    }
    expect([...statuses].sort()).toEqual([200, 503]);

    // Nothing lost or given up on.
    for (const r of rows) {
      const row = (await rt.store.db.selectFrom('integrations').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow());
      expect(storedTokens(rt, row).refreshToken).toBe(before.get(r.id));
      expect(row.status).toBe('degraded');
    }
    // At most one attempt per backoff step: consecutive attempts are never closer than the step's delay.
    const policy = { baseMs: 5000, capMs: 300_000 };
    for (const times of attempts.values()) {
      expect(times.length).toBeLessThanOrEqual(11);
      for (let k = 1; k < times.length; k++) expect(times[k]! - times[k - 1]!).toBeGreaterThanOrEqual(backoffDelay(k, policy, () => 0.5));
    }

    fake.knobs.forceStatus = null;
    const back = clock.now();
    let recoveredAt: number | undefined;
    while (clock.now() < back + 10 * 60_000) {
      await worker.tick({ settle: true });
      const left = await rt.store.db.selectFrom('integrations').select('id').where('account_id', '=', accountId).where('last_refresh_result', '<>', 'ok').execute();
      if (left.length === 0) {
        recoveredAt = clock.now();
        break;
      }
      clock.advance(STEP_MS);
    }
    expect(recoveredAt).toBeDefined();
    expect(recoveredAt! - back).toBeLessThanOrEqual(5 * 60_000 + STEP_MS);
    for (const r of rows) {
      const res = await app.inject({ method: 'POST', url: `/internal/integrations/${r.id}/token`, headers: { 'x-internal-secret': KEY } });
      expect(res.statusCode).toBe(200);
      const kinds = await rt.store.db.selectFrom('notifications').select('kind').where('integration_id', '=', r.id).orderBy('created_at').execute();
      expect(kinds.map((k) => k.kind)).toEqual(['degraded', 'recovered']);
    }
    expect(fake.counters.reuseDetections).toBe(0);
  }, 120_000);
});
