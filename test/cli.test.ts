/**
 * The CLI as a user runs it (`./bin/bifrost …` in a child process): config errors exit 2 naming the
 * key without secrets; `serve` answers /healthz, creates the database and a 0600 key file, and
 * shuts down cleanly on SIGTERM.
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';

const BIN = join(import.meta.dirname, '..', 'bin', 'bifrost');
const CANARY = 'CANARY-cli-5ecret';

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('bifrost CLI', () => {
  it('prints help for every command', () => {
    for (const args of [['--help'], ['serve', '--help'], ['migrate', '--help'], ['config', 'check', '--help'], ['keys', 'rewrap', '--help']]) {
      const r = run(args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout).toContain('Usage: bifrost');
    }
  });

  it('exits 2 on a bad config, one line per problem, never printing secrets', () => {
    const r = run(['config', 'check'], {
      SERVER_PUBLIC_URL: 'http://bifrost.example.com',
      BIFROST_PORT: '0',
      TWITCH_INTEGRATION_CLIENT_SECRET: CANARY,
      BIFROST_ENCRYPTION_KEYS: `k1:${CANARY}`,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/server\.public_url \(from SERVER_PUBLIC_URL\): .*https except on loopback/);
    expect(r.stderr).toMatch(/server\.port \(from BIFROST_PORT\)/);
    expect(r.stderr).toMatch(/encryption\.keys/);
    expect(r.stderr + r.stdout).not.toContain(CANARY);
  });

  it('config check prints the effective config with secrets masked', () => {
    const r = run(['config', 'check', '--port', '9999'], { BIFROST_PORT: '1234', INTERNAL_SERVICE_KEY: CANARY, TROVO_INTEGRATION_CLIENT_SECRET: CANARY });
    expect(r.status).toBe(0);
    const printed = JSON.parse(r.stdout);
    expect(printed.server.port).toBe(9999);
    expect(r.stdout).not.toContain(CANARY);
    expect(printed.integrations.trovo.client_secret).toBe('********');
  });

  it('serve answers /healthz, creates the database and a 0600 key file, and stops on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bifrost-serve-'));
    const port = await freePort();
    const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--data-dir', dataDir], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      let status = 0;
      for (let i = 0; i < 100 && status !== 200; i++) {
        await new Promise((r) => setTimeout(r, 200));
        status = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status, () => 0);
      }
      expect(status, output).toBe(200);
      expect(existsSync(join(dataDir, 'bifrost.db'))).toBe(true);
      expect(statSync(join(dataDir, 'keys.json')).mode & 0o777).toBe(0o600);
      expect(output).toContain('created a new encryption key file');
      expect(output).not.toMatch(/"key":"[A-Za-z0-9+/]{40,}/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(output).toContain('shutting down');
  }, 60_000);
});
