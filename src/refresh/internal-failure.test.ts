/**
 * Refreshes that fail for a reason of Bifrost's own, over a compressed clock: a stored secret that
 * cannot be decrypted ends in one needs_reauth incident (reason undecryptable) and is not tried again
 * until a reconnect; a bug or database error is logged at error with the integration id and code,
 * recorded on the row and backed off. Every claim bumps refresh_epoch, so it counts the attempts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { startFake, type TwitchFakeKnobs } from '../platforms/twitch/fake.ts';
import type { FakeHandle } from '../platforms/fake/harness.ts';
import { refreshModes } from '../platforms/fake/knobs.ts';
import { buildApp, type App } from '../http/app.ts';
import { findIntegrationById } from '../integrations/repository.ts';
import { sealTokens } from '../tokens/sealed-tokens.ts';
import { prefixedId } from '../crypto/random.ts';
import type { TestRuntime } from '../../test/support/runtime.ts';
import { storeTargets } from '../../test/support/stores.ts';
import { tokensRuntime } from '../../test/support/tokens-runtime.ts';
import { corruptEnvelope, mintGrant, seedAccount, seedIntegration } from '../../test/support/token-seed.ts';
import type { RefreshStep } from './steps.ts';
import { createWorker } from '../worker/worker.ts';
import { validateOnStart } from '../worker/claims.ts';
import { backoffDelay } from '../net/backoff.ts';

const KEY = 'internal-failure-key';
const clock = new ManualClock(Date.UTC(2026, 4, 1));

for (const target of storeTargets()) {
  describe(`refresh failures inside Bifrost on ${target.name}`, () => {
    let fake: FakeHandle<TwitchFakeKnobs>;
    let rt: TestRuntime;
    let app: App;
    let accountId: string;
    /** What the refresh path does at its named steps (a test plays a bug there). */
    let atStep: ((step: RefreshStep) => void) | undefined;

    beforeAll(async () => {
      fake = await startFake({ clock, knobs: { refreshMode: refreshModes.strict, accessTokenLifetime: 3600 } });
      rt = await tokensRuntime({
        store: await target.open(),
        fake: fake as never,
        clock,
        env: { INTERNAL_SERVICE_KEY: KEY },
        tokens: { backoff_base: 5, backoff_cap: 300, degraded_after: 3 },
        seams: { random: () => 0.5, steps: { at: (step) => atStep?.(step) } },
      });
      app = await buildApp(rt);
      accountId = await seedAccount(rt);
    });
    afterAll(async () => {
      await app.close();
      await rt.close();
      await fake.close();
    });
    beforeEach(async () => {
      await rt.store.db.deleteFrom('integrations').execute();
      await rt.store.db.deleteFrom('app_credentials').execute();
      atStep = undefined;
      fake.reset();
      rt.logs.lines.length = 0;
    });

    const row = async (id: string) => (await findIntegrationById(rt.store.db, id))!;
    const audits = async (id: string) => (await rt.store.db.selectFrom('audit_events').select(['action', 'details']).where('target_id', '=', id).execute()).filter((a) => a.action !== 'integration.token_read');
    const notifications = async (id: string) => (await rt.store.db.selectFrom('notifications').select('kind').where('integration_id', '=', id).execute()).map((n) => n.kind);
    const errorLogs = () => rt.logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => (l.level as number) >= 50);
    const read = (id: string) => app.inject({ method: 'POST', url: `/internal/integrations/${id}/token`, headers: { 'x-internal-secret': KEY } });

    /** Runs the worker every 5 s for `ms` of the compressed clock. */
    async function runWorker(ms: number): Promise<void> {
      const worker = createWorker(rt);
      const end = clock.now() + ms;
      while (clock.now() < end) {
        await worker.tick({ settle: true });
        clock.advance(5_000);
      }
    }

    it('a corrupted refresh token: needs_reauth/undecryptable once, attempted once, never retried until a reconnect', async () => {
      const seeded = await seedIntegration(rt, fake as never, { accountId, expiresInMs: 60_000 });
      await rt.store.db.updateTable('integrations').set({ refresh_token_enc: corruptEnvelope(seeded.refresh_token_enc!) }).where('id', '=', seeded.id).execute();
      await runWorker(10 * 60_000);

      const after = await row(seeded.id);
      expect(after).toMatchObject({ status: 'needs_reauth', status_reason: 'undecryptable', incident: 'needs_reauth', last_refresh_result: 'undecryptable', last_refresh_error: 'DECRYPT_FAILED', refresh_lease_until: null });
      // One claim in ten minutes of worker ticks.
      expect(after.refresh_epoch - seeded.refresh_epoch).toBe(1);
      expect(fake.counters.tokenCalls).toBe(0);
      expect(await audits(seeded.id)).toHaveLength(1);
      expect(JSON.parse((await audits(seeded.id))[0]!.details)).toMatchObject({ status: 'needs_reauth', reason: 'undecryptable' });
      expect(await notifications(seeded.id)).toEqual(['needs_reauth']);
      const logged = errorLogs().filter((l) => l.integration === seeded.id);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ code: 'DECRYPT_FAILED' });
      expect(JSON.stringify(logged[0])).not.toMatch(/failed authentication|refresh_token_enc/);

      // Consumers are told to reconnect; nothing new is recorded.
      const res = await read(seeded.id);
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'NEEDS_REAUTH', details: { reason: 'undecryptable' } });
      expect(await notifications(seeded.id)).toEqual(['needs_reauth']);

      // A reconnect writes new secrets: refreshed again, one recovery notice.
      const grant = mintGrant(fake as never);
      const columns = sealTokens(rt, seeded.id, { accessToken: grant.accessToken, refreshToken: grant.refreshToken, expiresIn: 60, tokenType: 'bearer' });
      await rt.store.db.updateTable('integrations').set({ ...columns, status: 'active', status_reason: null, token_version: after.token_version + 1 }).where('id', '=', seeded.id).execute();
      await runWorker(60_000);
      expect(fake.counters.refreshes).toBe(1);
      expect(await notifications(seeded.id)).toEqual(['needs_reauth', 'recovered']);
    });

    it('a corrupted access token: the read that finds it opens the incident once and answers 409', async () => {
      const seeded = await seedIntegration(rt, fake as never, { accountId });
      await rt.store.db.updateTable('integrations').set({ access_token_enc: corruptEnvelope(seeded.access_token_enc) }).where('id', '=', seeded.id).execute();
      for (let i = 0; i < 3; i++) {
        const res = await read(seeded.id);
        expect(res.statusCode).toBe(409);
        expect(res.json().error).toMatchObject({ code: 'NEEDS_REAUTH', details: { reason: 'undecryptable' } });
      }
      expect(await row(seeded.id)).toMatchObject({ status: 'needs_reauth', status_reason: 'undecryptable' });
      expect(await audits(seeded.id)).toHaveLength(1);
      expect(await notifications(seeded.id)).toEqual(['needs_reauth']);
    });

    it('a corrupted access token found by the hourly validation: the same one incident, no platform call', async () => {
      const seeded = await seedIntegration(rt, fake as never, { accountId });
      await rt.store.db.updateTable('integrations').set({ access_token_enc: corruptEnvelope(seeded.access_token_enc) }).where('id', '=', seeded.id).execute();
      await validateOnStart(rt, ['twitch']);
      await runWorker(2 * 3600_000);
      expect(await row(seeded.id)).toMatchObject({ status: 'needs_reauth', status_reason: 'undecryptable', last_validation_result: 'error' });
      expect(fake.counters.validations).toBe(0);
      expect(await audits(seeded.id)).toHaveLength(1);
      expect(await notifications(seeded.id)).toEqual(['needs_reauth']);
    });

    it('app credentials that cannot be decrypted: the integrations needing them end undecryptable, without a platform call', async () => {
      const seeded = await seedIntegration(rt, fake as never, { accountId, expiresInMs: 60_000 });
      const now = clock.now();
      await rt.store.db
        .insertInto('app_credentials')
        .values({ id: prefixedId('cred'), account_id: accountId, platform: 'twitch', client_id: fake.credentials.clientId, client_secret_enc: 'v1.k1.not-a-real.envelope.at-all', created_at: now, updated_at: now })
        .execute();
      await runWorker(5 * 60_000);
      expect(await row(seeded.id)).toMatchObject({ status: 'needs_reauth', status_reason: 'undecryptable', last_refresh_error: 'DECRYPT_FAILED' });
      expect((await row(seeded.id)).refresh_epoch - seeded.refresh_epoch).toBe(1);
      expect(fake.counters.tokenCalls).toBe(0);
      expect(await notifications(seeded.id)).toEqual(['needs_reauth']);
    });

    it('a bug in the refresh path: logged at error with id and code, recorded, backed off, degraded after 3, tokens kept', async () => {
      const seeded = await seedIntegration(rt, fake as never, { accountId, expiresInMs: 20 * 60_000 });
      const attempts: number[] = [];
      atStep = (name) => {
        if (name !== 'before_platform_call') return;
        attempts.push(clock.now());
        throw new TypeError('injected bug');
      };
      await runWorker(10 * 60_000);

      const after = await row(seeded.id);
      expect(after).toMatchObject({ last_refresh_result: 'error', last_refresh_error: 'INTERNAL', status: 'degraded', status_reason: 'internal_error', refresh_lease_until: null });
      expect(after.access_token_enc).toBe(seeded.access_token_enc);
      expect(after.refresh_token_enc).toBe(seeded.refresh_token_enc);
      expect(after.next_attempt_at).toBeGreaterThan(clock.now() - 5_000);
      expect(after.refresh_epoch - seeded.refresh_epoch).toBe(attempts.length);
      // Full-jitter backoff at 0.5: 2.5 s, 5 s, 10 s … capped at 150 s; never two attempts closer.
      expect(attempts.length).toBeGreaterThanOrEqual(3);
      expect(attempts.length).toBeLessThanOrEqual(10);
      for (let k = 1; k < attempts.length; k++) {
        expect(attempts[k]! - attempts[k - 1]!).toBeGreaterThanOrEqual(backoffDelay(k, { baseMs: 5000, capMs: 300_000 }, () => 0.5));
      }
      expect(after.consecutive_failures).toBe(attempts.length);
      expect(fake.counters.tokenCalls).toBe(0);
      const logged = errorLogs().filter((l) => l.integration === seeded.id && l.code === 'INTERNAL');
      expect(logged).toHaveLength(attempts.length);
      expect(await notifications(seeded.id)).toEqual(['degraded']);

      // A consumer still gets the valid token meanwhile; once the bug is gone the next attempt heals it.
      expect((await read(seeded.id)).statusCode).toBe(200);
      atStep = undefined;
      await runWorker(5 * 60_000);
      expect(await row(seeded.id)).toMatchObject({ status: 'active', last_refresh_result: 'ok', consecutive_failures: 0 });
      expect(await notifications(seeded.id)).toEqual(['degraded', 'recovered']);
    });
  });
}
