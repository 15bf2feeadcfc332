/**
 * The runtime of `npm run bench:scale`, shared by the seeding process and the server process so both
 * open the same store (a SQLite data dir, or a PostgreSQL schema) with the same key. Every endpoint of
 * every platform points at bench/scale-fake.ts (nothing leaves the machine, whatever the worker
 * decides to do with 100,000 made-up tokens); instance-wide Kick app credentials match the seeded rows.
 */
import pg from 'pg';
import { loadConfig } from '../../src/config/load.ts';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import { openStore } from '../../src/store/db.ts';
import { createLogger } from '../../src/log.ts';
import { createKeyring, parseKeySpecs } from '../../src/crypto/keyring.ts';
import { PLATFORM_DEFINITIONS } from '../../src/platforms/registry.ts';

export interface ScaleStore {
  kind: 'sqlite' | 'postgres';
  dataDir: string;
  /** PostgreSQL only. */
  url?: string;
  schema?: string;
}

export const CLIENT_ID = 'bench-client';
export const INTERNAL_KEY = 'bench-internal-key-0123456789abcdef';
export const SCOPES = ['user:read', 'chat:write'];

export async function pgSql(url: string, text: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

/** PostgreSQL pool: BENCH_PG_POOL, default 10 as Bifrost's database.pool_size. */
export async function scaleRuntime(where: ScaleStore, options: { keySpec: string; fakeUrl: string; concurrency: number; level?: string; worker?: boolean }): Promise<Runtime> {
  const store = where.kind === 'postgres' ? openStore({ databaseUrl: where.url!, dataDir: where.dataDir, poolSize: Number(process.env.BENCH_PG_POOL ?? 10), pgSchema: where.schema! }) : openStore({ dataDir: where.dataDir });
  const level = options.level ?? 'warn';
  const config = loadConfig({
    env: { BIFROST_LOG_LEVEL: level, BIFROST_WORKER: options.worker ? 'true' : 'false', INTERNAL_SERVICE_KEY: INTERNAL_KEY },
    overrides: {
      data_dir: where.dataDir,
      tokens: { worker_concurrency: options.concurrency, platform_concurrency: options.concurrency },
      integrations: Object.fromEntries(
        PLATFORM_DEFINITIONS.map((def) => [
          def.slug,
          {
            ...(def.slug === 'kick' ? { client_id: CLIENT_ID, client_secret: 'bench-secret' } : {}),
            endpoints: Object.fromEntries(Object.keys(def.defaultBaseUrls).map((group) => [group, options.fakeUrl])),
          },
        ]),
      ),
    },
  });
  return createRuntime(config, { store, log: createLogger({ level }), keyring: createKeyring(parseKeySpecs([options.keySpec]), 'bench') });
}
