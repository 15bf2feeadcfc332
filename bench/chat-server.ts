/**
 * The Bifrost side of `npm run bench:chat`, alone in its process: Kick pointed at the fake of
 * bench/chat-fake.ts, the account's channel and default bot stored with the fake's grants, the chat
 * limit lifted (`BIFROST_CHAT_KICK_MESSAGES_PER_30S`), and a service key allowed to send.
 * BENCH_STORE=sqlite|postgres (postgres uses BENCH_DATABASE_URL in a fresh schema); BENCH_FAKE is
 * the fake's READY line.
 */
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
import { prefixedId } from '../src/crypto/random.ts';
import { callerOf } from '../test/support/callers.ts';
import type { MintedGrant } from '../test/support/token-seed.ts';

interface FakeInfo {
  baseUrls: Record<string, string>;
  credentials: { clientId: string; clientSecret: string };
  channel: MintedGrant;
  bot: MintedGrant;
}

const fake = JSON.parse(process.env.BENCH_FAKE!) as FakeInfo;
const dataDir = mkdtempSync(join(tmpdir(), 'bifrost-bench-chat-'));
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

const config = loadConfig({
  env: {
    BIFROST_LOG_LEVEL: level,
    BIFROST_WORKER: 'false',
    KICK_INTEGRATION_CLIENT_ID: fake.credentials.clientId,
    KICK_INTEGRATION_CLIENT_SECRET: fake.credentials.clientSecret,
    KICK_INTEGRATION_ENDPOINTS: JSON.stringify(fake.baseUrls),
    BIFROST_CHAT_KICK_MESSAGES_PER_30S: process.env.BENCH_LIMIT ?? '100000',
  },
  overrides: { data_dir: dataDir },
});
const rt = await createRuntime(config, { store, log: createLogger({ level }), keyring: createKeyring(parseKeySpecs([generateKeySpec('k1')]), 'bench') });

const now = Date.now();
const accountId = prefixedId('acc');
await rt.store.db.insertInto('accounts').values({ id: accountId, name: 'Bench', created_at: now, updated_at: now }).execute();
for (const [type, grant] of [['channel', fake.channel], ['bot', fake.bot]] as const) {
  const id = prefixedId('int');
  await rt.store.db
    .insertInto('integrations')
    .values({
      id,
      account_id: accountId,
      platform: 'kick',
      integration_type: type,
      bot_identifier: type === 'bot' ? 'bench' : null,
      platform_user_id: grant.userId,
      platform_username: grant.login,
      display_name: grant.login,
      scopes: JSON.stringify(['user:read', 'chat:write', 'moderation:ban', 'moderation:chat_message:manage']),
      client_id: fake.credentials.clientId,
      ...sealTokens(rt, id, { accessToken: grant.accessToken, refreshToken: grant.refreshToken, expiresIn: grant.expiresIn, tokenType: 'bearer' }),
      status: 'active',
      status_reason: null,
      has_verified_bot_badge: 0,
      is_verified_bot: 0,
      is_active: 1,
      is_default_bot: type === 'bot' ? 1 : 0,
      connected_at: now,
      updated_at: now,
      last_refreshed_at: now,
      token_version: 1,
    })
    .execute();
}
const serviceKey = (await createServiceKey(rt, callerOf(accountId), { name: 'bench', permissions: ['chat:send'] })).key;

const app = await buildApp(rt);
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`READY ${JSON.stringify({ send: `${url}/v1/chat/kick/messages`, serviceKey, store: rt.store.description })}\n`);

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
