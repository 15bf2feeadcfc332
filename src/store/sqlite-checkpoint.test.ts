/** WAL checkpoints from a worker thread: none inside commits on the main connection, and the automatic checkpoint back when the worker fails. */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCheckpointer } from './sqlite-checkpoint.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function open(): { database: BetterSqlite3.Database; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bifrost-ckpt-'));
  dirs.push(dir);
  const file = join(dir, 'test.db');
  const database = new BetterSqlite3(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.exec('create table t (id integer primary key, v blob)');
  return { database, file };
}

/** About `mb` MB written in 1 KB rows, 100 rows per commit. */
function write(database: BetterSqlite3.Database, mb: number): void {
  const insert = database.prepare('insert into t (v) values (?)');
  const batch = database.transaction((n: number) => {
    for (let i = 0; i < n; i++) insert.run(Buffer.alloc(1024, i));
  });
  for (let i = 0; i < mb * 10; i++) batch(100);
}

describe('SQLite checkpoints off the event loop', () => {
  it('no commit checkpoints; once the WAL passes 1,000 pages the worker copies it into the database file', async () => {
    const { database, file } = open();
    const checkpointer = startCheckpointer(database, { file, module: createRequire(import.meta.url).resolve('better-sqlite3'), intervalMs: 50 });
    try {
      expect(database.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      write(database, 6);
      // SQLite's own checkpoint would have run inside those commits; with it off the main file is still nearly empty.
      expect(statSync(file).size).toBeLessThan(1024 * 1024);
      await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(5 * 1024 * 1024), { timeout: 10_000, interval: 50 });
      expect(checkpointer.running).toBe(true);
    } finally {
      await checkpointer.close();
      database.close();
    }
    expect(checkpointer.running).toBe(false);
  });

  it('a worker that cannot start puts the automatic checkpoint back and says why', async () => {
    const { database, file } = open();
    const failures: string[] = [];
    const checkpointer = startCheckpointer(database, { file, module: join(tmpdir(), 'no-such-module.js'), intervalMs: 50, onFailure: (r) => failures.push(r) });
    try {
      write(database, 5);
      await vi.waitFor(() => expect(failures).toHaveLength(1), { timeout: 10_000, interval: 50 });
      expect(failures[0]).toMatch(/checkpoint worker/);
      expect(database.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    } finally {
      await checkpointer.close();
      database.close();
    }
  });
});
