/**
 * Start-up as an operator meets it (`./bin/bifrost …` in a child process): lost or wrong keys stop
 * serve and worker with exit 2 and one line, no key file is made beside existing secrets, an
 * unreachable PostgreSQL exits 3 without touching the data dir, SQLite's files are 0600 and a data
 * dir Bifrost creates is 0700, and generated key ids never repeat.
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/db.ts';
import { migrateToLatest } from '../src/store/migrate.ts';
import { configKeyring, createKeyFile, generateKeySpec, keyFilePath, type Keyring } from '../src/crypto/keyring.ts';
import { seedSealedRows } from './support/sealed-rows.ts';

const BIN = join(import.meta.dirname, '..', 'bin', 'bifrost');
const BASE_ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' };

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { env: { ...BASE_ENV, ...env }, encoding: 'utf8', timeout: 30_000 });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A SQLite data dir holding `rows` secrets sealed with `keyring` (a new key file when none is given). */
async function dataDirWithSecrets(rows: number, keyring?: Keyring): Promise<{ dataDir: string; keyring: Keyring }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bifrost-startup-'));
  const ring = keyring ?? createKeyFile(dataDir).keyring;
  const store = openStore({ dataDir });
  try {
    await migrateToLatest(store);
    await seedSealedRows(store, ring, rows);
  } finally {
    await store.close();
  }
  return { dataDir, keyring: ring };
}

/** Starts a long-running command, waits until its output contains `text`, then stops it with SIGTERM. */
async function runUntil(args: string[], text: string, env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...BASE_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    for (let i = 0; i < 300 && !output.includes(text) && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100));
    expect(output, output).toContain(text);
  } finally {
    child.kill('SIGTERM');
  }
  return { code: await exited, output };
}

const ONE_LINE = /^bifrost: [^\n]+\n$/;

describe('start-up refuses to run without the keys of the stored secrets', () => {
  it('key file deleted with secrets present: serve and worker exit 2 naming the key and its rows, and no key file is created', async () => {
    const { dataDir, keyring } = await dataDirWithSecrets(3);
    const id = keyring.active().id;
    rmSync(keyFilePath(dataDir));
    for (const command of [['serve', '--port', String(await freePort())], ['worker']]) {
      const r = run([...command, '--data-dir', dataDir]);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(ONE_LINE);
      expect(r.stderr).toContain(`the key file ${keyFilePath(dataDir)} is missing, but the database holds 3 encrypted secrets (key ${id} (3 rows))`);
      expect(r.stderr).toContain('no new key file was created');
      expect(existsSync(keyFilePath(dataDir))).toBe(false);
    }
  });

  it('BIFROST_ENCRYPTION_KEYS with the right id but another key, or without the id, exits 2 with the line', async () => {
    const spec = generateKeySpec('k1-0123456789ab');
    const { dataDir } = await dataDirWithSecrets(4, configKeyring([spec]));
    const wrongKey = run(['worker', '--data-dir', dataDir], { BIFROST_ENCRYPTION_KEYS: generateKeySpec('k1-0123456789ab') });
    expect(wrongKey.status, wrongKey.stderr).toBe(2);
    expect(wrongKey.stderr).toMatch(ONE_LINE);
    expect(wrongKey.stderr).toContain(
      'key k1-0123456789ab read from BIFROST_ENCRYPTION_KEYS / [encryption] keys does not decrypt the 4 stored secrets sealed with it',
    );

    const missingId = run(['serve', '--port', String(await freePort()), '--data-dir', dataDir], { BIFROST_ENCRYPTION_KEYS: generateKeySpec('k2') });
    expect(missingId.status, missingId.stderr).toBe(2);
    expect(missingId.stderr).toMatch(ONE_LINE);
    expect(missingId.stderr).toContain('key k1-0123456789ab (4 stored secrets) is not in the keys read from BIFROST_ENCRYPTION_KEYS / [encryption] keys');
    expect(wrongKey.stderr + missingId.stderr).not.toContain(spec.split(':')[1]);
    expect(existsSync(keyFilePath(dataDir))).toBe(false);

    // With the right key, the worker starts and says what it checked.
    const ok = await runUntil(['worker', '--data-dir', dataDir], 'token refresh worker started', { BIFROST_ENCRYPTION_KEYS: spec });
    expect(ok.output).toContain('encryption keys checked against the stored secrets');
    expect(ok.code).toBe(0);
  });
});

describe('an unreachable database', () => {
  it('PostgreSQL on a closed port: exit 3 with one clear line, no password, and the data dir is not even created', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'bifrost-nodb-')), 'data');
    for (const command of [['serve'], ['worker'], ['migrate']]) {
      const r = run([...command, '--data-dir', dataDir], { DATABASE_URL: 'postgres://bifrost:pa55-CANARY@127.0.0.1:1/bifrost' });
      expect(r.status, r.stderr).toBe(3);
      expect(r.stderr).toBe('bifrost: cannot reach PostgreSQL at 127.0.0.1:1/bifrost: connection refused\n');
      expect(existsSync(dataDir)).toBe(false);
    }
  });

  it('--wait-for-db 2s retries, logging each retry, then gives up with the same line', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'bifrost-nodb-')), 'data');
    const r = run(['serve', '--data-dir', dataDir, '--wait-for-db', '2s'], { DATABASE_URL: 'postgres://bifrost:pa55-CANARY@127.0.0.1:1/bifrost' });
    expect(r.status, r.stderr).toBe(3);
    const retries = r.stdout.split('\n').filter((l) => l.includes('retrying in'));
    // 0.25 + 0.5 + 1 s, then the rest of the 2 s: four retries, fewer only on a very slow machine.
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(retries.length).toBeLessThanOrEqual(4);
    expect(retries[0]).toContain('cannot reach PostgreSQL at 127.0.0.1:1/bifrost: connection refused; retrying in 0.25s');
    expect(r.stderr.split('\n').filter(Boolean).at(-1)).toBe('bifrost: cannot reach PostgreSQL at 127.0.0.1:1/bifrost: connection refused');
    expect(r.stdout + r.stderr).not.toContain('CANARY');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('rejects a malformed --wait-for-db as a configuration problem naming the flag', () => {
    const r = run(['migrate', '--wait-for-db', 'soon']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('database.wait (from --wait-for-db): must be 0 (do not wait) or a duration');
  });
});

describe('file modes', () => {
  const mode = (path: string) => statSync(path).mode & 0o777;

  async function statWhileRunning(dataDir: string): Promise<{ modes: Record<string, number>; output: string }> {
    const child = spawn(process.execPath, [BIN, 'worker', '--data-dir', dataDir], { env: BASE_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const modes: Record<string, number> = {};
    try {
      for (let i = 0; i < 300 && !output.includes('token refresh worker started'); i++) await new Promise((r) => setTimeout(r, 100));
      expect(output).toContain('token refresh worker started');
      for (const name of ['bifrost.db', 'bifrost.db-wal', 'bifrost.db-shm', 'keys.json']) modes[name] = mode(join(dataDir, name));
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    return { modes, output };
  }

  const PRIVATE = { 'bifrost.db': 0o600, 'bifrost.db-wal': 0o600, 'bifrost.db-shm': 0o600, 'keys.json': 0o600 };

  it('a fresh data dir is created 0700 and the database, its WAL and SHM are 0600', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'bifrost-modes-')), 'fresh', 'data');
    const { modes } = await statWhileRunning(dataDir);
    expect(modes).toEqual(PRIVATE);
    expect(mode(dataDir)).toBe(0o700);
  });

  it('in an existing data dir the files are 0600 too, and the dir keeps the mode its owner chose', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bifrost-modes-'));
    chmodSync(dataDir, 0o750);
    const { modes } = await statWhileRunning(dataDir);
    expect(modes).toEqual(PRIVATE);
    expect(mode(dataDir)).toBe(0o750);
  });

  it('an existing database readable by others is tightened to 0600, with a warning', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bifrost-modes-'));
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'bifrost.db'), '', { mode: 0o644 });
    chmodSync(join(dataDir, 'bifrost.db'), 0o644);
    const r = run(['migrate', '--data-dir', dataDir]);
    expect(r.status, r.stderr).toBe(0);
    expect(mode(join(dataDir, 'bifrost.db'))).toBe(0o600);
    expect(r.stderr).toContain(`${join(dataDir, 'bifrost.db')} was readable by others (mode 0644); tightened to 0600`);
  });
});

describe('generated key ids', () => {
  it('two `keys generate` runs and two fresh key files never produce the same id', async () => {
    const a = run(['keys', 'generate']).stdout.trim().split(':')[0];
    const b = run(['keys', 'generate']).stdout.trim().split(':')[0];
    expect(a).toMatch(/^k1-[0-9a-f]{12}$/);
    expect(b).not.toBe(a);
    const dirs = [0, 1].map(() => join(mkdtempSync(join(tmpdir(), 'bifrost-ids-')), 'data'));
    for (const dataDir of dirs) {
      const r = run(['keys', 'status', '--data-dir', dataDir]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain('created a new encryption key file');
    }
    const [idA, idB] = dirs.map((d) => JSON.parse(readFileSync(keyFilePath(d), 'utf8')).keys[0].id as string);
    expect(idA).toMatch(/^k1-[0-9a-f]{12}$/);
    expect(idB).not.toBe(idA);
  });
});
