/**
 * The Bifrost side of `npm run bench:events`, alone in its process: Twitch pointed at the EventSub
 * fake of bench/events-fake.ts, the account's channel stored with the fake's grant, the live event
 * supervisor running (it connects and subscribes like in production), and a service key that may
 * read events. BENCH_STORE=sqlite|postgres; BENCH_FAKE is the fake's READY line.
 * BENCH_MODE=relay runs the baseline instead: the same Twitch connector, its events sent straight to
 * WebSocket consumers with no log, no sequence and no database.
 */
import type { Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import { buildApp } from '../src/http/app.ts';
import { createServiceKey } from '../src/consumers/service-keys.ts';
import { callerOf } from '../test/support/callers.ts';
import type { MintedGrant } from '../test/support/token-seed.ts';
import { PLATFORM_DEFINITIONS } from '../src/platforms/registry.ts';
import { benchRuntime } from './lib/bench-runtime.ts';
import { loadConfig } from '../src/config/load.ts';
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
  /** Each consumer's TCP socket (the upgrade request's). */
  const sockets = new Map<Socket, true>();
  let corked = false;
  wss.on('connection', (ws, req) => {
    sockets.set(req.socket, true);
    ws.on('close', () => sockets.delete(req.socket));
  });
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
      // Corked until the next tick like Bifrost's WebSocket route, so the baseline is the same sends without the log.
      if (!corked) {
        corked = true;
        for (const c of sockets.keys()) c.cork();
        process.nextTick(() => {
          corked = false;
          for (const c of sockets.keys()) c.uncork();
        });
      }
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
  void def.events!.createConnector(loadConfig().events).run(ctx);
  const port = (wss.address() as { port: number }).port;
  process.stdout.write(`READY ${JSON.stringify({ ws: `ws://127.0.0.1:${port}/`, headers: {}, store: 'none (relay)' })}\n`);
  process.on('SIGTERM', () => {
    abort.abort();
    wss.close(() => process.exit(0));
  });
} else {
  const bench = await benchRuntime(
    {
      TWITCH_INTEGRATION_CLIENT_ID: fake.credentials.clientId,
      TWITCH_INTEGRATION_CLIENT_SECRET: fake.credentials.clientSecret,
      TWITCH_INTEGRATION_ENDPOINTS: JSON.stringify(fake.baseUrls),
    },
    process.env.BENCH_LOG_LEVEL ?? 'warn',
  );
  const { rt, accountId } = bench;
  const grant = fake.channel;
  await bench.seed({ platform: 'twitch', type: 'channel', scopes: SCOPES, clientId: fake.credentials.clientId, ...grant });
  const serviceKey = (await createServiceKey(rt, callerOf(accountId), { name: 'bench', permissions: ['events:read'] })).key;
  const app = await buildApp(rt);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  rt.events.supervisor.start();
  process.stdout.write(`READY ${JSON.stringify({ ws: `${url.replace('http', 'ws')}/v1/events/ws`, headers: { authorization: `Bearer ${serviceKey}` }, store: rt.store.description })}\n`);
  process.on('SIGTERM', () => {
    void (async () => {
      await rt.events.supervisor.stop();
      await app.close();
      await bench.close();
      process.exit(0);
    })();
  });
}
