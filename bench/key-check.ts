/**
 * `npm run bench:key-check`: how long the start-up key check takes on 100,000 encrypted rows (half
 * under an old key, half under the active one, as between `keys rotate` and `keys rewrap`), on SQLite
 * and (when BENCH_DATABASE_URL, DATABASE_URL or TEST_DATABASE_URL is set) PostgreSQL in a fresh schema.
 * Not a test: it prints the median of BENCH_ROUNDS runs (default 5); BENCH_ROWS changes the row count.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Store } from '../src/store/db.ts';
import { migrateToLatest } from '../src/store/migrate.ts';
import { configKeyring, generateKeySpec } from '../src/crypto/keyring.ts';
import { verifyKeyring } from '../src/crypto/key-check.ts';
import { seedSealedRows } from '../test/support/sealed-rows.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;

async function measure(name: string, store: Store): Promise<void> {
  await migrateToLatest(store);
  const old = configKeyring([generateKeySpec('k1')]);
  const current = configKeyring([generateKeySpec('k2-0123456789ab'), `k1:${old.get('k1')!.toString('base64')}`]);
  const seedStart = performance.now();
  await seedSealedRows(store, old, ROWS / 2, 'otx_a');
  await seedSealedRows(store, current, ROWS / 2, 'otx_b');
  const seeded = performance.now() - seedStart;
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    const usage = await verifyKeyring(store, current);
    times.push(performance.now() - start);
    if (usage.get('k1') !== ROWS / 2 || usage.get('k2-0123456789ab') !== ROWS / 2) throw new Error(`unexpected usage ${JSON.stringify([...usage])}`);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  process.stdout.write(
    `${name}: key check on ${ROWS} rows (2 key ids): median ${median.toFixed(0)} ms, min ${times[0]!.toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms (seeding took ${(seeded / 1000).toFixed(1)} s)\n`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'bifrost-bench-keys-'));
const sqlite = openStore({ dataDir: dir });
try {
  await measure('SQLite', sqlite);
} finally {
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });
}

if (PG_URL) {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const store = openStore({ databaseUrl: PG_URL, dataDir: tmpdir(), poolSize: 2, pgSchema: schema });
  try {
    await measure('PostgreSQL', store);
  } finally {
    await store.close();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}
