/**
 * What every Bifrost bench server shares: a store (SQLite in a fresh data dir, or PostgreSQL in a
 * fresh schema dropped on close, chosen by BENCH_STORE and BENCH_DATABASE_URL), a runtime on it with
 * a generated key, an account, and integrations stored as if they had connected (sealed tokens).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../../src/config/load.ts';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { createLogger } from '../../src/log.ts';
import { createKeyring, generateKeySpec, parseKeySpecs } from '../../src/crypto/keyring.ts';
import { sealTokens } from '../../src/tokens/sealed-tokens.ts';
import { prefixedId } from '../../src/crypto/random.ts';

export interface BenchRuntime {
  rt: Runtime;
  accountId: string;
  /** Stores an integration of the account with these tokens (valid for `expiresIn` seconds). */
  seed(row: { platform: string; type: 'channel' | 'bot'; userId: string; login: string; scopes: readonly string[]; clientId: string; accessToken: string; refreshToken: string; expiresIn: number; isDefaultBot?: boolean }): Promise<string>;
  /** Closes the runtime and drops the PostgreSQL schema. */
  close(): Promise<void>;
}

async function openBenchStore(dataDir: string): Promise<{ store: Store; dropSchema(): Promise<void> }> {
  if (process.env.BENCH_STORE !== 'postgres') return { store: openStore({ dataDir }), dropSchema: async () => {} };
  const url = process.env.BENCH_DATABASE_URL!;
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const sql = async (text: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(text);
    await c.end();
  };
  await sql(`create schema ${schema}`);
  return { store: openStore({ databaseUrl: url, dataDir, poolSize: 10, pgSchema: schema }), dropSchema: () => sql(`drop schema if exists ${schema} cascade`) };
}

export async function benchRuntime(env: Record<string, string>, level: string): Promise<BenchRuntime> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bifrost-bench-'));
  const { store, dropSchema } = await openBenchStore(dataDir);
  const config = loadConfig({ env: { BIFROST_LOG_LEVEL: level, BIFROST_WORKER: 'false', ...env }, overrides: { data_dir: dataDir } });
  const rt = await createRuntime(config, { store, log: createLogger({ level }), keyring: createKeyring(parseKeySpecs([generateKeySpec('k1')]), 'bench') });
  const now = Date.now();
  const accountId = prefixedId('acc');
  await rt.store.db.insertInto('accounts').values({ id: accountId, name: 'Bench', created_at: now, updated_at: now }).execute();
  return {
    rt,
    accountId,
    async seed(r) {
      const id = prefixedId('int');
      await rt.store.db
        .insertInto('integrations')
        .values({
          id,
          account_id: accountId,
          platform: r.platform,
          integration_type: r.type,
          bot_identifier: r.type === 'bot' ? 'bench' : null,
          platform_user_id: r.userId,
          platform_username: r.login,
          display_name: r.login,
          scopes: JSON.stringify(r.scopes),
          client_id: r.clientId,
          ...sealTokens(rt, id, { accessToken: r.accessToken, refreshToken: r.refreshToken, expiresIn: r.expiresIn, tokenType: 'bearer' }),
          status: 'active',
          status_reason: null,
          has_verified_bot_badge: 0,
          is_verified_bot: 0,
          is_active: 1,
          is_default_bot: r.isDefaultBot ? 1 : 0,
          connected_at: now,
          updated_at: now,
          last_refreshed_at: now,
          token_version: 1,
        })
        .execute();
      return id;
    },
    async close() {
      await rt.close();
      await dropSchema();
    },
  };
}
