/**
 * `npm run bench:startup`: how long `bifrost serve` takes from spawn to its first `/healthz` answer
 * on a warm disk (the data dir already migrated, so the figure is start-up, not first-run setup), and
 * its resident memory once idle with the dashboard, GraphQL and the worker loaded; beside the same
 * for a bare node:http server started the same way, as the floor. Median of BENCH_ROUNDS (5) runs.
 * SQLite; the compiled build when it is current (bin/bifrost decides), BENCH_FROM_SOURCE=1 for tsx.
 * Targets run interleaved, one start each per round; BENCH_COMPARE adds other checkouts to the rounds.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { median } from './lib/wrk.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 3000);
const root = join(import.meta.dirname, '..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** CPU time the process used so far (user + system), in ms: on a busy machine wall time is mostly waiting for a core. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100 on Linux)
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(/(\d+)/.exec(line)![1]) / 1024;
}

async function startOnce(args: string[], env: Record<string, string>, port: number, cwd = root): Promise<{ ms: number; cpu: number; rss: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    const ms = performance.now() - started;
    const cpu = cpuMs(child.pid!);
    await new Promise((r) => setTimeout(r, IDLE_MS));
    return { ms, cpu, rss: rssMb(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.on('exit', r));
  }
}

const BARE = `require('node:http').createServer((q, s) => s.end('{"status":"ok"}')).listen(Number(process.env.PORT), '127.0.0.1')`;

interface Target {
  name: string;
  make(port: number): { args: string[]; env: Record<string, string>; cwd?: string };
}

/** Runs every target once per round, in turn (interleaved, so a noisy neighbour weighs on all alike). */
async function rounds(targets: Target[]): Promise<Record<string, string | number>[]> {
  const runs = targets.map(() => [] as { ms: number; cpu: number; rss: number }[]);
  for (let i = 0; i <= ROUNDS; i++) {
    for (const [n, t] of targets.entries()) {
      const port = await freePort();
      const { args, env, cwd } = t.make(port);
      const run = await startOnce(args, env, port, cwd);
      if (i > 0) runs[n]!.push(run); // the first round warms the disk cache (and migrates the data dirs)
    }
  }
  return targets.map((t, n) => ({
    target: t.name,
    'start to /healthz ms': Math.round(median(runs[n]!.map((r) => r.ms))),
    'min-max ms': `${Math.round(Math.min(...runs[n]!.map((r) => r.ms)))}-${Math.round(Math.max(...runs[n]!.map((r) => r.ms)))}`,
    'CPU ms to /healthz': Math.round(median(runs[n]!.map((r) => r.cpu))),
    'idle RSS MB': Math.round(median(runs[n]!.map((r) => r.rss))),
  }));
}

const from: Record<string, string> = process.env.BENCH_FROM_SOURCE === '1' ? { BIFROST_FROM_SOURCE: '1' } : {};
const serve = (name: string, dir: string, env: Record<string, string>): Target => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bifrost-startup-'));
  return { name, make: (port) => ({ args: [join(dir, 'bin/bifrost'), 'serve', '--port', String(port), '--data-dir', dataDir], env: { ...env, BIFROST_LOG_LEVEL: 'warn' }, cwd: dir }) };
};
const targets: Target[] = [
  { name: 'bare node:http', make: (port) => ({ args: ['-e', BARE], env: { PORT: String(port) } }) },
  serve(`bifrost serve (${from.BIFROST_FROM_SOURCE ? 'sources via tsx' : 'bin/bifrost: build/ when current'})`, root, from),
  // BENCH_COMPARE=dir,…: other checkouts (say, one with an older build/) started the same way, in the same rounds.
  ...(process.env.BENCH_COMPARE ?? '').split(',').filter(Boolean).map((dir) => serve(`bifrost serve (${dir})`, dir, {})),
];
console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load ${loadavg()[0]!.toFixed(2)}; ${ROUNDS} rounds (+1 warm-up), RSS after ${IDLE_MS} ms idle`);
console.table(await rounds(targets));
