/** `bifrost worker` runs the worker alone and stops cleanly on SIGTERM; `serve --no-worker` runs none. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'bifrost');

function start(args: string[], env: Record<string, string> = {}) {
  const proc = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', BIFROST_DATA_DIR: mkdtempSync(join(tmpdir(), 'bifrost-wcli-')), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const waitFor = async (text: string) => {
    for (let i = 0; i < 300 && !out.includes(text); i++) await new Promise((r) => setTimeout(r, 50));
    if (!out.includes(text)) throw new Error(`no "${text}" in: ${out}`);
  };
  return { proc, exited, waitFor, output: () => out };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('bifrost worker', () => {
  it('runs the refresh worker without an HTTP server and stops cleanly on SIGTERM', async () => {
    const w = start(['worker'], { BIFROST_WORKER_INTERVAL: '0.2' });
    await w.waitFor('token refresh worker started');
    await new Promise((r) => setTimeout(r, 500));
    expect(w.proc.exitCode).toBeNull();
    w.proc.kill('SIGTERM');
    expect(await w.exited).toBe(0);
    expect(w.output()).toContain('token refresh worker stopped');
  });

  it('serve --no-worker serves without a worker', async () => {
    const s = start(['serve', '--no-worker', '--port', String(await freePort())]);
    await s.waitFor('Bifrost is listening');
    s.proc.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(s.output()).not.toContain('token refresh worker started');
  });
});
