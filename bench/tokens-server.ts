/**
 * The Bifrost side of `npm run bench:tokens`, alone in its process (the baselines and the load
 * generator run in their own): Bifrost with one integration whose token is valid for hours, a
 * service key and a Companion token-server id for it.
 * BENCH_STORE=sqlite|postgres (postgres uses BENCH_DATABASE_URL in a fresh schema).
 */
import { callerOf } from '../test/support/callers.ts';
import { buildApp } from '../src/http/app.ts';
import { createServiceKey } from '../src/consumers/service-keys.ts';
import { enableTokenServer } from '../src/consumers/token-server.ts';
import { benchRuntime } from './lib/bench-runtime.ts';

const KEY = 'bench-internal-key-0123456789abcdef';
// Bifrost's default level: token reads and /healthz are not request-logged at info (quietLog).
// BENCH_READ_CACHE_MS=0 measures every read going to the database (default: Bifrost's 1 s cache).
const bench = await benchRuntime({ INTERNAL_SERVICE_KEY: KEY, BIFROST_TOKEN_READ_CACHE_MS: process.env.BENCH_READ_CACHE_MS ?? '1000' }, process.env.BENCH_LOG_LEVEL ?? 'info');
const { rt, accountId } = bench;
const id = await bench.seed({ platform: 'twitch', type: 'bot', userId: '141981764', login: 'benchbot', scopes: ['chat:read', 'chat:edit'], clientId: 'bench-client', accessToken: 'a'.repeat(30), refreshToken: 'r'.repeat(50), expiresIn: 4 * 3600, isDefaultBot: true });
const serviceKey = (await createServiceKey(rt, callerOf(accountId), { name: 'bench' })).key;
const companionId = (await enableTokenServer(rt, callerOf(accountId), id)).tokenServerId;

const app = await buildApp(rt);
const bifrost = await app.listen({ host: '127.0.0.1', port: 0 });

process.stdout.write(
  `READY ${JSON.stringify({ healthz: `${bifrost}/healthz`, token: `${bifrost}/internal/integrations/${id}/token`, companion: `${bifrost}/v1/token-server?id=${companionId}`, internalKey: KEY, serviceKey, store: rt.store.description })}\n`,
);

process.on('SIGTERM', () => void app.close().then(() => bench.close()).then(() => process.exit(0)));
