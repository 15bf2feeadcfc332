/**
 * `npm run bench:chat`: chat sends per second through Bifrost (`POST /v1/chat/kick/messages` with a
 * service key, the shared limit lifted, Kick's fake answering in 0 ms in its own process) and the p99
 * latency Bifrost adds, on SQLite and PostgreSQL, against a bare Fastify route answering the same body
 * in the same run. wrk, one thread; throughput at BENCH_CONNECTIONS (50), added latency at
 * BENCH_LATENCY_CONNECTIONS (4, below saturation, so p99 is the work and not the queue).
 * Targets: >= 2,000 sends/s per instance, p99 added < 5 ms. Beside them, bare Fastify making the same
 * call to the fake (node:http, kept alive) shows what any route that calls the platform pays; "p99 over
 * bare call" is Bifrost's p99 above it. Exits non-zero only on errors.
 * Also the server process's CPU time per request (Linux /proc), which a machine busy with other work
 * inflates far less than it does throughput: compare it between runs taken on a shared machine.
 * BENCH_PROFILE=<dir> writes a CPU profile of each Bifrost server process there (node --cpu-prof).
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { startChild } from './lib/child.ts';
import { median, wrk, type WrkResult } from './lib/wrk.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const LATENCY_CONNECTIONS = Number(process.env.BENCH_LATENCY_CONNECTIONS ?? 4);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const SAMPLE = JSON.stringify({ message_id: '5138d04d-68f8-4eca-aa65-93123f6f97fe', platform: 'kick', sender: { integration_id: 'int_0123456789abcdef', username: 'bifrost_bot', global: false }, sent_at: new Date().toISOString() });
const BODY = '{"text":"bench message {n}"}';

const here = import.meta.dirname;

/** CPU ms (user + system) a process has used so far; NaN where /proc is missing. */
function cpuMs(pid: number | undefined): number {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in ticks of 1/100 s.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** A wrk run with the server's CPU ms per request over it. */
async function measured(pid: number | undefined, run: () => Promise<WrkResult>): Promise<WrkResult & { cpuMsPerRequest: number }> {
  const before = cpuMs(pid);
  const result = await run();
  return { ...result, cpuMsPerRequest: (cpuMs(pid) - before) / (result.rps * SECONDS) };
}

console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${loadavg()[0]!.toFixed(2)}; wrk 1 thread, ${ROUNDS} rounds x ${SECONDS} s`);
const bare = await startChild<{ url: string }>(join(here, 'lib', 'bare-server.ts'), { BARE: 'fastify', BARE_BODY: SAMPLE });
const fake = await startChild<{ baseUrls: Record<string, string>; channel: { userId: string }; bot: { accessToken: string } }>(join(here, 'chat-fake.ts'));
// The same platform call made by bare Fastify: its p99 is the floor any route calling the fake has.
const proxy = await startChild<{ url: string }>(join(here, 'lib', 'bare-server.ts'), {
  BARE: 'proxy',
  BARE_BODY: SAMPLE,
  BARE_UPSTREAM: `${fake.info.baseUrls.api}/chat`,
  BARE_UPSTREAM_AUTH: `Bearer ${fake.info.bot.accessToken}`,
  BARE_UPSTREAM_BODY: JSON.stringify({ broadcaster_user_id: Number(fake.info.channel.userId), content: 'bench', type: 'user' }),
});
const rows: Record<string, string | number>[] = [];
let errors = 0;
let slow = 0;
try {
  for (const store of PG_URL ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
    const server = await startChild<{ send: string; serviceKey: string; store: string }>(join(here, 'chat-server.ts'), {
      BENCH_STORE: store,
      BENCH_FAKE: JSON.stringify(fake.info),
      ...(PG_URL ? { BENCH_DATABASE_URL: PG_URL } : {}),
    }, process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []);
    try {
      const headers = { authorization: `Bearer ${server.info.serviceKey}` };
      const bareRun = (connections: number) => measured(bare.process.pid, () => wrk({ url: bare.info.url, method: 'POST', body: BODY, seconds: SECONDS, connections }));
      const sendRun = (connections: number) => measured(server.process.pid, () => wrk({ url: server.info.send, method: 'POST', headers, body: BODY, seconds: SECONDS, connections }));
      await sendRun(CONNECTIONS); // warm-up
      const proxyRun = (connections: number) => measured(proxy.process.pid, () => wrk({ url: proxy.info.url, method: 'POST', body: BODY, seconds: SECONDS, connections }));
      const runs: Record<'bare' | 'send' | 'proxy' | 'bareLat' | 'sendLat' | 'proxyLat', Awaited<ReturnType<typeof sendRun>>[]> = { bare: [], send: [], proxy: [], bareLat: [], sendLat: [], proxyLat: [] };
      for (let i = 0; i < ROUNDS; i++) {
        runs.bare.push(await bareRun(CONNECTIONS));
        runs.proxy.push(await proxyRun(CONNECTIONS));
        runs.send.push(await sendRun(CONNECTIONS));
        runs.bareLat.push(await bareRun(LATENCY_CONNECTIONS));
        runs.proxyLat.push(await proxyRun(LATENCY_CONNECTIONS));
        runs.sendLat.push(await sendRun(LATENCY_CONNECTIONS));
      }
      const all = [...runs.send, ...runs.sendLat, ...runs.bare, ...runs.bareLat, ...runs.proxy, ...runs.proxyLat];
      // wrk gives up on a request after 2 s: that is slow, not failed, and reported apart from errors.
      errors += all.reduce((s, r) => s + r.non2xx + r.errors - r.timeouts, 0);
      slow += all.reduce((s, r) => s + r.timeouts, 0);
      const label = server.info.store.split(' ')[0]!;
      const ratio = median(runs.send.map((r, i) => r.rps / runs.bare[i]!.rps));
      rows.push(
        {
          store: label,
          target: 'bare Fastify (same body)',
          'req/s': Math.round(median(runs.bare.map((r) => r.rps))),
          ratio: '100 %',
          [`p99 ms @${LATENCY_CONNECTIONS}`]: Number(median(runs.bareLat.map((r) => r.p99Ms)).toFixed(2)),
          'p99 added ms': 0,
          'p99 over bare call ms': '',
          'server CPU ms/req': Number(median(runs.bare.map((r) => r.cpuMsPerRequest)).toFixed(3)),
        },
        {
          store: label,
          target: 'bare Fastify calling the fake',
          'req/s': Math.round(median(runs.proxy.map((r) => r.rps))),
          ratio: `${Math.round(median(runs.proxy.map((r, i) => r.rps / runs.bare[i]!.rps)) * 100)} %`,
          [`p99 ms @${LATENCY_CONNECTIONS}`]: Number(median(runs.proxyLat.map((r) => r.p99Ms)).toFixed(2)),
          'p99 added ms': Number(median(runs.proxyLat.map((r, i) => r.p99Ms - runs.bareLat[i]!.p99Ms)).toFixed(2)),
          'p99 over bare call ms': 0,
          'server CPU ms/req': Number(median(runs.proxy.map((r) => r.cpuMsPerRequest)).toFixed(3)),
        },
        {
          store: label,
          target: 'POST /v1/chat/kick/messages',
          'req/s': Math.round(median(runs.send.map((r) => r.rps))),
          ratio: `${Math.round(ratio * 100)} %`,
          [`p99 ms @${LATENCY_CONNECTIONS}`]: Number(median(runs.sendLat.map((r) => r.p99Ms)).toFixed(2)),
          'p99 added ms': Number(median(runs.sendLat.map((r, i) => r.p99Ms - runs.bareLat[i]!.p99Ms)).toFixed(2)),
          'p99 over bare call ms': Number(median(runs.sendLat.map((r, i) => r.p99Ms - runs.proxyLat[i]!.p99Ms)).toFixed(2)),
          'server CPU ms/req': Number(median(runs.send.map((r) => r.cpuMsPerRequest)).toFixed(3)),
        },
      );
    } finally {
      await server.stop();
    }
  }
} finally {
  await fake.stop();
  await bare.stop();
  await proxy.stop();
}
if (!PG_URL) console.log('PostgreSQL skipped: set BENCH_DATABASE_URL (or DATABASE_URL / TEST_DATABASE_URL)');
console.table(rows);
if (slow > 0) console.log(`${slow} requests got no answer within wrk's 2 s timeout (slow, not failed)`);
if (errors > 0) {
  console.error(`${errors} requests failed (non-2xx or socket errors): the figures above are not valid`);
  process.exit(1);
}
