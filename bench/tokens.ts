/**
 * `npm run bench:tokens`: internal token reads per second and p99 latency with autocannon over
 * loopback, on SQLite and (when BENCH_DATABASE_URL, DATABASE_URL or TEST_DATABASE_URL is set)
 * PostgreSQL, each as a ratio against a bare Fastify route measured in the same run. The server runs
 * in a child process; bare and Bifrost runs alternate so drift on a shared machine hits both alike.
 * Not a test: it prints figures (targets: >= 60 % of bare on SQLite, >= 40 % on PostgreSQL, p99 < 5 ms).
 */
import { spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;

interface Endpoints {
  bare: string;
  healthz: string;
  token: string;
  internalKey: string;
  serviceKey: string;
  store: string;
}

interface Run {
  rps: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function startServer(store: 'sqlite' | 'postgres'): Promise<{ endpoints: Endpoints; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'tokens-server.ts')], {
    env: { ...process.env, BENCH_STORE: store, ...(PG_URL ? { BENCH_DATABASE_URL: PG_URL } : {}) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const endpoints = await new Promise<Endpoints>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n').find((l) => l.startsWith('READY '));
      if (line) resolve(JSON.parse(line.slice(6)) as Endpoints);
    });
    child.on('exit', (code) => reject(new Error(`bench server exited (${code}): ${out}`)));
  });
  return {
    endpoints,
    stop: () =>
      new Promise<void>((resolve) => {
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function measure(url: string, headers: Record<string, string>, seconds: number, method = 'POST'): Promise<Run> {
  const result = await autocannon({ url, method, headers, connections: CONNECTIONS, duration: seconds, pipelining: 1 });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.timeouts, non2xx: result.non2xx };
}

function mean(runs: Run[]): Run {
  const avg = (f: (r: Run) => number) => runs.reduce((s, r) => s + f(r), 0) / runs.length;
  return { rps: avg((r) => r.rps), p99: avg((r) => r.p99), errors: runs.reduce((s, r) => s + r.errors, 0), non2xx: runs.reduce((s, r) => s + r.non2xx, 0) };
}

async function benchStore(store: 'sqlite' | 'postgres'): Promise<Record<string, string | number>> {
  const server = await startServer(store);
  const { bare, healthz, token, internalKey, serviceKey } = server.endpoints;
  try {
    // Warm-up: JIT, connection pools, the token cache.
    await measure(bare, {}, 2);
    await measure(token, { 'x-internal-secret': internalKey }, 2);
    const runs = { bare: [] as Run[], floor: [] as Run[], internal: [] as Run[], serviceKey: [] as Run[] };
    for (let i = 0; i < ROUNDS; i++) {
      runs.bare.push(await measure(bare, {}, SECONDS));
      runs.floor.push(await measure(healthz, {}, SECONDS, 'GET'));
      runs.internal.push(await measure(token, { 'x-internal-secret': internalKey }, SECONDS));
      runs.serviceKey.push(await measure(token, { authorization: `Bearer ${serviceKey}` }, SECONDS));
    }
    const b = mean(runs.bare);
    const row = (name: string, r: Run) => ({
      store: server.endpoints.store.split(' ')[0]!,
      route: name,
      'req/s': Math.round(r.rps),
      'ratio to bare': name === 'bare Fastify' ? '100 %' : `${Math.round((r.rps / b.rps) * 100)} %`,
      'p99 ms': r.p99,
      'errors+non-2xx': r.errors + r.non2xx,
    });
    console.table([
      row('bare Fastify', b),
      // Bifrost's own floor: the same app, a route with no work (security headers, auth hook, zod).
      row('Bifrost GET /healthz', mean(runs.floor)),
      row('token (X-Internal-Secret)', mean(runs.internal)),
      row('token (service key)', mean(runs.serviceKey)),
    ]);
    const pct = (r: Run) => Math.round((r.rps / b.rps) * 100);
    return {
      store,
      bare_rps: Math.round(b.rps),
      healthz_pct: pct(mean(runs.floor)),
      internal_rps: Math.round(mean(runs.internal).rps),
      internal_pct: pct(mean(runs.internal)),
      internal_p99_ms: mean(runs.internal).p99,
      service_key_pct: pct(mean(runs.serviceKey)),
      service_key_p99_ms: mean(runs.serviceKey).p99,
    };
  } finally {
    await server.stop();
  }
}

console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${CONNECTIONS} connections, ${ROUNDS} x ${SECONDS} s per route; read cache ${process.env.BENCH_READ_CACHE_MS ?? '1000'} ms`);
const results = [await benchStore('sqlite')];
if (PG_URL) results.push(await benchStore('postgres'));
else console.log('PostgreSQL skipped: set BENCH_DATABASE_URL (or DATABASE_URL / TEST_DATABASE_URL)');
console.log(JSON.stringify(results));
