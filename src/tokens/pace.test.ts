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
import { tokensRuntime } from './testing/runtime.ts';
import { seedAccount, seedIntegration } from './testing/seed.ts';
import { createWorker } from './worker.ts';
import { refreshIntegration } from './refresh.ts';
import { isAppError } from '../errors/app-error.ts';

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

async function scenario(target: StoreTarget, lifetimeSeconds: number, tokens: Record<string, unknown> = {}): Promise<Scenario & { close(): Promise<void> }> {
  const clock = new ManualClock(Date.UTC(2026, 3, 1));
  const fake = await startFake({ clock, knobs: { refreshMode: refreshModes.strict, accessTokenLifetime: lifetimeSeconds } });
  const rt = await tokensRuntime({ store: await target.open(), fake: fake as never, clock, env: { INTERNAL_SERVICE_KEY: KEY }, tokens });
  const app = await buildApp(rt);
  const accountId = await seedAccount(rt);
  return {
    clock,
    fake,
    rt,
    app,
    accountId,
    async close() {
      await app.close();
      await rt.close();
      await fake.close();
    },
  };
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

function expectSpacing(times: number[], minGapMs: number): void {
  for (let k = 1; k < times.length; k++) expect(times[k]! - times[k - 1]!, `refresh ${k}`).toBeGreaterThanOrEqual(minGapMs);
}

for (const target of storeTargets()) {
  describe(`the pace rule on ${target.name}`, () => {
    it('300-second tokens and the default 10-minute margin: the worker refreshes each at most once per 150 s, and keeps them valid', async () => {
      const s = await scenario(target, 300);
      try {
        // One connected just now, one whose token is about to expire.
        const rows = [await seedIntegration(s.rt, s.fake as never, { accountId: s.accountId }), await seedIntegration(s.rt, s.fake as never, { accountId: s.accountId, expiresInMs: 20_000 })];
        const worker = createWorker(s.rt);
        const end = s.clock.now() + 30 * MINUTE;
        while (s.clock.now() < end) {
          await worker.tick({ settle: true });
          for (const r of rows) {
            const row = await s.rt.store.db.selectFrom('integrations').select('token_expires_at').where('id', '=', r.id).executeTakeFirstOrThrow();
            expect(row.token_expires_at).toBeGreaterThan(s.clock.now());
          }
          s.clock.advance(5_000);
        }
        const times = refreshTimes(s.fake);
        expect(times).toHaveLength(2);
        for (const t of times) {
          expectSpacing(t, 150_000);
          // 30 minutes at one refresh per 150 s.
          expect(t.length).toBeGreaterThanOrEqual(11);
          expect(t.length).toBeLessThanOrEqual(13);
        }
      } finally {
        await s.close();
      }
    });

    it('refresh_margin = 3h with 2-hour tokens: one refresh per hour, not one per tick', async () => {
      const s = await scenario(target, 7200, { refresh_margin: 3 * 3600, read_margin: 600 });
      try {
        await seedIntegration(s.rt, s.fake as never, { accountId: s.accountId, expiresInMs: 90 * MINUTE });
        const worker = createWorker(s.rt);
        const end = s.clock.now() + 6 * HOUR;
        while (s.clock.now() < end) {
          await worker.tick({ settle: true });
          s.clock.advance(MINUTE);
        }
        const [times] = refreshTimes(s.fake);
        expectSpacing(times!, HOUR);
        expect(times!.length).toBeGreaterThanOrEqual(5);
        expect(times!.length).toBeLessThanOrEqual(7);
      } finally {
        await s.close();
      }
    });

    it('consumer reads in a loop (read_margin 300 s, 300-second tokens): one refresh per 150 s, every read answered', async () => {
      const s = await scenario(target, 300);
      try {
        const row = await seedIntegration(s.rt, s.fake as never, { accountId: s.accountId, expiresInMs: 200_000 });
        for (let i = 0; i < 600; i++) {
          const res = await s.app.inject({ method: 'POST', url: `/internal/integrations/${row.id}/token`, headers: { 'x-internal-secret': KEY } });
          expect(res.statusCode, res.body).toBe(200);
          expect(Date.parse(res.json().expires_at)).toBeGreaterThan(s.clock.now());
          s.clock.advance(1_000);
        }
        const [times] = refreshTimes(s.fake);
        expectSpacing(times!, 150_000);
        expect(times!.length).toBeLessThanOrEqual(5);
        expect(times!.length).toBeGreaterThanOrEqual(3);
      } finally {
        await s.close();
      }
    });

    it('a bot reporting 401 in a loop gets the current token; the platform sees one refresh per min_refresh_interval', async () => {
      const s = await scenario(target, 4 * 3600);
      try {
        const row = await seedIntegration(s.rt, s.fake as never, { accountId: s.accountId });
        for (let i = 0; i < 300; i++) {
          const res = await s.app.inject({ method: 'POST', url: `/internal/integrations/${row.id}/token/invalid`, headers: { 'x-internal-secret': KEY } });
          expect(res.statusCode, res.body).toBe(200);
          s.clock.advance(1_000);
        }
        const [times] = refreshTimes(s.fake);
        expectSpacing(times!, 60_000);
        expect(times!.length).toBeLessThanOrEqual(6);
        expect(times!.length).toBeGreaterThanOrEqual(4);
      } finally {
        await s.close();
      }
    });

    it('the Refresh button within min_refresh_interval of a refresh: a 429 with Retry-After and no platform call', async () => {
      const s = await scenario(target, 4 * 3600);
      try {
        const row = await seedIntegration(s.rt, s.fake as never, { accountId: s.accountId });
        await refreshIntegration(s.rt, row.id, { trigger: 'manual' });
        s.clock.advance(20_000);
        const calls = s.fake.counters.tokenCalls;
        const err = await refreshIntegration(s.rt, row.id, { trigger: 'manual' }).catch((e: unknown) => e);
        expect(isAppError(err) && { code: err.code, status: err.status, retryAfter: err.retryAfter, details: err.details }).toEqual({
          code: 'RATE_LIMITED',
          status: 429,
          retryAfter: 40,
          details: { reason: 'min_refresh_interval' },
        });
        expect(s.fake.counters.tokenCalls).toBe(calls);
        expect((await s.rt.store.db.selectFrom('integrations').select('refresh_lease_until').where('id', '=', row.id).executeTakeFirstOrThrow()).refresh_lease_until).toBeNull();
        s.clock.advance(40_000);
        expect((await refreshIntegration(s.rt, row.id, { trigger: 'manual' })).token_version).toBe(row.token_version + 2);
      } finally {
        await s.close();
      }
    });

    it('tokens shorter than the floor: refreshed once per min_refresh_interval; an expired one in between is a 503 until the floor ends', async () => {
      const s = await scenario(target, 30);
      try {
        const row = await seedIntegration(s.rt, s.fake as never, { accountId: s.accountId, expiresInMs: -1000 });
        const worker = createWorker(s.rt);
        const statuses = new Map<number, number>();
        const end = s.clock.now() + 10 * MINUTE;
        while (s.clock.now() < end) {
          await worker.tick({ settle: true });
          const res = await s.app.inject({ method: 'POST', url: `/internal/integrations/${row.id}/token`, headers: { 'x-internal-secret': KEY } });
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          if (res.statusCode === 503) {
            expect(res.json().error).toMatchObject({ code: 'PLATFORM_UNAVAILABLE', details: { reason: 'expired' } });
            expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(2);
          }
          s.clock.advance(5_000);
        }
        expect([...statuses.keys()].sort()).toEqual([200, 503]);
        const [times] = refreshTimes(s.fake);
        expectSpacing(times!, 60_000);
        expect(times!.length).toBeGreaterThanOrEqual(9);
        expect(times!.length).toBeLessThanOrEqual(11);
      } finally {
        await s.close();
      }
    });
  });
}
