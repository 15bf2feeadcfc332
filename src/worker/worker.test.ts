/** The refresh worker with a manual clock shared by Bifrost and the fake: schedule, 24 h rule, validation, limits. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { startFake, type TwitchFakeKnobs } from '../platforms/twitch/fake.ts';
import type { FakeHandle } from '../platforms/fake/harness.ts';
import { refreshModes } from '../platforms/fake/knobs.ts';
import { findIntegrationById } from '../integrations/repository.ts';
import type { TestRuntime } from '../../test/support/runtime.ts';
import { storeTargets } from '../../test/support/stores.ts';
import { tokensRuntime, siblingOf } from '../../test/support/tokens-runtime.ts';
import { seedAccount, seedIntegration, storedTokens, latestRefreshToken } from '../../test/support/token-seed.ts';
import { createWorker } from './worker.ts';
import { validateOnStart } from './claims.ts';

const HOUR = 3_600_000;
const clock = new ManualClock(Date.UTC(2026, 0, 1));
for (const target of storeTargets()) {
describe(`refresh worker on ${target.name}`, () => {
  let fake: FakeHandle<TwitchFakeKnobs>;
  let rt: TestRuntime;
  let accountId: string;

  beforeAll(async () => {
    fake = await startFake({ clock, knobs: { refreshMode: refreshModes.strict, accessTokenLifetime: 4 * 3600 } });
    rt = await tokensRuntime({ store: await target.open(), fake: fake as never, clock, tokens: { platform_concurrency: 3, worker_concurrency: 6 } });
    accountId = await seedAccount(rt);
  });
  afterAll(async () => {
    await rt.close();
    await fake.close();
  });
  beforeEach(async () => {
    await rt.store.db.deleteFrom('integrations').execute();
  });
  afterEach(() => {
    fake.reset();
    fake.knobs.refreshMode = refreshModes.strict;
    fake.knobs.accessTokenLifetime = 4 * 3600;
  });

  describe('ticks', () => {
    it('refreshes ahead of expiry by max(10 min, lifetime/4), and nothing earlier', async () => {
      const row = await seedIntegration(rt, fake as never, { accountId });
      const worker = createWorker(rt);
      await worker.tick({ settle: true });
      // Scheduled at expiry - 1 h (a quarter of 4 h), not refreshed yet.
      const scheduled = (await findIntegrationById(rt.store.db, row.id))!;
      expect(scheduled.next_refresh_at).toBe(row.token_expires_at - HOUR);
      expect(fake.counters.refreshes).toBe(0);
      clock.advance(3 * HOUR - 60_000);
      await worker.tick({ settle: true });
      expect(fake.counters.refreshes).toBe(0);
      clock.advance(61_000);
      await worker.tick({ settle: true });
      expect(fake.counters.refreshes).toBe(1);
      const fresh = (await findIntegrationById(rt.store.db, row.id))!;
      expect(fresh.next_refresh_at).toBe(fresh.token_expires_at - HOUR);
      const stored = storedTokens(rt, fresh).refreshToken!;
      expect(stored).toBe(latestRefreshToken(fake as never, fake.state.grantIdOf(stored)!));
    });

    it('refreshes every integration at least once a day, even with long-lived tokens', async () => {
      fake.knobs.accessTokenLifetime = 30 * 86_400;
      await seedIntegration(rt, fake as never, { accountId });
      const worker = createWorker(rt);
      await worker.tick({ settle: true });
      clock.advance(24 * HOUR - 1000);
      await worker.tick({ settle: true });
      expect(fake.counters.refreshes).toBe(0);
      clock.advance(2000);
      await worker.tick({ settle: true });
      expect(fake.counters.refreshes).toBe(1);
    });

    it('keeps the per-platform concurrency limit and never refreshes one grant twice at once', async () => {
      fake.knobs.latencyMs = 40;
      for (let i = 0; i < 12; i++) await seedIntegration(rt, fake as never, { accountId, expiresInMs: 60_000 });
      let peak = 0;
      const adapter = rt.platforms.get('twitch')!;
      let now = 0;
      const counting = siblingOf(rt, { platforms: new Map([['twitch', { ...adapter, refresh: async (p: Parameters<typeof adapter.refresh>[0]) => {
        peak = Math.max(peak, ++now);
        try {
          return await adapter.refresh(p);
        } finally {
          now--;
        }
      } }]]) as typeof rt.platforms });
      await createWorker(counting).tick({ settle: true });
      expect(fake.counters.refreshes).toBe(12);
      expect(peak).toBe(3);
      expect(fake.counters.maxConcurrentRefreshes).toBeLessThanOrEqual(3);
    });

    it('two workers on one database claim disjoint rows', async () => {
      fake.knobs.latencyMs = 10;
      for (let i = 0; i < 20; i++) await seedIntegration(rt, fake as never, { accountId, expiresInMs: 60_000 });
      await Promise.all([createWorker(rt).tick({ settle: true }), createWorker(siblingOf(rt)).tick({ settle: true })]);
      expect(fake.counters.refreshes).toBe(20);
      expect(fake.counters.reuseDetections).toBe(0);
    });

    it('validates Twitch tokens at start and hourly; a token the platform rejects is refreshed in the same cycle', async () => {
      const row = await seedIntegration(rt, fake as never, { accountId });
      await validateOnStart(rt, ['twitch']);
      const worker = createWorker(rt);
      await worker.tick({ settle: true });
      expect(fake.counters.validations).toBe(1);
      expect((await findIntegrationById(rt.store.db, row.id))!.last_validation_result).toBe('ok');
      clock.advance(30 * 60_000);
      await worker.tick({ settle: true });
      expect(fake.counters.validations).toBe(1);
      clock.advance(30 * 60_000);
      // The user revoked the access token at Twitch: validate answers 401.
      fake.state.revokeToken(storedTokens(rt, row).accessToken, false);
      await worker.tick({ settle: true });
      expect(fake.counters.validations).toBe(2);
      expect(fake.counters.refreshes).toBe(1);
      const after = (await findIntegrationById(rt.store.db, row.id))!;
      expect(after).toMatchObject({ last_validation_result: 'invalid', status: 'active', token_version: row.token_version + 1 });
    });

    it('a reconnect heals a needs_reauth incident: one recovery notification', async () => {
      const row = await seedIntegration(rt, fake as never, { accountId, expiresInMs: 30 * 60_000 });
      await rt.store.db.updateTable('integrations').set({ status: 'needs_reauth', status_reason: 'invalid_grant', incident: 'needs_reauth' }).where('id', '=', row.id).execute();
      const worker = createWorker(rt);
      await worker.tick({ settle: true });
      expect(fake.counters.refreshes).toBe(0);
      // What the integrations capability's reconnect writes: new tokens and status active.
      await rt.store.db.updateTable('integrations').set({ status: 'active', status_reason: null }).where('id', '=', row.id).execute();
      await worker.tick({ settle: true });
      await worker.tick({ settle: true });
      const kinds = await rt.store.db.selectFrom('notifications').select('kind').where('integration_id', '=', row.id).execute();
      expect(kinds.map((k) => k.kind)).toEqual(['recovered']);
    });

    it('stops cleanly: waits for running refreshes, starts no new ones', async () => {
      fake.knobs.latencyMs = 50;
      for (let i = 0; i < 3; i++) await seedIntegration(rt, fake as never, { accountId, expiresInMs: 60_000 });
      const worker = createWorker(rt);
      const tick = worker.tick();
      await tick;
      expect(worker.inFlight).toBeGreaterThan(0);
      await worker.stop();
      expect(worker.inFlight).toBe(0);
      const leased = await rt.store.db.selectFrom('integrations').select('id').where('refresh_lease_until', 'is not', null).execute();
      expect(leased).toEqual([]);
    });
  });
});
}
