/**
 * `bifrost backup` / `bifrost restore` round trip as a user runs them: a real `bifrost serve` keeps
 * running on the data dir while the backup is taken; after a restore into another data dir the stored
 * tokens still decrypt with the restored key file. Also the refusals: a data dir that is not empty,
 * a file that is not a backup, PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { loadConfig } from '../../src/config/load.ts';
import { createRuntime } from '../../src/runtime.ts';
import { createLogger } from '../../src/log.ts';
import { openAccessToken, openRefreshToken, sealTokens } from '../../src/tokens/sealed-tokens.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'bifrost');
const ACCESS = 'access-token-before-backup';
const REFRESH = 'refresh-token-before-backup';

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env }, encoding: 'utf8', timeout: 60_000 });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function runtimeOn(dataDir: string) {
  return createRuntime(loadConfig({ env: {}, flags: { dataDir } }), { log: createLogger({ level: 'silent' }), verifyKeys: true });
}

/** An account and a channel integration whose tokens are sealed with the data dir's key. */
async function seed(dataDir: string): Promise<void> {
  const rt = await runtimeOn(dataDir);
  try {
    const now = Date.now();
    await rt.store.db.insertInto('accounts').values({ id: 'acc_backup', name: 'Backup test', created_at: now, updated_at: now }).execute();
    const sealed = sealTokens(rt, 'int_backup', { accessToken: ACCESS, refreshToken: REFRESH, expiresIn: 3600, tokenType: 'bearer' });
    await rt.store.db
      .insertInto('integrations')
      .values({
        id: 'int_backup', account_id: 'acc_backup', platform: 'twitch', integration_type: 'channel', bot_identifier: null,
        platform_user_id: 'u1', platform_username: 'streamer', display_name: 'Streamer', scopes: '[]', client_id: 'client',
        ...sealed, status: 'active', status_reason: null, has_verified_bot_badge: 0, is_verified_bot: 0, is_active: 1,
        is_default_bot: 0, connected_at: now, updated_at: now, last_refreshed_at: null, token_version: 1,
      })
      .execute();
  } finally {
    await rt.close();
  }
}

async function storedTokens(dataDir: string): Promise<[string, string]> {
  const rt = await runtimeOn(dataDir);
  try {
    const row = await rt.store.db.selectFrom('integrations').selectAll().where('id', '=', 'int_backup').executeTakeFirstOrThrow();
    return [openAccessToken(rt, row), openRefreshToken(rt, { id: row.id, refresh_token_enc: row.refresh_token_enc! })];
  } finally {
    await rt.close();
  }
}

describe('bifrost backup and restore', () => {
  it('backs up a running server, restores into a new data dir, and the tokens still decrypt', async () => {
    const source = mkdtempSync(join(tmpdir(), 'bifrost-backup-src-'));
    await seed(source);
    const port = await freePort();
    const server = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--data-dir', source], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    server.stdout.on('data', (d) => (output += d));
    server.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    const archive = join(mkdtempSync(join(tmpdir(), 'bifrost-backup-out-')), 'bifrost.tar.gz');
    try {
      let status = 0;
      for (let i = 0; i < 150 && status !== 200; i++) {
        await new Promise((r) => setTimeout(r, 200));
        status = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status, () => 0);
      }
      expect(status, output).toBe(200);
      // The running server holds the database open in WAL mode; the online backup still gets a consistent copy.
      const backup = run(['backup', archive, '--data-dir', source]);
      expect(backup.stderr).toBe('');
      expect(backup.status).toBe(0);
      expect(backup.stdout).toMatch(/^wrote .*bifrost\.tar\.gz \(\d+ bytes\): the database and keys\.json\n$/);
    } finally {
      server.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(statSync(archive).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(archive, '..'))).toEqual(['bifrost.tar.gz']);

    const target = join(mkdtempSync(join(tmpdir(), 'bifrost-backup-dst-')), 'data');
    const restore = run(['restore', archive, '--data-dir', target]);
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);
    expect(restore.stdout).toMatch(/^restored the backup of \d{4}-\d\d-\d\dT.* \(Bifrost \d+\.\d+\.\d+\) into /);
    expect(readdirSync(target).sort()).toEqual(['bifrost.db', 'keys.json']);
    expect(statSync(target).mode & 0o777).toBe(0o700);
    for (const f of ['bifrost.db', 'keys.json']) expect(statSync(join(target, f)).mode & 0o777).toBe(0o600);
    expect(await storedTokens(target)).toEqual([ACCESS, REFRESH]);

    // A data dir in use is not overwritten by accident; --force replaces it (and drops a stale WAL).
    const again = run(['restore', archive, '--data-dir', target]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/the data dir .* is not empty \(it holds bifrost\.db, keys\.json\); stop Bifrost and pass --force/);
    writeFileSync(join(target, 'bifrost.db-wal'), 'stale');
    const forced = run(['restore', archive, '--data-dir', target, '--force']);
    expect(forced.status, forced.stderr).toBe(0);
    expect(existsSync(join(target, 'bifrost.db-wal'))).toBe(false);
    expect(await storedTokens(target)).toEqual([ACCESS, REFRESH]);
  }, 180_000);

  it('says clearly what is wrong: no backup file, not a backup, no database, PostgreSQL', () => {
    const empty = mkdtempSync(join(tmpdir(), 'bifrost-backup-empty-'));
    const missing = run(['restore', join(empty, 'nope.tar.gz'), '--data-dir', join(empty, 'data')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/restore failed: .*nope\.tar\.gz does not exist/);
    expect(existsSync(join(empty, 'data'))).toBe(false);

    const junk = join(empty, 'junk.tar.gz');
    writeFileSync(junk, 'not an archive');
    const notBackup = run(['restore', junk, '--data-dir', join(empty, 'data')]);
    expect(notBackup.status).toBe(1);
    expect(notBackup.stderr).toMatch(/restore failed: .*junk\.tar\.gz is not a Bifrost backup/);
    expect(notBackup.stderr).not.toMatch(/\n\s+at /);

    const noDb = run(['backup', join(empty, 'out.tar.gz'), '--data-dir', join(empty, 'nothing-here')]);
    expect(noDb.status).toBe(1);
    expect(noDb.stderr).toMatch(/backup failed: there is no database at .*nothing-here\/bifrost\.db; check --data-dir/);

    const pgBackup = run(['backup', join(empty, 'out.tar.gz')], { DATABASE_URL: 'postgres://bifrost:CANARY-pw@127.0.0.1:1/bifrost' });
    expect(pgBackup.status).toBe(1);
    expect(pgBackup.stderr).toMatch(/uses PostgreSQL; back it up with pg_dump/);
    expect(pgBackup.stderr).not.toContain('CANARY-pw');
    expect(existsSync(join(empty, 'out.tar.gz'))).toBe(false);
  }, 120_000);
});
