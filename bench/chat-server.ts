/**
 * The Bifrost side of `npm run bench:chat`, alone in its process: Kick pointed at the fake of
 * bench/chat-fake.ts, the account's channel and default bot stored with the fake's grants, the chat
 * limit lifted (`BIFROST_CHAT_KICK_MESSAGES_PER_30S`), and a service key allowed to send.
 * BENCH_STORE=sqlite|postgres (postgres uses BENCH_DATABASE_URL in a fresh schema); BENCH_FAKE is
 * the fake's READY line.
 */
import { buildApp } from '../src/http/app.ts';
import { createServiceKey } from '../src/consumers/service-keys.ts';
import { callerOf } from '../test/support/callers.ts';
import type { MintedGrant } from '../test/support/token-seed.ts';
import { benchRuntime } from './lib/bench-runtime.ts';

interface FakeInfo {
  baseUrls: Record<string, string>;
  credentials: { clientId: string; clientSecret: string };
  channel: MintedGrant;
  bot: MintedGrant;
}

const fake = JSON.parse(process.env.BENCH_FAKE!) as FakeInfo;
const SCOPES = ['user:read', 'chat:write', 'moderation:ban', 'moderation:chat_message:manage'];
const bench = await benchRuntime(
  {
    KICK_INTEGRATION_CLIENT_ID: fake.credentials.clientId,
    KICK_INTEGRATION_CLIENT_SECRET: fake.credentials.clientSecret,
    KICK_INTEGRATION_ENDPOINTS: JSON.stringify(fake.baseUrls),
    BIFROST_CHAT_KICK_MESSAGES_PER_30S: process.env.BENCH_LIMIT ?? '100000',
  },
  process.env.BENCH_LOG_LEVEL ?? 'info',
);
const { rt, accountId } = bench;
for (const [type, grant] of [['channel', fake.channel], ['bot', fake.bot]] as const) {
  await bench.seed({ platform: 'kick', type, scopes: SCOPES, clientId: fake.credentials.clientId, ...grant, isDefaultBot: type === 'bot' });
}
const serviceKey = (await createServiceKey(rt, callerOf(accountId), { name: 'bench', permissions: ['chat:send'] })).key;

const app = await buildApp(rt);
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`READY ${JSON.stringify({ send: `${url}/v1/chat/kick/messages`, serviceKey, store: rt.store.description })}\n`);

process.on('SIGTERM', () => void app.close().then(() => bench.close()).then(() => process.exit(0)));
