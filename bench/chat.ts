/**
 * `npm run bench:chat`: chat sends per second through Bifrost (`POST /v1/chat/kick/messages` with a
 * service key, the shared limit lifted, Kick's fake answering in 0 ms in its own process) and the p99
 * latency Bifrost adds, on SQLite and PostgreSQL, against a bare Fastify route answering the same body
 * in the same run. wrk, one thread; throughput at BENCH_CONNECTIONS (50), added latency at
 * BENCH_LATENCY_CONNECTIONS (4), and again at those connections each pausing BENCH_PAUSE_MS (3) before
 * each request: a closed loop of 4 already keeps a send's server busy, so its p99 there holds queueing,
 * while the paced load runs it well below its ceiling and its p99 is the work itself.
 * Targets: >= 2,000 sends/s per instance, p99 added < 5 ms. Beside them, bare Fastify making the same
 * call to the fake (node:http, kept alive) shows what any route that calls the platform pays; "p99 over
 * bare call" is Bifrost's p99 above it. Exits non-zero only on errors.
 * Also the CPU time per request (Linux /proc) of the server process, the fake, every PostgreSQL process
 * and wrk: where a send's cost lands on the machine. A busy machine inflates it far less than it does
 * throughput: compare it between runs taken on a shared machine.
 * BENCH_PROFILE=<dir> writes a CPU profile of each Bifrost server process there (node --cpu-prof).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { startChild, statCpuMicros, type Child } from './lib/child.ts';
import { median, wrk, type WrkResult } from './lib/wrk.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const LATENCY_CONNECTIONS = Number(process.env.BENCH_LATENCY_CONNECTIONS ?? 4);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
// Paced latency: each of the latency connections waits this long before each request, so the server runs well below its ceiling.
const PAUSE_MS = Number(process.env.BENCH_PAUSE_MS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const SAMPLE = JSON.stringify({ message_id: '5138d04d-68f8-4eca-aa65-93123f6f97fe', platform: 'kick', sender: { integration_id: 'int_0123456789abcdef', username: 'bifrost_bot', global: false }, sent_at: new Date().toISOString() });
const BODY = '{"text":"bench message {n}"}';

const here = import.meta.dirname;

/** CPU ms (user + system) a child has used so far. */
const cpuMs = (child: Child<unknown>): number => child.cpuMicros() / 1000;

/** CPU ms so far of each PostgreSQL process on the machine (the backends serving the server's pool among them), by pid. */
function postgresCpuMs(): Map<string, number> {
  const byPid = new Map<string, number>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.includes('(postgres)')) byPid.set(pid, statCpuMicros(stat) / 1000);
    } catch {
      // The process ended while the list was read.
    }
  }
  return byPid;
}

/**
 * PostgreSQL's CPU ms between two readings: each process's growth, a process started since counted
 * whole. A process that ended in between drops out (its last moments are lost, never counted negative).
 */
function postgresCpuSince(before: Map<string, number>): number {
  let total = 0;
  for (const [pid, ms] of postgresCpuMs()) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** CPU ms of this process's finished children (wrk, which `wrk()` waits for): cutime and cstime. */
const childrenCpuMs = (): number => statCpuMicros(readFileSync('/proc/self/stat', 'utf8'), 13) / 1000;

interface Measured extends WrkResult {
  /** CPU ms per answered request of the process under test, the fake, PostgreSQL and wrk. */
  cpu: { server: number; fake: number; postgres: number; wrk: number };
}

/** A wrk run with the CPU ms per request each process spent over it. */
async function measured(server: Child<unknown>, run: () => Promise<WrkResult>): Promise<Measured> {
  const before = { server: cpuMs(server), fake: cpuMs(fake), postgres: postgresCpuMs(), wrk: childrenCpuMs() };
  const result = await run();
  const postgres = postgresCpuSince(before.postgres);
  const after = { server: cpuMs(server), fake: cpuMs(fake), wrk: childrenCpuMs() };
  const per = (k: keyof typeof after) => (after[k] - before[k]) / result.requests;
  return { ...result, cpu: { server: per('server'), fake: per('fake'), postgres: postgres / result.requests, wrk: per('wrk') } };
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
      const targets = {
        bare: { child: bare, url: bare.info.url, headers: {} },
        proxy: { child: proxy, url: proxy.info.url, headers: {} },
        send: { child: server, url: server.info.send, headers },
      };
      type Target = keyof typeof targets;
      type Load = 'saturated' | 'latency' | 'paced';
      const loads: Record<Load, { connections: number; pauseMs?: number }> = {
        saturated: { connections: CONNECTIONS },
        latency: { connections: LATENCY_CONNECTIONS },
        paced: { connections: LATENCY_CONNECTIONS, pauseMs: PAUSE_MS },
      };
      const runOf = (target: Target, load: Load) =>
        measured(targets[target].child, () => wrk({ url: targets[target].url, method: 'POST', headers: targets[target].headers, body: BODY, seconds: SECONDS, ...loads[load] }));
      await runOf('send', 'saturated'); // warm-up
      const runs = {} as Record<`${Target}:${Load}`, Measured[]>;
      for (let i = 0; i < ROUNDS; i++) {
        for (const load of Object.keys(loads) as Load[]) {
          for (const target of Object.keys(targets) as Target[]) (runs[`${target}:${load}`] ??= []).push(await runOf(target, load));
        }
      }
      const all = Object.values(runs).flat();
      // wrk gives up on a request after 2 s: that is slow, not failed, and reported apart from errors.
      errors += all.reduce((s, r) => s + r.non2xx + r.errors - r.timeouts, 0);
      slow += all.reduce((s, r) => s + r.timeouts, 0);
      const label = server.info.store.split(' ')[0]!;
      const med = (target: Target, load: Load, f: (r: Measured, i: number) => number, digits = 2) => Number(median(runs[`${target}:${load}`].map(f)).toFixed(digits));
      const added = (target: Target, load: Load, over: Target) => med(target, load, (r, i) => r.p99Ms - runs[`${over}:${load}`][i]!.p99Ms);
      const names: Record<Target, string> = { bare: 'bare Fastify (same body)', proxy: 'bare Fastify calling the fake', send: 'POST /v1/chat/kick/messages' };
      for (const target of Object.keys(targets) as Target[]) {
        rows.push({
          store: label,
          target: names[target],
          'req/s': Math.round(med(target, 'saturated', (r) => r.rps)),
          ratio: `${Math.round(med(target, 'saturated', (r, i) => r.rps / runs['bare:saturated'][i]!.rps) * 100)} %`,
          [`req/s @${LATENCY_CONNECTIONS}`]: Math.round(med(target, 'latency', (r) => r.rps)),
          [`p99 ms @${LATENCY_CONNECTIONS}`]: med(target, 'latency', (r) => r.p99Ms),
          [`p99 added @${LATENCY_CONNECTIONS}`]: added(target, 'latency', 'bare'),
          'req/s paced': Math.round(med(target, 'paced', (r) => r.rps)),
          'p99 ms paced': med(target, 'paced', (r) => r.p99Ms),
          'p99 added paced': added(target, 'paced', 'bare'),
          'p99 paced over bare call': target === 'bare' ? '' : added(target, 'paced', 'proxy'),
          'CPU ms/req server': med(target, 'saturated', (r) => r.cpu.server, 3),
          fake: target === 'bare' ? '' : med(target, 'saturated', (r) => r.cpu.fake, 3),
          postgres: med(target, 'saturated', (r) => r.cpu.postgres, 3),
          wrk: med(target, 'saturated', (r) => r.cpu.wrk, 3),
        });
      }
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
