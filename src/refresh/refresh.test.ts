/** The one refresh path against the fake Twitch: single-flight, lease across instances, commit, classification. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFake } from '../platforms/twitch/fake.ts';
import { refreshModes } from '../platforms/fake/knobs.ts';
import type { FakeHandle } from '../platforms/fake/harness.ts';
import type { TwitchFakeKnobs } from '../platforms/twitch/fake.ts';
import { findIntegrationById } from '../integrations/repository.ts';
import { tokensRuntime, siblingOf } from '../../test/support/tokens-runtime.ts';
import { latestRefreshToken, mintGrant, seedAccount, seedIntegration, storedTokens } from '../../test/support/token-seed.ts';
import type { TestRuntime } from '../../test/support/runtime.ts';
import { storeTargets } from '../../test/support/stores.ts';
import { isAppError } from '../errors/app-error.ts';

for (const target of storeTargets()) {
describe(`refreshIntegration on ${target.name}`, () => {
  let fake: FakeHandle<TwitchFakeKnobs>;
  let rt: TestRuntime;
  let accountId: string;

  beforeAll(async () => {
    fake = await startFake({ knobs: { refreshMode: refreshModes.strict, accessTokenLifetime: 3600 } });
    rt = await tokensRuntime({ store: await target.open(), fake: fake as never });
    accountId = await seedAccount(rt);
  });
  afterAll(async () => {
    await rt.close();
    await fake.close();
  });
  afterEach(() => {
    fake.reset();
    fake.knobs.refreshMode = refreshModes.strict;
    fake.knobs.accessTokenLifetime = 3600;
  });

  async function rejection(p: Promise<unknown>): Promise<{ code: string; status: number; details?: Record<string, unknown>; retryAfter?: number }> {
    try {
      await p;
    } catch (err) {
      if (isAppError(err)) return { code: err.code, status: err.status, details: err.details, retryAfter: err.retryAfter };
      throw err;
    }
    throw new Error('expected a rejection');
  }

  async function incidentAudits(id: string): Promise<string[]> {
    const rows = await rt.store.db.selectFrom('audit_events').select(['action', 'details']).where('target_id', '=', id).execute();
    return rows.filter((r) => r.action === 'integration.token_error' || r.action === 'integration.status_updated').map((r) => r.details);
  }

  async function notifications(id: string): Promise<string[]> {
    const rows = await rt.store.db.selectFrom('notifications').select('kind').where('integration_id', '=', id).orderBy('created_at').execute();
    return rows.map((r) => r.kind);
  }

  describe('the one path', () => {
    it('commits the new pair before returning, bumps the version and releases the lease', async () => {
      const row = await seedIntegration(rt, fake as never, { accountId, expiresInMs: -1000 });
      const fresh = await rt.refresh.refreshIntegration(row.id, { trigger: 'consumer' });
      expect(fresh.token_version).toBe(row.token_version + 1);
      expect(fresh.refresh_lease_until).toBeNull();
      expect(fresh.refresh_started_at).toBeNull();
      expect(fresh.last_refresh_result).toBe('ok');
      expect(fresh.next_refresh_at).toBeGreaterThan(rt.clock.now());
      const stored = storedTokens(rt, fresh);
      expect(stored.refreshToken).toBe(latestRefreshToken(fake as never, fake.state.grantIdOf(stored.refreshToken!)!));
      expect(fake.counters.refreshes).toBe(1);
      const audits = await rt.store.db.selectFrom('audit_events').select('action').where('target_id', '=', row.id).execute();
      expect(audits.map((a) => a.action)).toEqual(['integration.token_refreshed']);
      const events = await rt.store.db.selectFrom('token_events').select('type').where('integration_id', '=', row.id).execute();
      expect(events.map((e) => e.type)).toEqual(['token.refreshed']);
    });

    it('500 concurrent callers of an expired token: one refresh at the fake, one token for all', async () => {
      const row = await seedIntegration(rt, fake as never, { accountId, expiresInMs: -1000 });
      fake.knobs.latencyMs = 30;
      const results = await Promise.all(Array.from({ length: 500 }, () => rt.refresh.refreshIntegration(row.id, { trigger: 'consumer' })));
      expect(fake.counters.refreshes).toBe(1);
      expect(fake.counters.reuseDetections).toBe(0);
      expect(new Set(results.map((r) => r.access_token_enc)).size).toBe(1);
    });

    it('two instances on one database: the lease and the re-read make it one refresh', async () => {
      const row = await seedIntegration(rt, fake as never, { accountId, expiresInMs: -1000 });
      const other = siblingOf(rt);
      fake.knobs.latencyMs = 50;
      const results = await Promise.all([
        ...Array.from({ length: 20 }, () => rt.refresh.refreshIntegration(row.id, { trigger: 'consumer' })),
        ...Array.from({ length: 20 }, () => other.refresh.refreshIntegration(row.id, { trigger: 'consumer' })),
      ]);
      expect(fake.counters.refreshes).toBe(1);
      expect(fake.counters.maxConcurrentRefreshes).toBe(1);
      expect(new Set(results.map((r) => r.token_version)).size).toBe(1);
    });

    it('a manual refresh refreshes a token that is still fresh; a worker run does not', async () => {
      const row = await seedIntegration(rt, fake as never, { accountId });
      const skipped = await rt.refresh.refreshIntegration(row.id, { trigger: 'worker' });
      expect(skipped.token_version).toBe(row.token_version);
      const forced = await rt.refresh.refreshIntegration(row.id, { trigger: 'manual' });
      expect(forced.token_version).toBe(row.token_version + 1);
      expect(fake.counters.refreshes).toBe(1);
    });

    it('a revoked grant: needs_reauth with one audit event and one notification, and no further platform calls', async () => {
      const row = await seedIntegration(rt, fake as never, { accountId, expiresInMs: -1000 });
      fake.state.revokeUser(row.platform_user_id);
      const first = await rejection(rt.refresh.refreshIntegration(row.id, { trigger: 'consumer' }));
      expect(first).toMatchObject({ code: 'NEEDS_REAUTH', status: 409, details: { reason: 'invalid_grant' } });
      const calls = fake.counters.tokenCalls;
      for (let i = 0; i < 3; i++) expect((await rejection(rt.refresh.refreshIntegration(row.id, { trigger: 'consumer' }))).code).toBe('NEEDS_REAUTH');
      expect(fake.counters.tokenCalls).toBe(calls);
      const after = await findIntegrationById(rt.store.db, row.id);
      expect(after).toMatchObject({ status: 'needs_reauth', status_reason: 'invalid_grant', incident: 'needs_reauth' });
      expect(await incidentAudits(row.id)).toHaveLength(1);
      expect(await notifications(row.id)).toEqual(['needs_reauth']);
      expect(storedTokens(rt, after!).refreshToken).not.toBeNull();
    });

    it('a sibling rotation between our read and our call is not a dead grant (OA-14)', async () => {
      fake.knobs.refreshMode = refreshModes.rotatingWithGrace(0);
      const row = await seedIntegration(rt, fake as never, { accountId, expiresInMs: -1000 });
      // The sibling (say, a reconnect) stores a new grant while our refresh holds the old token.
      const adapter = rt.platforms.get('twitch')!;
      const original = adapter.refresh.bind(adapter);
      const patched = siblingOf(rt, { platforms: new Map([['twitch', { ...adapter, refresh: async (p: Parameters<typeof adapter.refresh>[0]) => {
        const sibling = await original(p);
        const { sealTokens } = await import('../tokens/sealed-tokens.ts');
        await rt.store.db.updateTable('integrations').set({ ...sealTokens(rt, row.id, sibling), token_version: row.token_version + 1 }).where('id', '=', row.id).execute();
        return original(p);
      } }]]) as typeof rt.platforms });
      const result = await patched.refresh.refreshIntegration(row.id, { trigger: 'consumer' });
      expect(result.status).toBe('active');
      expect(result.token_version).toBe(row.token_version + 1);
      expect(await notifications(row.id)).toEqual([]);
      expect((await findIntegrationById(rt.store.db, row.id))!.refresh_lease_until).toBeNull();
    });

    it('a platform outage keeps the tokens, backs off, degrades once and recovers once', async () => {
      const row = await seedIntegration(rt, fake as never, { accountId, expiresInMs: -1000 });
      const before = storedTokens(rt, row);
      fake.knobs.forceStatus = 503;
      for (let i = 0; i < 4; i++) {
        const err = await rejection(rt.refresh.refreshIntegration(row.id, { trigger: 'manual' }));
        expect(err).toMatchObject({ code: 'PLATFORM_UNAVAILABLE', status: 503 });
        expect(err.retryAfter).toBeGreaterThan(0);
      }
      const degraded = (await findIntegrationById(rt.store.db, row.id))!;
      expect(degraded).toMatchObject({ status: 'degraded', consecutive_failures: 4, last_refresh_result: 'transient', refresh_started_at: null });
      expect(storedTokens(rt, degraded)).toEqual(before);
      // Automatic paths respect the backoff: no platform call.
      const calls = fake.counters.tokenCalls;
      expect((await rejection(rt.refresh.refreshIntegration(row.id, { trigger: 'consumer' }))).details).toMatchObject({ reason: 'backoff' });
      expect(fake.counters.tokenCalls).toBe(calls);
      fake.knobs.forceStatus = null;
      const back = await rt.refresh.refreshIntegration(row.id, { trigger: 'manual' });
      expect(back).toMatchObject({ status: 'active', consecutive_failures: 0, incident: null, next_attempt_at: null });
      expect(await notifications(row.id)).toEqual(['degraded', 'recovered']);
      expect(await incidentAudits(row.id)).toHaveLength(2);
    });

    it('429: no call to the platform before Retry-After, from any instance', async () => {
      const a = await seedIntegration(rt, fake as never, { accountId, expiresInMs: -1000 });
      const b = await seedIntegration(rt, fake as never, { accountId, expiresInMs: -1000 });
      fake.knobs.rateLimit = { retryAfter: '60' };
      const err = await rejection(rt.refresh.refreshIntegration(a.id, { trigger: 'consumer' }));
      expect(err).toMatchObject({ code: 'PLATFORM_UNAVAILABLE', details: { reason: 'rate_limited' } });
      expect(err.retryAfter).toBeGreaterThanOrEqual(59);
      fake.knobs.rateLimit = null;
      const calls = fake.counters.tokenCalls;
      expect((await rejection(siblingOf(rt).refresh.refreshIntegration(b.id, { trigger: 'manual' }))).details).toMatchObject({ reason: 'rate_limited' });
      expect(fake.counters.tokenCalls).toBe(calls);
      await rt.store.db.deleteFrom('platform_throttle').execute();
    });

    it('invalid_client: one platform alarm, integrations not marked broken, refreshes paused', async () => {
      const a = await seedIntegration(rt, fake as never, { accountId, expiresInMs: -1000 });
      const b = await seedIntegration(rt, fake as never, { accountId, expiresInMs: -1000 });
      fake.knobs.invalidClient = true;
      expect((await rejection(rt.refresh.refreshIntegration(a.id, { trigger: 'consumer' }))).details).toMatchObject({ reason: 'invalid_client' });
      const calls = fake.counters.tokenCalls;
      expect((await rejection(rt.refresh.refreshIntegration(b.id, { trigger: 'manual' }))).details).toMatchObject({ reason: 'invalid_client' });
      expect(fake.counters.tokenCalls).toBe(calls);
      for (const id of [a.id, b.id]) expect((await findIntegrationById(rt.store.db, id))!.status).toBe('active');
      const alarms = await rt.store.db.selectFrom('notifications').select('kind').where('kind', '=', 'platform_alarm').execute();
      expect(alarms).toHaveLength(1);
      fake.knobs.invalidClient = false;
      await rt.store.db.deleteFrom('platform_alarms').execute();
    });

    it('a rotation whose answer was lost is flagged lost_rotation on a strict platform, not retried', async () => {
      const row = await seedIntegration(rt, fake as never, { accountId, expiresInMs: -1000 });
      fake.knobs.dropAfterRotate = true;
      expect((await rejection(rt.refresh.refreshIntegration(row.id, { trigger: 'consumer' }))).code).toBe('PLATFORM_UNAVAILABLE');
      fake.knobs.dropAfterRotate = false;
      const kept = (await findIntegrationById(rt.store.db, row.id))!;
      expect(kept.refresh_started_at).not.toBeNull();
      await rt.store.db.updateTable('integrations').set({ next_attempt_at: null }).where('id', '=', row.id).execute();
      const err = await rejection(rt.refresh.refreshIntegration(row.id, { trigger: 'consumer' }));
      expect(err).toMatchObject({ code: 'NEEDS_REAUTH', details: { reason: 'lost_rotation' } });
      expect(await notifications(row.id)).toEqual(['needs_reauth']);
    });

    it('on a platform with a reuse grace, the same lost answer heals on the next attempt', async () => {
      fake.knobs.refreshMode = refreshModes.rotatingWithGrace(60);
      const row = await seedIntegration(rt, fake as never, { accountId, expiresInMs: -1000 });
      fake.knobs.dropAfterRotate = true;
      await rejection(rt.refresh.refreshIntegration(row.id, { trigger: 'consumer' }));
      fake.knobs.dropAfterRotate = false;
      await rt.store.db.updateTable('integrations').set({ next_attempt_at: null }).where('id', '=', row.id).execute();
      const healed = await rt.refresh.refreshIntegration(row.id, { trigger: 'consumer' });
      expect(healed).toMatchObject({ status: 'active', refresh_started_at: null });
      const grant = fake.state.grantIdOf(storedTokens(rt, healed).refreshToken!)!;
      expect(storedTokens(rt, healed).refreshToken).toBe(latestRefreshToken(fake as never, grant));
    });

    it('an unknown integration is a 404', async () => {
      expect((await rejection(rt.refresh.refreshIntegration('int_nope', { trigger: 'consumer' }))).code).toBe('NOT_FOUND');
    });

    it('mints grants the fake knows', () => {
      expect(mintGrant(fake as never).refreshToken).toHaveLength(50);
    });
  });
});
}
