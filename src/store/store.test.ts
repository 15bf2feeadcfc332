import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTargets } from '../../test/support/stores.ts';
import type { Store } from './db.ts';
import { pingStore } from './db.ts';
import { migrateToLatest, migrationsCurrent } from './migrate.ts';

for (const target of storeTargets()) {
  describe(`${target.name}: store`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await target.open({ migrate: false });
    });
    afterAll(async () => store?.close());

    it('migrates from empty, is current afterwards, and a second run applies nothing', async () => {
      expect(await migrationsCurrent(store)).toBe(false);
      const applied = await migrateToLatest(store);
      expect(applied).toContain('001-foundation');
      expect(await migrationsCurrent(store)).toBe(true);
      expect(await migrateToLatest(store)).toEqual([]);
      expect(await pingStore(store)).toBe(true);
    });

    it('round-trips epoch-millisecond bigints as numbers and supports RETURNING', async () => {
      const now = Date.UTC(2026, 10, 22, 12, 0, 0, 123);
      const row = await store.db
        .insertInto('instance_settings')
        .values({ key: 'probe', value: 'v', updated_at: now })
        .returning(['key', 'updated_at'])
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ key: 'probe', updated_at: now });
      const read = await store.db.selectFrom('instance_settings').selectAll().where('key', '=', 'probe').executeTakeFirstOrThrow();
      expect(typeof read.updated_at).toBe('number');
      expect(read.updated_at).toBe(now);
    });

    it('rolls a failed transaction back completely', async () => {
      await expect(
        store.db.transaction().execute(async (trx) => {
          await trx.insertInto('instance_settings').values({ key: 'tx', value: '1', updated_at: 1 }).execute();
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const rows = await store.db.selectFrom('instance_settings').selectAll().where('key', '=', 'tx').execute();
      expect(rows).toEqual([]);
    });

    it('declares its capabilities', () => {
      expect(store.caps.dialect).toBe(target.name);
      expect(store.caps.multipleConnections).toBe(target.name === 'postgres');
    });
  });
}

describe('sqlite: write transactions begin immediately', () => {
  it('takes the write lock at BEGIN, so a second connection waits instead of failing mid-transaction', async () => {
    const [target] = storeTargets();
    const store = await target!.open();
    try {
      // A raw second connection with busy_timeout 0 sees the lock only while a write txn is open.
      const { default: Database } = await import('better-sqlite3');
      const file = store.description.replace(/^SQLite /, '');
      const other = new Database(file);
      other.pragma('busy_timeout = 0');
      let sawBusy = false;
      await store.db.transaction().execute(async (trx) => {
        await trx.selectFrom('instance_settings').selectAll().execute();
        try {
          other.exec('begin immediate');
          other.exec('rollback');
        } catch (err) {
          sawBusy = /SQLITE_BUSY|database is locked/.test(String((err as Error).message));
        }
      });
      other.close();
      expect(sawBusy).toBe(true);
    } finally {
      await store.close();
    }
  });
});
