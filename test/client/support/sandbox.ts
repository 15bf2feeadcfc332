/**
 * A real `bifrost serve --sandbox` for the client tests: spawned from bin/bifrost on a free port with a
 * temp data dir, restartable on the same port and data (a restart mid-stream), and provisioned over
 * HTTP as a user would: first-run setup, a Twitch channel and a Twitch bot connected through the
 * sandbox fake's consent form, and a service key for the bot process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** The instance's internal service key in these tests (any 32+ characters). */
export const INTERNAL_SECRET = 'client-tests-internal-secret-0123456789abcdef';

export interface Sandbox {
  url: string;
  dataDir: string;
  logs: string[];
  /** Stops the process (SIGTERM) and starts it again on the same port and data dir. */
  restart(): Promise<void>;
  /** Stops it without starting again (pair with start()). */
  halt(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it gives a value (no fixed sleeps in assertions: this only waits for readiness). */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000, logs?: string[]): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${logs ? `:\n${logs.slice(-30).join('\n')}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startSandbox(options: { env?: Record<string, string> } = {}): Promise<Sandbox> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'bifrost-client-'));
  const url = `http://127.0.0.1:${port}`;
  const logs: string[] = [];
  // A clean environment: nothing from the developer's shell (DATABASE_URL, instance credentials) leaks in.
  // A 3 s connection lease makes the connector supervisor look for new connections every second (not
  // every 10 s), so a channel connected by the test is live, and subscribed at the fake, at once.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, BIFROST_LOG_LEVEL: 'info', NODE_ENV: 'test', INTERNAL_SERVICE_KEY: INTERNAL_SECRET, BIFROST_EVENTS_LEASE: '3s', ...options.env };
  let child: ChildProcess | null = null;

  const start = async (): Promise<void> => {
    const proc = spawn(process.execPath, ['bin/bifrost', 'serve', '--sandbox', '--port', String(port), '--data-dir', dataDir], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    const collect = (chunk: Buffer) => logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    proc.stdout?.on('data', collect);
    proc.stderr?.on('data', collect);
    await waitFor('GET /healthz', async () => {
      if (proc.exitCode !== null) throw new Error(`bifrost exited (${proc.exitCode}):\n${logs.slice(-30).join('\n')}`);
      try {
        return (await fetch(`${url}/healthz`)).ok ? true : undefined;
      } catch {
        return undefined;
      }
    }, 60_000, logs);
  };
  const halt = async (): Promise<void> => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  await start();
  return {
    url,
    dataDir,
    logs,
    start,
    halt,
    restart: async () => {
      await halt();
      await start();
    },
    stop: async () => {
      await halt();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
