/**
 * The pace rule over a compressed clock shared by Bifrost and the fake: whatever the configuration and
 * whoever asks (worker, reads, 401 reports, the Refresh button), one integration is refreshed at most
 * once per half of its token's lifetime and never within tokens.min_refresh_interval. The fake's call
 * log (timestamped by the shared clock) is the oracle.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { startFake, type TwitchFakeKnobs } from '../platforms/twitch/fake.ts';
import type { FakeHandle } from '../platforms/fake/harness.ts';
import { refreshModes } from '../platforms/fake/knobs.ts';
import { buildApp, type App } from '../http/app.ts';
import type { TestRuntime } from '../../test/support/runtime.ts';
import { storeTargets, type StoreTarget } from '../../test/support/stores.ts';
import { memberSession } from '../../test/support/auth.ts';
import { tokensRuntime } from '../../test/support/tokens-runtime.ts';
import { seedAccount, seedIntegration } from '../../test/support/token-seed.ts';
import { createWorker } from '../worker/worker.ts';

const KEY = 'pace-internal-key';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface Scenario {
  clock: ManualClock;
  fake: FakeHandle<TwitchFakeKnobs>;
  rt: TestRuntime;
  app: App;
  accountId: string;
}

/** Runs `body` against a fresh store, a fake issuing tokens of this lifetime, and these tokens.* settings. */
async function withScenario(target: StoreTarget, lifetimeSeconds: number, tokens: Record<string, unknown>, body: (s: Scenario) => Promise<void>): Promise<void> {
  const clock = new ManualClock(Date.UTC(2026, 3, 1));
  const fake = await startFake({ clock, knobs: { refreshMode: refreshModes.strict, accessTokenLifetime: lifetimeSeconds } });
  const rt = await tokensRuntime({ store: await target.open(), fake: fake as never, clock, env: { INTERNAL_SERVICE_KEY: KEY }, tokens });
  const app = await buildApp(rt);
  try {
    await body({ clock, fake, rt, app, accountId: await seedAccount(rt) });
  } finally {
    await app.close();
    await rt.close();
    await fake.close();
  }
}

/** A consumer calling `path` of the token API once a second, `times` times; every answer must be a 200. */
async function consumerLoop(s: Scenario, path: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    const res = await s.app.inject({ method: 'POST', url: `/internal/integrations/${path}`, headers: { 'x-internal-secret': KEY } });
    expect(res.statusCode, res.body).toBe(200);
    expect(Date.parse(res.json().expires_at)).toBeGreaterThan(s.clock.now());
    s.clock.advance(1_000);
  }
}

/** Times of the successful refreshes of each grant, from the fake's log. */
function refreshTimes(fake: FakeHandle<TwitchFakeKnobs>): number[][] {
  const byGrant = new Map<string, number[]>();
  for (const c of fake.calls) {
    if (c.endpoint !== 'token' || c.grantType !== 'refresh_token' || c.status !== 200) continue;
    byGrant.set(c.grantId!, [...(byGrant.get(c.grantId!) ?? []), c.at]);
  }
  return [...byGrant.values()];
}

/** Each grant's refreshes: never closer than `minGapMs`, and between `min` and `max` of them. */
function expectRefreshes(fake: FakeHandle<TwitchFakeKnobs>, grants: number, minGapMs: number, min: number, max: number): void {
  const all = refreshTimes(fake);
  expect(all).toHaveLength(grants);
  for (const times of all) {
    for (let k = 1; k < times.length; k++) expect(times[k]! - times[k - 1]!, `refresh ${k}`).toBeGreaterThanOrEqual(minGapMs);
    expect(times.length).toBeGreaterThanOrEqual(min);
    expect(times.length).toBeLessThanOrEqual(max);
  }
}

/** The worker ticking every `stepMs` for `durationMs` of the compressed clock; `each` runs after every tick. */
async function runWorker(s: Scenario, durationMs: number, stepMs: number, each: () => Promise<void> = async () => {}): Promise<void> {
  const worker = createWorker(s.rt);
  const end = s.clock.now() + durationMs;
  while (s.clock.now() < end) {
    await worker.tick({ settle: true });
    await each();
    s.clock.advance(stepMs);
  }
}

for (const target of storeTargets()) {
  describe(`the pace rule on ${target.name}`, () => {
    it('300-second tokens and the default 10-minute margin: the worker refreshes each at most once per 150 s, and keeps them valid', () =>
      withScenario(target, 300, {}, async (s) => {
        // One connected just now, one whose token is about to expire.
        const rows = [await seedIntegration(s.rt, s.fake as never, { accountId: s.accountId }), await seedIntegration(s.rt, s.fake as never, { accountId: s.accountId, expiresInMs: 20_000 })];
        await runWorker(s, 30 * MINUTE, 5_000, async () => {
          for (const r of rows) {
            const row = await s.rt.store.db.selectFrom('integrations').select('token_expires_at').where('id', '=', r.id).executeTakeFirstOrThrow();
            expect(row.token_expires_at).toBeGreaterThan(s.clock.now());
          }
        });
        // 30 minutes at one refresh per 150 s.
        expectRefreshes(s.fake, 2, 150_000, 11, 13);
      }));

    it('refresh_margin = 3h with 2-hour tokens: one refresh per hour, not one per tick', () =>
      withScenario(target, 7200, { refresh_margin: 3 * 3600, read_margin: 600 }, async (s) => {
        await seedIntegration(s.rt, s.fake as never, { accountId: s.accountId, expiresInMs: 90 * MINUTE });
        await runWorker(s, 6 * HOUR, MINUTE);
        expectRefreshes(s.fake, 1, HOUR, 5, 7);
      }));

    it('consumer reads in a loop (read_margin 300 s, 300-second tokens): one refresh per 150 s, every read answered', () =>
      withScenario(target, 300, {}, async (s) => {
        const row = await seedIntegration(s.rt, s.fake as never, { accountId: s.accountId, expiresInMs: 200_000 });
        await consumerLoop(s, `${row.id}/token`, 600);
        expectRefreshes(s.fake, 1, 150_000, 3, 5);
      }));

    it('a bot reporting 401 in a loop gets the current token; the platform sees one refresh per min_refresh_interval', () =>
      withScenario(target, 4 * 3600, {}, async (s) => {
        const row = await seedIntegration(s.rt, s.fake as never, { accountId: s.accountId });
        await consumerLoop(s, `${row.id}/token/invalid`, 300);
        expectRefreshes(s.fake, 1, 60_000, 4, 6);
      }));

    it('the Refresh button pressed in a loop: one platform call per min_refresh_interval, the current token in between', () =>
      withScenario(target, 4 * 3600, {}, async (s) => {
        const owner = await memberSession(s.app, s.rt, { role: 'owner' });
        const row = await seedIntegration(s.rt, s.fake as never, { accountId: owner.accountId, type: 'channel' });
        const versions = new Set<number>();
        for (let i = 0; i < 150; i++) {
          const answered = await s.app.inject({ method: 'POST', url: `/v1/integrations/${row.id}/refresh`, headers: owner.headers });
          expect(answered.statusCode, answered.body).toBe(200);
          const current = await s.rt.store.db.selectFrom('integrations').select(['token_version', 'refresh_lease_until']).where('id', '=', row.id).executeTakeFirstOrThrow();
          expect(current.refresh_lease_until).toBeNull();
          versions.add(current.token_version);
          s.clock.advance(2_000);
        }
        // 300 s of presses: refreshes at 0, 60, 120, 180 and 240 s.
        expect(versions.size).toBe(5);
        expectRefreshes(s.fake, 1, 60_000, 5, 5);
      }));

    it('tokens shorter than the floor: refreshed once per min_refresh_interval; an expired one in between is a 503 until the floor ends', () =>
      withScenario(target, 30, {}, async (s) => {
        const row = await seedIntegration(s.rt, s.fake as never, { accountId: s.accountId, expiresInMs: -1000 });
        const statuses = new Set<number>();
        await runWorker(s, 10 * MINUTE, 5_000, async () => {
          const res = await s.app.inject({ method: 'POST', url: `/internal/integrations/${row.id}/token`, headers: { 'x-internal-secret': KEY } });
          statuses.add(res.statusCode);
          if (res.statusCode === 503) {
            expect(res.json().error).toMatchObject({ code: 'PLATFORM_UNAVAILABLE', details: { reason: 'expired' } });
            expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(2);
          }
        });
        expect([...statuses].sort()).toEqual([200, 503]);
        expectRefreshes(s.fake, 1, 60_000, 9, 11);
      }));
  });
}
