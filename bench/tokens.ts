/**
 * `npm run bench:tokens`: the token API measured from outside with wrk (one thread, 50 connections,
 * loopback), every target in its own process, in interleaved rounds: bare node:http (shows the load
 * generator is not the bottleneck), bare Fastify (the baseline), Bifrost `GET /healthz` (its fixed
 * per-request cost), the internal token read with X-Internal-Secret and with a service key, and the
 * Companion token server; and bare Fastify and bare node:http sending the same headers as Bifrost
 * (what those cost alone; Bifrost answers its three hot requests before Fastify, on node:http).
 * SQLite always; PostgreSQL when BENCH_DATABASE_URL, DATABASE_URL or TEST_DATABASE_URL is set. Each round's ratios are taken against that round's bare Fastify run and
 * the median over rounds is reported. Not a test: exits non-zero only on errors (non-2xx, crashes).
 */
import { cpus, totalmem, loadavg } from 'node:os';
import { join } from 'node:path';
import { startChild, type Child } from './lib/child.ts';
import { median, wrk, type WrkResult } from './lib/wrk.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;

interface BifrostInfo {
  healthz: string;
  token: string;
  companion: string;
  internalKey: string;
  serviceKey: string;
  store: string;
}

// The token answer's size and shape, so the baselines serialise a comparable body.
const SAMPLE = JSON.stringify({ access_token: 'a'.repeat(30), token_type: 'bearer', expires_at: new Date().toISOString(), scopes: ['chat:read', 'chat:edit'], platform: 'twitch', integration_type: 'bot', platform_user_id: '141981764', platform_username: 'benchbot' });

interface Target {
  name: string;
  run(seconds: number): Promise<WrkResult>;
  /** The process that answers it, for its CPU time per request. */
  server: Child<unknown>;
}

interface Run extends WrkResult {
  /** The server's CPU time (user + system) per response, µs. */
  cpuPerRequest: number;
}

async function measure(t: Target, seconds: number): Promise<Run> {
  const before = t.server.cpuMicros();
  const result = await t.run(seconds);
  return { ...result, cpuPerRequest: (t.server.cpuMicros() - before) / result.requests };
}

async function benchStore(store: 'sqlite' | 'postgres', fastify: Child<{ url: string }>, node: Child<{ url: string }>, headed: Child<{ url: string }>, nodeHeaded: Child<{ url: string }>): Promise<Record<string, string | number>[]> {
  const server: Child<BifrostInfo> = await startChild(join(import.meta.dirname, 'tokens-server.ts'), { BENCH_STORE: store, ...(PG_URL ? { BENCH_DATABASE_URL: PG_URL } : {}) });
  const b = server.info;
  const load = (url: string, method: string, headers: Record<string, string> = {}) => (seconds: number) => wrk({ url, method, headers, seconds, connections: CONNECTIONS });
  const targets: Target[] = [
    { name: 'bare Fastify', run: load(fastify.info.url, 'POST'), server: fastify },
    { name: 'bare node:http', run: load(node.info.url, 'POST'), server: node },
    { name: 'bare Fastify + the same headers', run: load(headed.info.url, 'POST'), server: headed },
    { name: 'bare node:http + the same headers', run: load(nodeHeaded.info.url, 'POST'), server: nodeHeaded },
    { name: 'Bifrost GET /healthz', run: load(b.healthz, 'GET'), server },
    { name: 'token (X-Internal-Secret)', run: load(b.token, 'POST', { 'x-internal-secret': b.internalKey }), server },
    { name: 'token (service key)', run: load(b.token, 'POST', { authorization: `Bearer ${b.serviceKey}` }), server },
    { name: 'Companion GET /v1/token-server', run: load(b.companion, 'GET'), server },
  ];
  try {
    for (const t of targets) await t.run(2); // warm-up: JIT, pools, the token cache
    const runs: Run[][] = targets.map(() => []);
    for (let i = 0; i < ROUNDS; i++) for (const [n, t] of targets.entries()) runs[n]!.push(await measure(t, SECONDS));
    const label = b.store.split(' ')[0]!;
    return targets.map((t, n) => {
      const mine = runs[n]!;
      return {
        store: label,
        target: t.name,
        'req/s': Math.round(median(mine.map((r) => r.rps))),
        'ratio to bare Fastify': `${Math.round(median(mine.map((r, i) => r.rps / runs[0]![i]!.rps)) * 100)} %`,
        'p99 ms': Number(median(mine.map((r) => r.p99Ms)).toFixed(2)),
        // Less noisy than req/s on a shared machine: what one answer costs the server. The CPU ratio is
        // bare Fastify's CPU per answer over this target's (like the req/s ratio: 100 % = as cheap as bare).
        'server CPU µs/req': Math.round(median(mine.map((r) => r.cpuPerRequest))),
        'CPU ratio': `${Math.round(median(mine.map((r, i) => runs[0]![i]!.cpuPerRequest / r.cpuPerRequest)) * 100)} %`,
        'non-2xx+errors': mine.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
      };
    });
  } finally {
    await server.stop();
  }
}

console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${loadavg()[0]!.toFixed(2)}; wrk 1 thread, ${CONNECTIONS} connections, ${ROUNDS} rounds x ${SECONDS} s per target`);
const fastify = await startChild<{ url: string }>(join(import.meta.dirname, 'lib', 'bare-server.ts'), { BARE: 'fastify', BARE_BODY: SAMPLE });
const node = await startChild<{ url: string }>(join(import.meta.dirname, 'lib', 'bare-server.ts'), { BARE: 'node', BARE_BODY: SAMPLE });
const headed = await startChild<{ url: string }>(join(import.meta.dirname, 'lib', 'bare-server.ts'), { BARE: 'fastify-headers', BARE_BODY: SAMPLE });
const nodeHeaded = await startChild<{ url: string }>(join(import.meta.dirname, 'lib', 'bare-server.ts'), { BARE: 'node-headers', BARE_BODY: SAMPLE });
let failed = false;
try {
  const rows = await benchStore('sqlite', fastify, node, headed, nodeHeaded);
  if (PG_URL) rows.push(...(await benchStore('postgres', fastify, node, headed, nodeHeaded)));
  else console.log('PostgreSQL skipped: set BENCH_DATABASE_URL (or DATABASE_URL / TEST_DATABASE_URL)');
  console.table(rows);
  failed = rows.some((r) => Number(r['non-2xx+errors']) > 0);
} finally {
  await fastify.stop();
  await node.stop();
  await headed.stop();
  await nodeHeaded.stop();
}
if (failed) {
  console.error('some requests failed (non-2xx or socket errors): the figures above are not valid');
  process.exit(1);
}
