/**
 * SIGKILL at the refresh path's four failpoints (F-8): a child Bifrost process (crash-entry.ts)
 * refreshes one integration and is killed at the step CRASH_AT names — before the platform call,
 * after its answer, mid-commit (written, COMMIT not sent), after the commit. Then: the row is whole
 * and decrypts, no lease outlives its TTL, and the next refresh after the lease expires does the
 * right thing — succeeds when the platform never saw the call or we committed, and on a strict
 * platform flags the rotated-but-uncommitted case `lost_rotation` (with a reuse grace, it heals).
 * KILL_ITERATIONS repeats each; KILL_STORES limits the run to one store.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ManualClock } from '../../src/clock.ts';
import { generateKeySpec } from '../../src/crypto/keyring.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { startFake, type TwitchFakeKnobs } from '../../src/platforms/twitch/fake.ts';
import type { FakeHandle } from '../../src/platforms/fake/harness.ts';
import { refreshModes } from '../../src/platforms/fake/knobs.ts';
import { findIntegrationById } from '../../src/integrations/repository.ts';
import { tokensRuntime } from '../support/tokens-runtime.ts';
import { REFRESH_STEPS } from '../../src/refresh/steps.ts';
import { latestRefreshToken, seedAccount, seedIntegration, storedTokens } from '../support/token-seed.ts';
import type { TestRuntime } from '../support/runtime.ts';
import { CRASH_ENTRY, freshSchema, spawnInstance, waitFor, TEST_DATABASE_URL } from './support.ts';

/** Failpoints where the platform has rotated the refresh token but the database kept the old one. */
const LOST_ROTATION = new Set<string>(['after_platform_response', 'mid_commit']);
const MODES = { strict: refreshModes.strict, grace: refreshModes.rotatingWithGrace(120) };
const LEASE_MS = 60_000;

interface Target {
  name: string;
  iterations: number;
  open(): Promise<{ store: Store; env: Record<string, string>; drop(): Promise<void> }>;
}

const targets: Target[] = [
  {
    name: 'sqlite',
    iterations: Number(process.env.KILL_ITERATIONS ?? 2),
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'bifrost-crash-'));
      const store = openStore({ dataDir: dir });
      return { store, env: { BIFROST_DATA_DIR: dir }, drop: async () => {} };
    },
  },
  ...(TEST_DATABASE_URL
    ? [
        {
          name: 'postgres',
          iterations: Number(process.env.KILL_ITERATIONS ?? 1),
          async open() {
            const { schema, drop } = await freshSchema(TEST_DATABASE_URL!);
            const store = openStore({ databaseUrl: TEST_DATABASE_URL, dataDir: tmpdir(), poolSize: 4, pgSchema: schema });
            return { store, env: { MULTI_DATABASE_URL: TEST_DATABASE_URL, MULTI_PG_SCHEMA: schema, BIFROST_DATA_DIR: mkdtempSync(join(tmpdir(), 'bifrost-crash-')) }, drop };
          },
        },
      ]
    : []),
];

// KILL_STORES=sqlite or =postgres runs one store's matrix only (for long KILL_ITERATIONS runs).
const only = process.env.KILL_STORES?.split(',').map((s) => s.trim());

for (const target of targets.filter((t) => !only || only.includes(t.name))) {
  describe(`SIGKILL in the refresh path [${target.name}]`, () => {
    const key = generateKeySpec('k1');
    const clock = new ManualClock(Date.now());
    let fake: FakeHandle<TwitchFakeKnobs>;
    let rt: TestRuntime;
    let env: Record<string, string>;
    let drop: () => Promise<void>;
    let accountId: string;

    beforeAll(async () => {
      fake = await startFake();
      const opened = await target.open();
      await migrateToLatest(opened.store);
      drop = opened.drop;
      rt = await tokensRuntime({ fake: fake as never, store: opened.store, clock, env: { BIFROST_ENCRYPTION_KEYS: key } });
      accountId = await seedAccount(rt);
      env = {
        ...opened.env,
        TWITCH_INTEGRATION_ENDPOINTS: JSON.stringify(fake.baseUrls),
        BIFROST_ENCRYPTION_KEYS: key,
        TWITCH_INTEGRATION_CLIENT_ID: fake.credentials.clientId,
        TWITCH_INTEGRATION_CLIENT_SECRET: fake.credentials.clientSecret,
      };
    });
    afterAll(async () => {
      await rt?.close();
      await drop?.();
      await fake?.close();
    });

    for (const [mode, refreshMode] of Object.entries(MODES)) {
      for (const fp of REFRESH_STEPS) {
        it(`${fp}, ${mode} rotation`, async () => {
          fake.knobs.refreshMode = refreshMode;
          for (let i = 0; i < target.iterations; i++) {
            clock.set(Date.now());
            const row = await seedIntegration(rt, fake as never, { accountId, expiresInMs: -1000 });
            const before = storedTokens(rt, row);
            const grant = fake.state.grantIdOf(before.refreshToken!)!;
            const killedAt = Date.now();
            const child = spawnInstance({ ...env, MULTI_INTEGRATION: row.id, CRASH_AT: fp }, CRASH_ENTRY);
            const exit = await child.exited;
            expect(exit.signal, child.output()).toBe('SIGKILL');

            // The row is whole: both tokens decrypt; either the old pair or the new one, never a mix.
            const after = (await findIntegrationById(rt.store.db, row.id))!;
            const stored = storedTokens(rt, after);
            if (target.name === 'sqlite') {
              const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(rt.store.db);
              expect(check.rows[0]!.integrity_check).toBe('ok');
            }
            if (fp === 'after_commit') {
              expect(after.token_version).toBe(2);
              expect(after.refresh_lease_until).toBeNull();
              if (mode === 'strict') expect(stored.refreshToken).toBe(latestRefreshToken(fake as never, grant));
            } else {
              expect(after.token_version).toBe(1);
              expect(stored).toEqual(before);
              // The dead process's lease ends on its own, no later than its TTL.
              expect(after.refresh_lease_until).not.toBeNull();
              expect(after.refresh_lease_until!).toBeLessThanOrEqual(Date.now() + LEASE_MS);
              expect(after.refresh_lease_until!).toBeGreaterThanOrEqual(killedAt);
              expect(after.refresh_started_at).not.toBeNull();
            }

            // One lease TTL later, another instance takes over.
            clock.set(Date.now() + LEASE_MS + 1000);
            const outcome = await rt.refresh.refreshIntegration(row.id, { trigger: 'manual' }).then(
              (r) => ({ ok: true as const, row: r }),
              (err: { code?: string; details?: { reason?: string } }) => ({ ok: false as const, code: err.code, reason: err.details?.reason }),
            );
            if (LOST_ROTATION.has(fp) && mode === 'strict') {
              expect(outcome).toEqual({ ok: false, code: 'NEEDS_REAUTH', reason: 'lost_rotation' });
              const flagged = (await findIntegrationById(rt.store.db, row.id))!;
              expect(flagged).toMatchObject({ status: 'needs_reauth', status_reason: 'lost_rotation', refresh_lease_until: null });
              // No retry loop: further attempts do not reach the platform.
              const calls = fake.counters.tokenCalls;
              await rt.refresh.refreshIntegration(row.id, { trigger: 'manual' }).catch(() => {});
              expect(fake.counters.tokenCalls).toBe(calls);
            } else {
              expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
              const healed = (await findIntegrationById(rt.store.db, row.id))!;
              expect(healed).toMatchObject({ status: 'active', refresh_lease_until: null, refresh_started_at: null });
              expect(storedTokens(rt, healed).refreshToken).toBe(latestRefreshToken(fake as never, grant));
            }
          }
        });
      }
    }

    it('a child without a failpoint refreshes normally (the harness works)', async () => {
      clock.set(Date.now());
      fake.knobs.refreshMode = refreshModes.strict;
      const row = await seedIntegration(rt, fake as never, { accountId, expiresInMs: -1000 });
      const child = spawnInstance({ ...env, MULTI_INTEGRATION: row.id }, CRASH_ENTRY);
      expect(await waitFor(child, 'DONE')).toBe('2');
      await child.exited;
    });
  });
}
