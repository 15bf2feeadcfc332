/**
 * Starts a real Bifrost (`bin/bifrost serve`) on 127.0.0.1 with a random port and a temp data dir,
 * and reads the one-time setup URL from its log, as a new user would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface BifrostServer {
  url: string;
  dataDir: string;
  logs: string[];
  /** Resolves with the /setup?token=… URL once the server logs it. */
  setupUrl(timeoutMs?: number): Promise<string>;
  /** Stops the process and starts it again on the same port and data dir (a restart mid-test). */
  restart(): Promise<void>;
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

async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs: number, child?: ChildProcess, logs?: string[]): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (child && child.exitCode !== null) throw new Error(`bifrost exited (${child.exitCode}) while waiting for ${what}:\n${(logs ?? []).slice(-30).join('\n')}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${(logs ?? []).slice(-30).join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startBifrost(options: { sandbox?: boolean } = {}): Promise<BifrostServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'bifrost-e2e-'));
  const args = ['bin/bifrost', 'serve', '--port', String(port), '--data-dir', dataDir, ...(options.sandbox ? ['--sandbox'] : [])];
  // A clean environment: nothing from the developer's shell (instance credentials, DATABASE_URL) leaks in.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, BIFROST_LOG_LEVEL: 'info', NODE_ENV: 'test' };
  const logs: string[] = [];
  const url = `http://127.0.0.1:${port}`;

  const spawnServer = async (): Promise<ChildProcess> => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = (chunk: Buffer) => logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    await waitFor(
      'GET /healthz',
      async () => {
        try {
          const res = await fetch(`${url}/healthz`);
          return res.ok ? true : undefined;
        } catch {
          return undefined;
        }
      },
      60_000,
      child,
      logs,
    );
    return child;
  };
  const stopServer = async (child: ChildProcess): Promise<void> => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  let child = await spawnServer();
  return {
    url,
    dataDir,
    logs,
    setupUrl: (timeoutMs = 10_000) =>
      waitFor(
        'the setup URL in the log',
        () => {
          for (const line of logs) {
            const m = /https?:\/\/[^\s"]*\/setup\?token=[A-Za-z0-9_\-.~%]+/.exec(line);
            if (m) return m[0];
          }
          return undefined;
        },
        timeoutMs,
        child,
        logs,
      ),
    restart: async () => {
      await stopServer(child);
      child = await spawnServer();
    },
    stop: async () => {
      await stopServer(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
