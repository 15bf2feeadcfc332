/**
 * Cross-instance refresh safety (F-1), compressed: 3 Bifrost processes on one PostgreSQL database,
 * 200 integrations with 6-second access tokens on a strict-rotation fake (reuse = the whole grant
 * revoked), each instance's worker refreshing while consumers read tokens and report 401s on every
 * instance, and one instance restarted midway. Until the fake has seen MULTI_REFRESHES (10,000)
 * refreshes: 0 reuse detections, 0 needs_reauth, no consumer 500, and at the end every stored
 * refresh token equals the fake's latest.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeySpec } from '../../src/crypto/keyring.ts';
import { openStore } from '../../src/store/db.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { startFake, type TwitchFakeKnobs } from '../../src/platforms/twitch/fake.ts';
import type { FakeHandle } from '../../src/platforms/fake/harness.ts';
import { refreshModes } from '../../src/platforms/fake/knobs.ts';
import { tokensRuntime } from '../support/tokens-runtime.ts';
import { latestRefreshToken, seedAccount, seedIntegration, storedTokens } from '../support/token-seed.ts';
import type { TestRuntime } from '../support/runtime.ts';
import { freePort, freshSchema, spawnInstance, waitFor, TEST_DATABASE_URL, type Child } from './support.ts';

const INSTANCES = 3;
const INTEGRATIONS = 200;
const TARGET = Number(process.env.MULTI_REFRESHES ?? 10_000);
const MAX_RUN_MS = 270_000;
const KEY = 'multi-internal-key';

describe.skipIf(!TEST_DATABASE_URL)('3 instances on one PostgreSQL, strict rotation (F-1)', () => {
  const encryptionKey = generateKeySpec('k1');
  let fake: FakeHandle<TwitchFakeKnobs>;
  let rt: TestRuntime;
  let drop: () => Promise<void>;
  let env: Record<string, string>;
  const children: (Child & { url: string })[] = [];
  const ids: string[] = [];
  const grants = new Map<string, string>();

  async function start(slot: number): Promise<void> {
    const port = await freePort();
    const child = spawnInstance({ ...env, BIFROST_PORT: String(port), BIFROST_DATA_DIR: mkdtempSync(join(tmpdir(), `bifrost-multi-${slot}-`)) });
    const url = await waitFor(child, 'READY');
    children[slot] = { ...child, url: url.replace('localhost', '127.0.0.1') };
  }

  const scraped = { leaseConflicts: 0 };

  /** Adds an instance's counters (before it stops) to the totals. */
  async function scrape(slot: number): Promise<void> {
    const text = await (await fetch(`${children[slot]!.url}/metrics`)).text();
    const sum = (re: RegExp) => [...text.matchAll(re)].reduce((n, m) => n + Number(m[1]), 0);
    scraped.leaseConflicts += sum(/^bifrost_refresh_lease_conflicts_total (\d+)$/gm);
  }

  async function stop(slot: number): Promise<void> {
    await scrape(slot).catch(() => {});
    const child = children[slot]!;
    child.proc.kill('SIGTERM');
    const exit = await child.exited;
    expect(exit.code, child.output().slice(-2000)).toBe(0);
  }

  beforeAll(async () => {
    fake = await startFake({ knobs: { refreshMode: refreshModes.strict, accessTokenLifetime: 6 } });
    const { schema, drop: dropSchema } = await freshSchema(TEST_DATABASE_URL!);
    drop = dropSchema;
    const store = openStore({ databaseUrl: TEST_DATABASE_URL, dataDir: tmpdir(), poolSize: 4, pgSchema: schema });
    await migrateToLatest(store);
    rt = await tokensRuntime({ fake: fake as never, store, env: { BIFROST_ENCRYPTION_KEYS: encryptionKey } });
    for (let a = 0; a < 10; a++) {
      const accountId = await seedAccount(rt, `Multi ${a}`);
      for (let b = 0; b < INTEGRATIONS / 10; b++) {
        const row = await seedIntegration(rt, fake as never, { accountId, botIdentifier: `bot-${b}`, user: fake.users[b % fake.users.length]!.id });
        ids.push(row.id);
        grants.set(row.id, fake.state.grantIdOf(storedTokens(rt, row).refreshToken!)!);
      }
    }
    env = {
      MULTI_DATABASE_URL: TEST_DATABASE_URL!,
      MULTI_PG_SCHEMA: schema,
      MULTI_POOL_SIZE: '6',
      TWITCH_INTEGRATION_ENDPOINTS: JSON.stringify(fake.baseUrls),
      BIFROST_ENCRYPTION_KEYS: encryptionKey,
      INTERNAL_SERVICE_KEY: KEY,
      TWITCH_INTEGRATION_CLIENT_ID: fake.credentials.clientId,
      TWITCH_INTEGRATION_CLIENT_SECRET: fake.credentials.clientSecret,
      // 6 s tokens: the pace rule allows a refresh per integration every 3 s (half the lifetime), and
      // the margin makes every one due then; the 1 s floor stays out of the way.
      BIFROST_REFRESH_MARGIN: '5',
      BIFROST_MIN_REFRESH_INTERVAL: '1',
      // Reads want nearly as much validity as the worker's margin, and may refresh from the same moment
      // as the worker (the pace rule): consumers race the worker at the boundary.
      BIFROST_TOKEN_READ_MARGIN: '4.8',
      BIFROST_METRICS: 'true',
      BIFROST_WORKER_INTERVAL: '250ms',
      BIFROST_WORKER_CONCURRENCY: '8',
      BIFROST_WORKER_PLATFORM_CONCURRENCY: '8',
      BIFROST_TOKEN_READ_CACHE_MS: '200',
    };
    for (let i = 0; i < INSTANCES; i++) await start(i);
  });

  afterAll(async () => {
    for (const c of children) if (c && c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
    await rt?.close();
    await drop?.();
    await fake?.close();
  });

  it(`${TARGET} refreshes: no reuse, no needs_reauth, every stored refresh token the platform's latest`, async () => {
    const statuses = new Map<number, number>();
    const errors = new Map<string, number>();
    let reads = 0;
    let running = true;
    let restarted = false;
    const startedAt = Date.now();

    // Consumers on every instance: token reads, and now and then a 401 report.
    const consumer = async (): Promise<void> => {
      while (running) {
        const child = children[Math.floor(Math.random() * INSTANCES)]!;
        if (child.proc.exitCode !== null || child.proc.signalCode !== null) {
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        const id = ids[Math.floor(Math.random() * ids.length)]!;
        const path = Math.random() < 0.05 ? 'token/invalid' : 'token';
        try {
          const res = await fetch(`${child.url}/internal/integrations/${id}/${path}`, { method: 'POST', headers: { 'x-internal-secret': KEY } });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status === 200) await res.arrayBuffer();
          else {
            // Which documented error (and why), for the summary line.
            const body = (await res.json().catch(() => ({}))) as { error?: { code?: string; details?: { reason?: string } } };
            const code = `${res.status} ${body.error?.code ?? '?'}${body.error?.details?.reason ? ` (${body.error.details.reason})` : ''}`;
            errors.set(code, (errors.get(code) ?? 0) + 1);
          }
          reads++;
        } catch {
          // The instance being restarted refused the connection.
        }
      }
    };
    const load = Array.from({ length: 4 }, () => consumer());

    while (fake.counters.refreshes < TARGET && Date.now() - startedAt < MAX_RUN_MS) {
      await new Promise((r) => setTimeout(r, 1000));
      if (!restarted && fake.counters.refreshes >= TARGET / 2) {
        restarted = true;
        await stop(1);
        await start(1);
      }
    }
    running = false;
    await Promise.all(load);
    for (let i = 0; i < INSTANCES; i++) await stop(i);
    const elapsed = (Date.now() - startedAt) / 1000;

    const rows = await rt.store.db.selectFrom('integrations').selectAll().execute();
    const stale = rows.filter((r) => storedTokens(rt, r).refreshToken !== latestRefreshToken(fake as never, grants.get(r.id)!));
    const needsReauth = rows.filter((r) => r.status === 'needs_reauth');
    const conflicts = await rt.store.db.selectFrom('integrations').select((eb) => eb.fn.sum<number>('refresh_epoch').as('n')).executeTakeFirst();
    const summary = {
      refreshes: fake.counters.refreshes,
      seconds: elapsed,
      per_second: Math.round(fake.counters.refreshes / elapsed),
      reuse_detections: fake.counters.reuseDetections,
      family_revocations: fake.counters.familyRevocations,
      max_concurrent_refreshes_per_grant: Math.max(...Object.values(fake.counters.maxConcurrentRefreshesByGrant)),
      needs_reauth: needsReauth.length,
      stale_refresh_tokens: stale.length,
      consumer_requests: reads,
      consumer_statuses: Object.fromEntries(statuses),
      consumer_errors: Object.fromEntries(errors),
      lease_grants: Number(conflicts?.n ?? 0),
      lease_conflicts: scraped.leaseConflicts,
    };
    process.stdout.write(`\n[bifrost] multi-process refresh safety: ${JSON.stringify(summary)}\n`);

    expect(fake.counters.refreshes).toBeGreaterThanOrEqual(TARGET);
    expect(fake.counters.reuseDetections).toBe(0);
    expect(fake.counters.familyRevocations).toBe(0);
    expect(summary.max_concurrent_refreshes_per_grant).toBe(1);
    expect(needsReauth.map((r) => `${r.id}: ${r.status_reason}`)).toEqual([]);
    expect(stale.map((r) => r.id)).toEqual([]);
    expect([...statuses.keys()].filter((s) => s >= 500 && s !== 503)).toEqual([]);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(reads * 0.99);
  });
});
