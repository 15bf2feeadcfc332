/**
 * `npm run bench:events`: events from a platform fake into Bifrost's log and out to 10 WebSocket
 * consumers. The fake (Twitch EventSub), Bifrost and the consumers each run in their own process;
 * Bifrost connects and subscribes as in production. Two figures per target: throughput (a burst of
 * BENCH_BURST events sent as fast as the fake can, until every consumer has all of them) and the
 * p50/p99 delay from the fake's send to a consumer's receipt at BENCH_RATE (1,000) events/s. The
 * baseline, measured in the same run, is the same Twitch connector fanning out over a bare ws server
 * (no log, no sequence, no database). SQLite always; PostgreSQL when a database URL is set.
 * Targets: >= 5,000 events/s and p99 < 50 ms on SQLite. Exits non-zero only when events are lost.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { startChild } from './lib/child.ts';

const BURST = Number(process.env.BENCH_BURST ?? 20_000);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 10);
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const here = import.meta.dirname;
const wallMs = () => performance.timeOrigin + performance.now();
const get = async <T>(url: string): Promise<T> => (await fetch(url)).json() as Promise<T>;

interface Stats {
  counts: number[];
  lastAt: number;
  p50: number;
  p99: number;
  complete: boolean;
}

console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${loadavg()[0]!.toFixed(2)}; burst ${BURST}, ${RATE}/s for ${RATE_SECONDS} s, 10 consumers`);
const fake = await startChild<{ control: string }>(join(here, 'events-fake.ts'));
const rows: Record<string, string | number>[] = [];
let lost = false;
try {
  const targets = [{ mode: 'relay' }, { mode: 'bifrost', store: 'sqlite' }, ...(PG_URL ? [{ mode: 'bifrost', store: 'postgres' }] : [])];
  for (const t of targets) {
    const server = await startChild<{ ws: string; headers: Record<string, string>; store: string }>(join(here, 'events-server.ts'), {
      BENCH_MODE: t.mode,
      BENCH_STORE: t.store ?? '',
      BENCH_FAKE: JSON.stringify(fake.info),
      ...(PG_URL ? { BENCH_DATABASE_URL: PG_URL } : {}),
    });
    const consumers = await startChild<{ control: string }>(join(here, 'events-consumers.ts'), { BENCH_WS: server.info.ws, BENCH_HEADERS: JSON.stringify(server.info.headers) });
    try {
      for (let i = 0; (await get<{ count: number }>(`${fake.info.control}/subscriptions`)).count < 1; i++) {
        if (i > 300) throw new Error(`${t.mode} never subscribed to chat messages`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const run = async (count: number, rate: number): Promise<{ stats: Stats; started: number }> => {
        await get(`${consumers.info.control}/reset`);
        const started = wallMs();
        await get(`${fake.info.control}/burst?count=${count}&rate=${rate}`);
        return { stats: await get<Stats>(`${consumers.info.control}/stats?expect=${count}`), started };
      };
      await run(500, 0); // warm-up
      const burst = await run(BURST, 0);
      const paced = await run(RATE * RATE_SECONDS, RATE);
      if (!burst.stats.complete || !paced.stats.complete) lost = true;
      const label = t.mode === 'relay' ? 'bare relay (connector → ws, no log)' : `Bifrost (${server.info.store.split(' ')[0]})`;
      rows.push({
        target: label,
        'events/s (burst)': Math.round(BURST / ((burst.stats.lastAt - burst.started) / 1000)),
        [`p50 ms @${RATE}/s`]: Number(paced.stats.p50.toFixed(1)),
        [`p99 ms @${RATE}/s`]: Number(paced.stats.p99.toFixed(1)),
        'all delivered': burst.stats.complete && paced.stats.complete ? 'yes' : `no (${burst.stats.counts.join('/')})`,
      });
    } finally {
      await consumers.stop();
      await server.stop();
    }
  }
} finally {
  await fake.stop();
}
const base = Number(rows[0]?.['events/s (burst)']);
for (const row of rows) row['ratio to relay'] = `${Math.round((Number(row['events/s (burst)']) / base) * 100)} %`;
if (!PG_URL) console.log('PostgreSQL skipped: set BENCH_DATABASE_URL (or DATABASE_URL / TEST_DATABASE_URL)');
console.table(rows);
if (lost) {
  console.error('some consumer did not receive every event: the figures above are not valid');
  process.exit(1);
}
