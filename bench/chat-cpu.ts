/**
 * `node --import tsx bench/chat-cpu.ts`: the CPU time one chat send costs Bifrost, for comparing code
 * on a machine busy with other work, where throughput figures mean little. The same setup as
 * `npm run bench:chat` (Kick's fake in its own process, answering in 0 ms; the limit lifted; a service
 * key), but the sends go through `app.inject` one after another in this process, and the figure is
 * this process's CPU time (process.cpuUsage) per send. BENCH_STORE=sqlite|postgres (postgres uses
 * BENCH_DATABASE_URL), BENCH_SENDS (1000). PROFILE=<file> also writes a CPU profile of the sends.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { startChild } from './lib/child.ts';
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

const SENDS = Number(process.env.BENCH_SENDS ?? 1000);
const WARM_UP = 300;
const SCOPES = ['user:read', 'chat:write', 'moderation:ban', 'moderation:chat_message:manage'];

const fake = await startChild<FakeInfo>(join(import.meta.dirname, 'chat-fake.ts'));
const bench = await benchRuntime(
  {
    KICK_INTEGRATION_CLIENT_ID: fake.info.credentials.clientId,
    KICK_INTEGRATION_CLIENT_SECRET: fake.info.credentials.clientSecret,
    KICK_INTEGRATION_ENDPOINTS: JSON.stringify(fake.info.baseUrls),
    BIFROST_CHAT_KICK_MESSAGES_PER_30S: '100000',
  },
  'error',
);
try {
  const { rt, accountId } = bench;
  for (const [type, grant] of [['channel', fake.info.channel], ['bot', fake.info.bot]] as const) {
    await bench.seed({ platform: 'kick', type, scopes: SCOPES, clientId: fake.info.credentials.clientId, ...grant, isDefaultBot: type === 'bot' });
  }
  const serviceKey = (await createServiceKey(rt, callerOf(accountId), { name: 'bench', permissions: ['chat:send'] })).key;
  const app = await buildApp(rt);
  const headers = { authorization: `Bearer ${serviceKey}`, 'content-type': 'application/json' };
  let n = 0;
  const send = async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/chat/kick/messages', headers, payload: `{"text":"bench message ${n++}"}` });
    if (res.statusCode !== 201) throw new Error(`send answered ${res.statusCode}: ${res.body}`);
  };
  for (let i = 0; i < WARM_UP; i++) await send();

  const session = new Session();
  if (process.env.PROFILE) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < SENDS; i++) await send();
  const used = process.cpuUsage(cpu);
  const wallMs = performance.now() - start;
  if (process.env.PROFILE) writeFileSync(process.env.PROFILE, JSON.stringify((await session.post('Profiler.stop')).profile));

  console.log(`${rt.store.description.split(' ')[0]}: ${SENDS} sends one after another, ${((used.user + used.system) / SENDS).toFixed(0)} µs CPU per send, ${((SENDS / wallMs) * 1000).toFixed(0)} sends/s`);
  await app.close();
} finally {
  await bench.close();
  await fake.stop();
}
