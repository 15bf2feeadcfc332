/**
 * `npm run bench:startup`: how long `bifrost serve` takes from spawn to its first `/healthz` answer
 * on a warm disk (the data dir already migrated, so the figure is start-up, not first-run setup), and
 * its resident memory once idle with the dashboard, GraphQL and the worker loaded; beside the same
 * for a bare node:http server started the same way, as the floor. Median of BENCH_ROUNDS (5) runs.
 * SQLite; the compiled build when it is current (bin/bifrost decides), BENCH_FROM_SOURCE=1 for tsx.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(/(\d+)/.exec(line)![1]) / 1024;
}

async function startOnce(args: string[], env: Record<string, string>, port: number): Promise<{ ms: number; rss: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    const ms = performance.now() - started;
    await new Promise((r) => setTimeout(r, IDLE_MS));
    return { ms, rss: rssMb(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.on('exit', r));
  }
}

const BARE = `require('node:http').createServer((q, s) => s.end('{"status":"ok"}')).listen(Number(process.env.PORT), '127.0.0.1')`;

async function series(name: string, make: (port: number) => { args: string[]; env: Record<string, string> }): Promise<Record<string, string | number>> {
  const runs = [];
  for (let i = 0; i <= ROUNDS; i++) {
    const port = await freePort();
    const { args, env } = make(port);
    const run = await startOnce(args, env, port);
    if (i > 0) runs.push(run); // the first run warms the disk cache (and migrates the data dir)
  }
  return { target: name, 'start to /healthz ms': Math.round(median(runs.map((r) => r.ms))), 'idle RSS MB': Math.round(median(runs.map((r) => r.rss))) };
}

const dataDir = mkdtempSync(join(tmpdir(), 'bifrost-startup-'));
const from: Record<string, string> = process.env.BENCH_FROM_SOURCE === '1' ? { BIFROST_FROM_SOURCE: '1' } : {};
const rows = [
  await series('bare node:http', (port) => ({ args: ['-e', BARE], env: { PORT: String(port) } })),
  await series(`bifrost serve (${from.BIFROST_FROM_SOURCE ? 'sources via tsx' : 'bin/bifrost: compiled build when current'})`, (port) => ({
    args: ['bin/bifrost', 'serve', '--port', String(port), '--data-dir', dataDir],
    env: { ...from, BIFROST_LOG_LEVEL: 'warn' },
  })),
];
console.table(rows);
