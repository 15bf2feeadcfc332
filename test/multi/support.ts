/** Spawning Bifrost processes for the multi-process suites, and fresh PostgreSQL schemas for them. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const INSTANCE = join(import.meta.dirname, 'instance.ts');
/** The crash suite's child: one refresh, killed at the step CRASH_AT names. */
export const CRASH_ENTRY = join(import.meta.dirname, 'crash-entry.ts');
const ROOT = join(import.meta.dirname, '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface Child {
  proc: ChildProcess;
  /** Everything the process wrote (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a child running `entry` (default: a serving instance) with `env` as its whole environment (plus PATH and HOME). */
export function spawnInstance(env: Record<string, string>, entry = INSTANCE): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', BIFROST_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return { proc, output: () => out, exited };
}

/** Waits until the process printed `word` (READY, DONE …), or fails with its output. */
export async function waitFor(child: Child, word: string, ms = 60_000): Promise<string> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const line = child.output().split('\n').find((l) => l.startsWith(word));
    if (line) return line.slice(word.length).trim();
    if (child.proc.exitCode !== null || child.proc.signalCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`process did not print ${word}:\n${child.output().slice(-3000)}`);
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

/** A fresh PostgreSQL schema; drop() removes it. */
export async function freshSchema(url: string): Promise<{ schema: string; drop(): Promise<void> }> {
  const schema = `multi_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  return {
    schema,
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}
