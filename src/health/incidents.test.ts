/**
 * Incidents: however many callers observe the same failure at once, exactly one opens the incident
 * (one audit event, one notification, one token event); degraded escalates to needs_reauth, never
 * back; a recovery is announced once; marking needs_reauth drops this instance's cached token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { startFake, type TwitchFakeKnobs } from '../platforms/twitch/fake.ts';
import type { FakeHandle } from '../platforms/fake/harness.ts';
import { findIntegrationById } from '../integrations/repository.ts';
import type { TestRuntime } from '../../test/support/runtime.ts';
import { storeTargets } from '../../test/support/stores.ts';
import { tokensRuntime } from '../../test/support/tokens-runtime.ts';
import { seedAccount, seedIntegration } from '../../test/support/token-seed.ts';
import { closeIncident, openIncident } from './incidents.ts';
import { markNeedsReauth } from './needs-reauth.ts';

const clock = new ManualClock(Date.UTC(2026, 5, 1));

for (const target of storeTargets()) {
  describe(`incidents on ${target.name}`, () => {
    let fake: FakeHandle<TwitchFakeKnobs>;
    let rt: TestRuntime;
    let accountId: string;

    beforeAll(async () => {
      fake = await startFake({ clock });
      rt = await tokensRuntime({ store: await target.open(), fake: fake as never, clock, tokens: { read_cache_ms: 1000 } });
      accountId = await seedAccount(rt);
    });
    afterAll(async () => {
      await rt.close();
      await fake.close();
    });

    const counts = async (id: string) => ({
      audits: (await rt.store.db.selectFrom('audit_events').select('id').where('target_id', '=', id).execute()).length,
      notifications: (await rt.store.db.selectFrom('notifications').select('kind').where('integration_id', '=', id).execute()).map((n) => n.kind),
      events: (await rt.store.db.selectFrom('token_events').select('type').where('integration_id', '=', id).execute()).map((e) => e.type),
    });

    it('opens one incident however many callers see the failure at once', async () => {
      const row = await seedIntegration(rt, fake as never, { accountId });
      const opened = await Promise.all(Array.from({ length: 5 }, () => openIncident(rt, row, { kind: 'degraded', reason: 'platform_error', action: 'integration.token_error' })));
      expect(opened.filter(Boolean)).toHaveLength(1);
      expect(await counts(row.id)).toEqual({ audits: 1, notifications: ['degraded'], events: ['token.degraded'] });
    });

    it('escalates degraded to needs_reauth, never back, and announces a recovery once', async () => {
      const row = await seedIntegration(rt, fake as never, { accountId });
      expect(await openIncident(rt, row, { kind: 'degraded', reason: 'platform_error', action: 'integration.token_error' })).toBe(true);
      expect(await openIncident(rt, row, { kind: 'needs_reauth', reason: 'invalid_grant', action: 'integration.token_error' })).toBe(true);
      expect(await openIncident(rt, row, { kind: 'degraded', reason: 'platform_error', action: 'integration.token_error' })).toBe(false);
      expect(await findIntegrationById(rt.store.db, row.id)).toMatchObject({ status: 'needs_reauth', status_reason: 'invalid_grant', incident: 'needs_reauth' });

      // A reconnect made it active again: the recovery is announced by whoever closes it first.
      await rt.store.db.updateTable('integrations').set({ status: 'active', status_reason: null }).where('id', '=', row.id).execute();
      const healed = (await findIntegrationById(rt.store.db, row.id))!;
      expect(await Promise.all([closeIncident(rt, healed), closeIncident(rt, healed)])).toEqual(expect.arrayContaining([true, false]));
      expect((await counts(row.id)).notifications).toEqual(['degraded', 'needs_reauth', 'recovered']);
    });

    it('marking needs_reauth forgets the cached token of this instance', async () => {
      const row = await seedIntegration(rt, fake as never, { accountId });
      rt.tokens.remember({ row, accessToken: 'cached', scopes: [], cachedAt: clock.now() });
      expect(rt.tokens.cached(row.id)).toBeDefined();
      await markNeedsReauth(rt, row, 'credentials_changed');
      expect(rt.tokens.cached(row.id)).toBeUndefined();
      expect(await findIntegrationById(rt.store.db, row.id)).toMatchObject({ status: 'needs_reauth', status_reason: 'credentials_changed' });
    });
  });
}
