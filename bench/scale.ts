/**
 * `npm run bench:scale`: Bifrost with 100,000 integrations (BENCH_ROWS) in a fresh store, SQLite
 * always and PostgreSQL when BENCH_DATABASE_URL (or DATABASE_URL / TEST_DATABASE_URL) is set.
 * Measures, per store:
 *  1. the worker's per-tick queries (the refresh claim above all): their plan (EXPLAIN / EXPLAIN
 *     QUERY PLAN) and time, with nothing due and with a backlog due;
 *  2. refresh throughput: the worker drains a backlog of due Kick rows against a token endpoint that
 *     answers after 100 ms (bench/scale-fake.ts, its own process), against concurrency ÷ latency;
 *  3. token reads (POST /internal/integrations/{id}/token, wrk, 50 connections) with the read cache
 *     cold (every read another of the 100,000 rows) and warm (100 rows read over and over), the
 *     server in its own process (`bin/bifrost serve` from the compiled build, built first when stale:
 *     the full app and the worker);
 *  4. the server's resident memory with the 100,000 rows, idle after start and after the reads.
 * BENCH_SERVER_PROFILE=<dir> writes a CPU profile of the server process there, BENCH_SERVER_HEAP=<dir>
 * a heap snapshot after the reads; BENCH_FROM_SOURCE=1 runs the server from the sources through tsx;
 * BENCH_NODE_FLAGS passes Node/V8 flags to the server process.
 * Exits non-zero on errors only (a failed refresh, a non-2xx answer, a crash), never on slow figures.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Compilable } from 'kysely';
import type { Runtime } from '../src/runtime.ts';
import { generateKeySpec } from '../src/crypto/keyring.ts';
import { prefixedId } from '../src/crypto/random.ts';
import { sealTokens } from '../src/tokens/sealed-tokens.ts';
import { nextRefreshAt } from '../src/refresh/schedule.ts';
import { createWorker } from '../src/worker/worker.ts';
import { PLATFORM_DEFINITIONS, PLATFORM_SLUGS } from '../src/platforms/registry.ts';
import { dueRefreshesClaim, dueValidationsClaim, healedIncidentsQuery, unscheduledQuery } from '../src/worker/claims.ts';
import { queryPlan } from '../src/worker/query-plan.ts';
import { startChild } from './lib/child.ts';
import { median, wrk, type WrkResult } from './lib/wrk.ts';
import { CLIENT_ID, INTERNAL_KEY, pgSql, SCOPES, scaleRuntime, type ScaleStore } from './lib/scale-runtime.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 100);
// A backlog the worker needs ~4 s to drain at the ideal rate (concurrency ÷ latency).
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? Math.round((CONCURRENCY * 1000 * 4) / LATENCY_MS));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const PLATFORMS = PLATFORM_SLUGS;
const HOUR = 3_600_000;
const REPS = 10;
// BENCH_PARTS=claims,refresh,reads: a subset (say, only the claims while trying an index).
const PARTS = new Set((process.env.BENCH_PARTS ?? 'claims,refresh,reads').split(','));
// BENCH_STORES=postgres: one store only (say, PostgreSQL's refresh throughput while changing it).
const STORES = new Set((process.env.BENCH_STORES ?? 'sqlite,postgres').split(','));

const errors: string[] = [];
const keySpec = generateKeySpec('k1');

/** The integration rows: bots of 1,000 accounts on four platforms, 4-hour tokens issued over the last 2.5 hours (none due for 30 min). */
async function seed(rt: Runtime): Promise<{ ids: string[]; kickIds: string[] }> {
  const now = Date.now();
  const accounts = Array.from({ length: Math.max(1, Math.ceil(ROWS / 100)) }, (_, i) => ({ id: prefixedId('acc'), name: `Bench ${i}`, created_at: now, updated_at: now }));
  for (let i = 0; i < accounts.length; i += 500) await rt.store.db.insertInto('accounts').values(accounts.slice(i, i + 500)).execute();
  const ids: string[] = [];
  const kickIds: string[] = [];
  const chunk = 400; // under SQLite's and PostgreSQL's limits on bound parameters per statement
  for (let start = 0; start < ROWS; start += chunk) {
    const rows = [];
    for (let i = start; i < Math.min(ROWS, start + chunk); i++) {
      const id = prefixedId('int');
      const platform = PLATFORMS[i % PLATFORMS.length]!;
      const issued = now - Math.floor((((i * 7919) % 1000) / 1000) * 2.5 * HOUR); // none due within the next 30 min
      const paced = { token_expires_at: issued + 4 * HOUR, last_refreshed_at: issued, connected_at: issued - 24 * HOUR };
      ids.push(id);
      if (platform === 'kick') kickIds.push(id);
      rows.push({
        id,
        account_id: accounts[Math.floor(i / 100)]!.id,
        platform,
        integration_type: 'bot' as const,
        bot_identifier: `b${i}`,
        platform_user_id: String(1_000_000 + i),
        platform_username: `bot${i}`,
        display_name: `Bot ${i}`,
        scopes: JSON.stringify(SCOPES),
        client_id: CLIENT_ID,
        ...sealTokens(rt, id, { accessToken: randomBytes(15).toString('hex'), refreshToken: randomBytes(25).toString('hex'), expiresIn: 4 * 3600, tokenType: 'bearer' }),
        status: 'active' as const,
        status_reason: null,
        has_verified_bot_badge: 0,
        is_verified_bot: 0,
        is_active: 1,
        is_default_bot: 0,
        updated_at: now,
        token_version: 1,
        ...paced,
        next_refresh_at: nextRefreshAt(rt.config.tokens, paced),
        // Twitch validation is not what this measures: every row was validated just now.
        validation_due_at: now + HOUR,
        last_validated_at: now,
      });
    }
    await rt.store.db.insertInto('integrations').values(rows).execute();
  }
  return { ids, kickIds };
}

async function explain(rt: Runtime, query: Compilable): Promise<string> {
  return (await queryPlan(rt.store, query)).join('\n');
}

async function timed(run: () => Promise<unknown>): Promise<{ median: number; max: number }> {
  const times: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  return { median: median(times), max: Math.max(...times) };
}

const fmt = (n: number, digits = 1) => Number(n.toFixed(digits));

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Math.round(Number(/(\d+)/.exec(line)![1]) / 1024);
}

const root = join(import.meta.dirname, '..');
const FROM_SOURCE = process.env.BENCH_FROM_SOURCE === '1';

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** The server runs the compiled build, as in production: (re)built first when src/ is newer. */
function ensureBuild(): void {
  const stamp = join(root, 'build', '.built');
  if (FROM_SOURCE || (existsSync(stamp) && statSync(stamp).mtimeMs >= newestSource(join(root, 'src')))) return;
  console.log('build/ is missing or older than src/: npm run build');
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build failed');
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * `bifrost serve` over the seeded store, in its own process (the full app and the worker, as an
 * operator runs it), configured through the environment as bench/lib/scale-runtime.ts configures the
 * seeding runtime. Live events are off: they are not what this measures. BENCH_FROM_SOURCE=1 runs the
 * sources through tsx (RSS then carries tsx's own ~40 MB); BENCH_SERVER_PROFILE=<dir> profiles it.
 */
async function startServer(where: ScaleStore, fakeUrl: string): Promise<{ address: string; process: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    BIFROST_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    BIFROST_LOG_FORMAT: 'json',
    BIFROST_WORKER: 'true',
    BIFROST_EVENTS_ENABLED: 'false',
    BIFROST_ENCRYPTION_KEYS: keySpec,
    INTERNAL_SERVICE_KEY: INTERNAL_KEY,
    BIFROST_WORKER_CONCURRENCY: String(CONCURRENCY),
    BIFROST_WORKER_PLATFORM_CONCURRENCY: String(CONCURRENCY),
    KICK_INTEGRATION_CLIENT_ID: CLIENT_ID,
    KICK_INTEGRATION_CLIENT_SECRET: 'bench-secret',
    ...Object.fromEntries(
      PLATFORM_DEFINITIONS.map((def) => [`${def.slug.toUpperCase()}_INTEGRATION_ENDPOINTS`, JSON.stringify(Object.fromEntries(Object.keys(def.defaultBaseUrls).map((group) => [group, fakeUrl])))]),
    ),
    ...(where.kind === 'postgres'
      ? { DATABASE_URL: `${where.url}${where.url!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${where.schema}`)}`, BIFROST_DB_POOL_SIZE: process.env.BENCH_PG_POOL ?? '10' }
      : {}),
    ...(FROM_SOURCE ? { BIFROST_FROM_SOURCE: '1' } : {}),
  };
  const profile = [
    ...(process.env.BENCH_SERVER_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_SERVER_PROFILE] : []),
    ...(process.env.BENCH_SERVER_HEAP ? ['--heapsnapshot-signal=SIGUSR2', '--diagnostic-dir', process.env.BENCH_SERVER_HEAP] : []),
    // Node or V8 flags to try on the server (say, a heap limit), space-separated.
    ...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ').filter(Boolean) : []),
  ];
  const child = spawn(process.execPath, [...profile, join(root, 'bin', 'bifrost'), 'serve', '--host', '127.0.0.1', '--port', String(port), '--data-dir', where.dataDir], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const address = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.on('exit', () => resolve());
      child.kill('SIGTERM');
    });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bifrost serve exited with ${child.exitCode} before it answered /healthz`);
    if (await fetch(`${address}/healthz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { address, process: child, stop };
}

/** BENCH_SERVER_HEAP=<dir>: a heap snapshot of the server after the reads (SIGUSR2), waited for until written. */
async function heapSnapshot(pid: number, dir: string): Promise<void> {
  const before = new Set(readdirSync(dir));
  process.kill(pid, 'SIGUSR2');
  for (let last = -1; ; ) {
    await new Promise((r) => setTimeout(r, 1000));
    const file = readdirSync(dir).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
    const size = file ? statSync(join(dir, file)).size : -1;
    if (file && size > 0 && size === last) return console.log(`heap snapshot of the server: ${join(dir, file)}`);
    last = size;
  }
}

async function benchStore(where: ScaleStore, fakeUrl: string): Promise<void> {
  const label = where.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const rt = await scaleRuntime(where, { keySpec, fakeUrl, concurrency: CONCURRENCY });
  let ids: string[];
  try {
    const t0 = performance.now();
    const seeded = await seed(rt);
    ids = seeded.ids;
    if (where.kind === 'postgres') await pgSql(where.url!, `analyze ${where.schema}.integrations`);
    console.log(`\n== ${label}: ${ROWS.toLocaleString('en')} integrations seeded in ${fmt((performance.now() - t0) / 1000)} s`);

    // 1. The worker's per-tick queries, nothing due: what every tick of every instance pays.
    const now = Date.now();
    const queries: { name: string; query: () => Compilable & { execute(): Promise<unknown> } }[] = [
      { name: 'refresh claim (kick)', query: () => dueRefreshesClaim(rt, 'bench-claims', 'kick', CONCURRENCY, Date.now()) },
      { name: 'validation claim (twitch)', query: () => dueValidationsClaim(rt, 'twitch', CONCURRENCY, Date.now()) },
      { name: 'unscheduled rows', query: () => unscheduledQuery(rt, 500) },
      { name: 'healed incidents', query: () => healedIncidentsQuery(rt, 100) },
    ];
    const table: Record<string, string | number>[] = [];
    if (PARTS.has('claims')) for (const q of queries) {
      const t = await timed(() => q.query().execute());
      table.push({ query: q.name, state: 'nothing due', 'median ms': fmt(t.median, 2), 'max ms': fmt(t.max, 2) });
    }
    if (PARTS.has('claims')) {
      console.log(`-- plan of the refresh claim (${label}):\n${await explain(rt, dueRefreshesClaim(rt, 'bench-claims', 'kick', CONCURRENCY, now))}`);
      for (const q of queries.slice(1)) console.log(`-- plan of the ${q.name}:\n${await explain(rt, q.query())}`);
    }

    // A backlog: BACKLOG Kick rows due (issued 3.5 h ago, expiring in 30 min).
    const backlog = PARTS.has('claims') || PARTS.has('refresh') ? seeded.kickIds.slice(0, BACKLOG) : [];
    for (let i = 0; i < backlog.length; i += 500) {
      const issued = Date.now() - 3.5 * HOUR;
      await rt.store.db
        .updateTable('integrations')
        .set({ last_refreshed_at: issued, token_expires_at: issued + 4 * HOUR, next_refresh_at: issued + 2 * HOUR })
        .where('id', 'in', backlog.slice(i, i + 500))
        .execute();
    }
    if (PARTS.has('claims')) {
      const claim = await timed(() => dueRefreshesClaim(rt, 'bench-claims', 'kick', CONCURRENCY, Date.now()).execute());
      table.push({ query: 'refresh claim (kick)', state: `${backlog.length} due, claims ${CONCURRENCY}`, 'median ms': fmt(claim.median, 2), 'max ms': fmt(claim.max, 2) });
      console.table(table);
      // Give the rows the claims took back, as an expired lease would.
      await rt.store.db.updateTable('integrations').set({ refresh_lease_until: null, refresh_lease_owner: null }).where('refresh_lease_owner', '=', 'bench-claims').execute();
    }
    if (PARTS.has('refresh')) {

      // 2. Refresh throughput: the worker drains the backlog.
      const worker = createWorker(rt);
      const t1 = performance.now();
      const cpu0 = process.cpuUsage();
      await worker.tick({ settle: true });
      const seconds = (performance.now() - t1) / 1000;
      const cpu = process.cpuUsage(cpu0);
      await worker.stop();
      const refreshed = await rt.store.db.selectFrom('integrations').select((eb) => eb.fn.countAll<number>().as('n')).where('platform', '=', 'kick').where('token_version', '>', 1).executeTakeFirstOrThrow();
      const done = Number(refreshed.n);
      if (done !== backlog.length) errors.push(`${label}: ${backlog.length - done} of ${backlog.length} due rows were not refreshed`);
      const ideal = (CONCURRENCY * 1000) / LATENCY_MS;
      console.table([
        {
          store: label,
          'due rows': backlog.length,
          refreshed: done,
          seconds: fmt(seconds, 2),
          'refreshes/s': fmt(done / seconds),
          [`ideal (${CONCURRENCY} ÷ ${LATENCY_MS} ms)`]: ideal,
          'share of ideal': `${Math.round((done / seconds / ideal) * 100)} %`,
          // Robust on a shared machine: the wall time waits for a core, the CPU time per refresh does not.
          'CPU ms per refresh': fmt((cpu.user + cpu.system) / 1000 / Math.max(1, done), 2),
        },
      ]);
    }
  } finally {
    await rt.close();
  }

  // 3 and 4. Token reads against the server in its own process, and its memory.
  if (!PARTS.has('reads')) return;
  const server = await startServer(where, fakeUrl);
  // The server's warnings and errors (a refused or failed read says why), counted by message and status.
  const serverLog = new Map<string, number>();
  let partial = '';
  server.process.stdout!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      const entry = (() => { try { return JSON.parse(line) as { level?: number; msg?: string; res?: { statusCode?: number }; err?: { code?: string } }; } catch { return undefined; } })();
      if (!entry || (entry.level ?? 0) < 40) continue;
      // The first-run notice carries the setup token of this throwaway data dir: counted, not shown.
      const key = `${(entry.msg ?? '?').replace(/token=[^\s&]+/g, 'token=…')}${entry.res?.statusCode ? ` (${entry.res.statusCode})` : ''}${entry.err?.code ? ` ${entry.err.code}` : ''}`;
      serverLog.set(key, (serverLog.get(key) ?? 0) + 1);
    }
  });
  try {
    const pid = server.process.pid!;
    await new Promise((r) => setTimeout(r, 2000));
    const idleRss = rssMb(pid);
    const shuffled = [...ids!].sort(() => Math.random() - 0.5);
    const read = (list: string[], seconds: number) =>
      wrk({
        url: `${server.address}/internal/integrations/${list[0]}/token`,
        method: 'POST',
        headers: { 'x-internal-secret': INTERNAL_KEY },
        paths: list.map((id) => `/internal/integrations/${id}/token`),
        seconds,
        connections: CONNECTIONS,
      });
    const results: [string, WrkResult][] = [];
    await read(shuffled.slice(-1000), 1); // warm-up: JIT, pools (rows not read again below)
    results.push([`cold: ${shuffled.length - 1000} rows in turn`, await read(shuffled.slice(0, -1000), SECONDS)]);
    const hot = shuffled.slice(0, 100);
    await read(hot, 1);
    results.push(['warm: 100 rows over and over', await read(hot, SECONDS)]);
    const loadedRss = rssMb(pid);
    if (process.env.BENCH_SERVER_HEAP) await heapSnapshot(pid, process.env.BENCH_SERVER_HEAP);
    // A read wrk gave up on after 2 s is slow, not failed: counted, but not an error of the bench.
    for (const [name, r] of results) if (r.non2xx + r.errors - r.timeouts > 0) errors.push(`${label}: token reads (${name}): ${r.non2xx} non-2xx, ${r.errors - r.timeouts} socket errors`);
    console.table(
      results.map(([name, r]) => ({ store: label, reads: name, 'req/s': Math.round(r.rps), 'p50 ms': fmt(r.p50Ms, 2), 'p99 ms': fmt(r.p99Ms, 2), 'non-2xx+errors': r.non2xx + r.errors - r.timeouts, 'over 2 s': r.timeouts })),
    );
    console.table([{ store: label, 'server RSS idle after start MB': idleRss, 'server RSS after the reads MB': loadedRss }]);
    if (serverLog.size > 0) console.log(`server warnings and errors: ${[...serverLog].map(([k, n]) => `${n} × ${k}`).join('; ')}`);
  } finally {
    await server.stop();
  }
}

ensureBuild();
console.log(
  `machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${loadavg()[0]!.toFixed(2)}; ` +
    `${ROWS.toLocaleString('en')} rows, worker concurrency ${CONCURRENCY}, token endpoint latency ${LATENCY_MS} ms, wrk 1 thread x ${CONNECTIONS} connections x ${SECONDS} s`,
);
const fake = await startChild<{ url: string }>(join(import.meta.dirname, 'scale-fake.ts'), { BENCH_LATENCY_MS: String(LATENCY_MS), BENCH_SCOPE: SCOPES.join(' ') });
try {
  if (STORES.has('sqlite')) {
    const sqliteDir = mkdtempSync(join(tmpdir(), 'bifrost-scale-'));
    try {
      await benchStore({ kind: 'sqlite', dataDir: sqliteDir }, fake.info.url);
    } finally {
      rmSync(sqliteDir, { recursive: true, force: true });
    }
  }
  if (PG_URL && STORES.has('postgres')) {
    const schema = `bench_scale_${randomBytes(5).toString('hex')}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'bifrost-scale-'));
    await pgSql(PG_URL, `create schema ${schema}`);
    try {
      await benchStore({ kind: 'postgres', dataDir, url: PG_URL, schema }, fake.info.url);
    } finally {
      await pgSql(PG_URL, `drop schema if exists ${schema} cascade`);
      rmSync(dataDir, { recursive: true, force: true });
    }
  } else if (STORES.has('postgres')) console.log('PostgreSQL skipped: set BENCH_DATABASE_URL (or DATABASE_URL / TEST_DATABASE_URL)');
  const stats = await fetch(`${fake.info.url}/stats`).then((r) => r.json() as Promise<{ served: number; peak: number }>);
  console.log(`token endpoint: ${stats.served} refresh grants served, at most ${stats.peak} at once`);
} catch (err) {
  errors.push(String((err as Error).stack ?? err));
} finally {
  await fake.stop();
}
if (errors.length > 0) {
  console.error(`\nbench:scale FAILED:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
  process.exit(1);
}
