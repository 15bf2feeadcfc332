/**
 * The Bifrost side of `npm run bench:tokens`, alone in its process (the baselines and the load
 * generator run in their own): Bifrost with one integration whose token is valid for hours, a
 * service key and a Companion token-server id for it.
 * BENCH_STORE=sqlite|postgres (postgres uses BENCH_DATABASE_URL in a fresh schema).
 */
import { callerOf } from '../test/support/callers.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../src/config/load.ts';
import { createRuntime } from '../src/runtime.ts';
import { openStore, type Store } from '../src/store/db.ts';
import { buildApp } from '../src/http/app.ts';
import { createLogger } from '../src/log.ts';
import { createKeyring, generateKeySpec, parseKeySpecs } from '../src/crypto/keyring.ts';
import { sealTokens } from '../src/tokens/sealed-tokens.ts';
import { createServiceKey } from '../src/consumers/service-keys.ts';
import { enableTokenServer } from '../src/consumers/token-server.ts';
import { prefixedId } from '../src/crypto/random.ts';

const KEY = 'bench-internal-key-0123456789abcdef';
const dataDir = mkdtempSync(join(tmpdir(), 'bifrost-bench-'));
// Bifrost's default level: token reads and /healthz are not request-logged at info (quietLog).
const level = process.env.BENCH_LOG_LEVEL ?? 'info';

let store: Store;
let schema: string | undefined;
if (process.env.BENCH_STORE === 'postgres') {
  const url = process.env.BENCH_DATABASE_URL!;
  schema = `bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  store = openStore({ databaseUrl: url, dataDir, poolSize: 10, pgSchema: schema });
} else {
  store = openStore({ dataDir });
}

// BENCH_READ_CACHE_MS=0 measures every read going to the database (default: Bifrost's 1 s cache).
const config = loadConfig({
  env: { INTERNAL_SERVICE_KEY: KEY, BIFROST_LOG_LEVEL: level, BIFROST_WORKER: 'false', BIFROST_TOKEN_READ_CACHE_MS: process.env.BENCH_READ_CACHE_MS ?? '1000' },
  overrides: { data_dir: dataDir },
});
const rt = await createRuntime(config, {
  store,
  log: createLogger({ level }),
  keyring: createKeyring(parseKeySpecs([generateKeySpec('k1')]), 'bench'),
});

const now = Date.now();
const accountId = prefixedId('acc');
await rt.store.db.insertInto('accounts').values({ id: accountId, name: 'Bench', created_at: now, updated_at: now }).execute();
const id = prefixedId('int');
await rt.store.db
  .insertInto('integrations')
  .values({
    id,
    account_id: accountId,
    platform: 'twitch',
    integration_type: 'bot',
    bot_identifier: 'bench',
    platform_user_id: '141981764',
    platform_username: 'benchbot',
    display_name: 'BenchBot',
    scopes: JSON.stringify(['chat:read', 'chat:edit']),
    client_id: 'bench-client',
    ...sealTokens(rt, id, { accessToken: 'a'.repeat(30), refreshToken: 'r'.repeat(50), expiresIn: 4 * 3600, tokenType: 'bearer' }),
    status: 'active',
    status_reason: null,
    has_verified_bot_badge: 0,
    is_verified_bot: 0,
    is_active: 1,
    is_default_bot: 1,
    connected_at: now,
    updated_at: now,
    last_refreshed_at: now,
    token_version: 1,
  })
  .execute();
const serviceKey = (await createServiceKey(rt, callerOf(accountId), { name: 'bench' })).key;
const companionId = (await enableTokenServer(rt, callerOf(accountId), id)).tokenServerId;

const app = await buildApp(rt);
const bifrost = await app.listen({ host: '127.0.0.1', port: 0 });

process.stdout.write(
  `READY ${JSON.stringify({ healthz: `${bifrost}/healthz`, token: `${bifrost}/internal/integrations/${id}/token`, companion: `${bifrost}/v1/token-server?id=${companionId}`, internalKey: KEY, serviceKey, store: rt.store.description })}\n`,
);

process.on('SIGTERM', () => {
  void (async () => {
    await app.close();
    await rt.close();
    if (schema) {
      const c = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL! });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    }
    process.exit(0);
  })();
});
