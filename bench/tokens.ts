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
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
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
  let ready = false;
  const endpoints = await new Promise<Endpoints>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      if (ready) return; // the server's log lines after start are drained, not kept
      out += c.toString();
      const line = out.split('\n').find((l) => l.startsWith('READY '));
      if (line) {
        ready = true;
        resolve(JSON.parse(line.slice(6)) as Endpoints);
      }
    });
    child.on('exit', (code) => reject(new Error(`bench server exited (${code}): ${out.slice(-2000)}`)));
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface Row {
  store: string;
  route: string;
  'req/s': number;
  'ratio to bare': string;
  'p99 ms': number;
  'errors+non-2xx': number;
}

async function benchStore(store: 'sqlite' | 'postgres'): Promise<{ rows: Row[]; summary: Record<string, string | number> }> {
  const server = await startServer(store);
  const { bare, healthz, token, internalKey, serviceKey } = server.endpoints;
  const routes = [
    { name: 'bare Fastify', run: () => measure(bare, {}, SECONDS) },
    // Bifrost's own floor: the same app, a route with no work (security headers, hooks, zod).
    { name: 'Bifrost GET /healthz', run: () => measure(healthz, {}, SECONDS, 'GET') },
    { name: 'token (X-Internal-Secret)', run: () => measure(token, { 'x-internal-secret': internalKey }, SECONDS) },
    { name: 'token (service key)', run: () => measure(token, { authorization: `Bearer ${serviceKey}` }, SECONDS) },
  ];
  try {
    // Warm-up: JIT, connection pools, the token cache.
    await measure(bare, {}, 2);
    await measure(token, { 'x-internal-secret': internalKey }, 2);
    await measure(token, { authorization: `Bearer ${serviceKey}` }, 2);
    const runs: Run[][] = routes.map(() => []);
    // Rounds alternate the routes; each route's ratio is taken within its round, against that round's
    // bare run, and the median over rounds is reported: drift on a shared machine cancels out.
    for (let i = 0; i < ROUNDS; i++) for (const [r, route] of routes.entries()) runs[r]!.push(await route.run());
    const label = server.endpoints.store.split(' ')[0]!;
    const rows = routes.map((route, r) => {
      const mine = runs[r]!;
      const ratio = median(mine.map((run, i) => run.rps / runs[0]![i]!.rps));
      return {
        store: label,
        route: route.name,
        'req/s': Math.round(median(mine.map((run) => run.rps))),
        'ratio to bare': `${Math.round(ratio * 100)} %`,
        'p99 ms': median(mine.map((run) => run.p99)),
        'errors+non-2xx': mine.reduce((sum, run) => sum + run.errors + run.non2xx, 0),
      };
    });
    console.table(rows);
    const pct = (name: string) => rows.find((row) => row.route === name)!['ratio to bare'];
    const p99 = (name: string) => rows.find((row) => row.route === name)!['p99 ms'];
    return {
      rows,
      summary: {
        store,
        bare_p99_ms: p99('bare Fastify'),
        healthz_pct: pct('Bifrost GET /healthz'),
        internal_pct: pct('token (X-Internal-Secret)'),
        internal_p99_ms: p99('token (X-Internal-Secret)'),
        service_key_pct: pct('token (service key)'),
        service_key_p99_ms: p99('token (service key)'),
      },
    };
  } finally {
    await server.stop();
  }
}

console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${CONNECTIONS} connections, ${ROUNDS} x ${SECONDS} s per route; read cache ${process.env.BENCH_READ_CACHE_MS ?? '1000'} ms; log level ${process.env.BENCH_LOG_LEVEL ?? 'info'}`);
const results = [await benchStore('sqlite')];
if (PG_URL) results.push(await benchStore('postgres'));
else console.log('PostgreSQL skipped: set BENCH_DATABASE_URL (or DATABASE_URL / TEST_DATABASE_URL)');
console.log(JSON.stringify(results.map((r) => r.summary)));
