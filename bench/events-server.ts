/**
 * The Bifrost side of `npm run bench:events`, alone in its process: Twitch pointed at the EventSub
 * fake of bench/events-fake.ts, the account's channel stored with the fake's grant, the live event
 * supervisor running (it connects and subscribes like in production), and a service key that may
 * read events. BENCH_STORE=sqlite|postgres; BENCH_FAKE is the fake's READY line.
 * BENCH_MODE=relay runs the baseline instead: the same Twitch connector, its events sent straight to
 * WebSocket consumers with no log, no sequence and no database.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { WebSocketServer } from 'ws';
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
import { PLATFORM_DEFINITIONS } from '../src/platforms/registry.ts';
import type { ConnectorContext } from '../src/platforms/event-types.ts';

interface FakeInfo {
  baseUrls: Record<string, string>;
  credentials: { clientId: string; clientSecret: string };
  channel: MintedGrant;
}

const fake = JSON.parse(process.env.BENCH_FAKE!) as FakeInfo;
const SCOPES = ['user:read:chat', 'moderator:read:followers', 'channel:read:subscriptions', 'bits:read', 'channel:read:redemptions', 'moderator:manage:banned_users'];

if (process.env.BENCH_MODE === 'relay') {
  // The baseline: the connector alone, fanning its events out over a bare ws server.
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.once('listening', r));
  const abort = new AbortController();
  let seq = 0;
  const ctx: ConnectorContext = {
    signal: abort.signal,
    integrationId: 'int_relay',
    accountId: 'acc_relay',
    credentials: fake.credentials,
    channel: { platformUserId: fake.channel.userId, username: fake.channel.login },
    baseUrls: fake.baseUrls,
    fetch,
    now: () => Date.now(),
    accessToken: async () => fake.channel.accessToken,
    tokenRejected: async () => fake.channel.accessToken,
    async emit(source, events) {
      for (const e of events) {
        const frame = JSON.stringify({ id: `evt_${++seq}`, seq, source, ...e });
        for (const c of wss.clients) c.send(frame);
      }
    },
    setState: () => {},
    cursor: { get: async () => null, set: async () => {} },
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  };
  const def = PLATFORM_DEFINITIONS.find((d) => d.events?.source === 'twitch.eventsub')!;
  void def.events!.createConnector().run(ctx);
  const port = (wss.address() as { port: number }).port;
  process.stdout.write(`READY ${JSON.stringify({ ws: `ws://127.0.0.1:${port}/`, headers: {}, store: 'none (relay)' })}\n`);
  process.on('SIGTERM', () => {
    abort.abort();
    wss.close(() => process.exit(0));
  });
} else {
  const dataDir = mkdtempSync(join(tmpdir(), 'bifrost-bench-events-'));
  const level = process.env.BENCH_LOG_LEVEL ?? 'warn';
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
      TWITCH_INTEGRATION_CLIENT_ID: fake.credentials.clientId,
      TWITCH_INTEGRATION_CLIENT_SECRET: fake.credentials.clientSecret,
      TWITCH_INTEGRATION_ENDPOINTS: JSON.stringify(fake.baseUrls),
    },
    overrides: { data_dir: dataDir },
  });
  const rt = await createRuntime(config, { store, log: createLogger({ level }), keyring: createKeyring(parseKeySpecs([generateKeySpec('k1')]), 'bench') });
  const now = Date.now();
  const accountId = prefixedId('acc');
  await rt.store.db.insertInto('accounts').values({ id: accountId, name: 'Bench', created_at: now, updated_at: now }).execute();
  const id = prefixedId('int');
  const grant = fake.channel;
  await rt.store.db
    .insertInto('integrations')
    .values({
      id,
      account_id: accountId,
      platform: 'twitch',
      integration_type: 'channel',
      bot_identifier: null,
      platform_user_id: grant.userId,
      platform_username: grant.login,
      display_name: grant.login,
      scopes: JSON.stringify(SCOPES),
      client_id: fake.credentials.clientId,
      ...sealTokens(rt, id, { accessToken: grant.accessToken, refreshToken: grant.refreshToken, expiresIn: grant.expiresIn, tokenType: 'bearer' }),
      status: 'active',
      status_reason: null,
      has_verified_bot_badge: 0,
      is_verified_bot: 0,
      is_active: 1,
      is_default_bot: 0,
      connected_at: now,
      updated_at: now,
      last_refreshed_at: now,
      token_version: 1,
    })
    .execute();
  const serviceKey = (await createServiceKey(rt, callerOf(accountId), { name: 'bench', permissions: ['events:read'] })).key;
  const app = await buildApp(rt);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  rt.events.supervisor.start();
  process.stdout.write(`READY ${JSON.stringify({ ws: `${url.replace('http', 'ws')}/v1/events/ws`, headers: { authorization: `Bearer ${serviceKey}` }, store: rt.store.description })}\n`);
  process.on('SIGTERM', () => {
    void (async () => {
      await rt.events.supervisor.stop();
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
}
