import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { storeTargets } from '../../test/support/stores.ts';
import type { Store } from '../store/db.ts';
import { createKeyring, generateKeySpec, parseKeySpecs, type KeyEntry } from './keyring.ts';
import { decryptSecret, encryptSecret, envelopeKeyId } from './envelope.ts';
import { rewrapAll } from './rewrap.ts';
import { keyUsage } from './key-usage.ts';

const ROWS = 10_000;
const column = { table: 'rewrap_probe', column: 'value_enc', idColumn: 'id' };

for (const target of storeTargets()) {
  describe(`${target.name}: key rotation and rewrap`, () => {
    let store: Store;
    const k1: KeyEntry[] = parseKeySpecs([generateKeySpec('k1')]);
    const before = createKeyring(k1, 'test');
    const after = createKeyring([...parseKeySpecs([generateKeySpec('k2')]), ...k1], 'test');

    beforeAll(async () => {
      store = await target.open();
      await sql`create table rewrap_probe (id text primary key, value_enc text)`.execute(store.db);
      for (let start = 0; start < ROWS; start += 500) {
        const values = [];
        for (let i = start; i < Math.min(ROWS, start + 500); i++) {
          const id = `row_${String(i).padStart(6, '0')}`;
          values.push(sql`(${id}, ${encryptSecret(before, `secret-${i}`, { ...column, rowId: id })})`);
        }
        await sql`insert into rewrap_probe (id, value_enc) values ${sql.join(values)}`.execute(store.db);
      }
      await sql`insert into rewrap_probe (id, value_enc) values ('row_null', null)`.execute(store.db);
    }, 120_000);
    afterAll(async () => store?.close());

    it(`moves all ${ROWS} rows to the new key, every row still decrypts, and a second run is a no-op`, async () => {
      expect((await keyUsage(store, { columns: [column] })).get('k1')).toBe(ROWS);
      const progress: number[] = [];
      const result = await rewrapAll(store, after, { columns: [column], batchSize: 1000, onProgress: (p) => progress.push(p.done) });
      expect(result.failed).toEqual([]);
      expect(result.rewrapped).toBe(ROWS);
      expect(progress.at(-1)).toBe(ROWS);

      const usage = await keyUsage(store, { columns: [column] });
      expect(usage.get('k1') ?? 0).toBe(0);
      expect(usage.get('k2')).toBe(ROWS);

      // The old key can now be dropped: the keyring without k1 decrypts every row.
      const withoutOld = createKeyring([{ id: 'k2', key: after.get('k2')! }], 'test');
      const rows = await sql<{ id: string; value_enc: string }>`select id, value_enc from rewrap_probe where value_enc is not null order by id`.execute(store.db);
      expect(rows.rows).toHaveLength(ROWS);
      rows.rows.forEach((r, i) => {
        expect(envelopeKeyId(r.value_enc)).toBe('k2');
        expect(decryptSecret(withoutOld, r.value_enc, { ...column, rowId: r.id })).toBe(`secret-${i}`);
      });

      const again = await rewrapAll(store, after, { columns: [column] });
      expect(again.rewrapped).toBe(0);
    }, 120_000);

    it('reports rows it cannot decrypt and leaves them unchanged', async () => {
      const moved = encryptSecret(after, 'x', { ...column, rowId: 'row_000001' });
      await sql`insert into rewrap_probe (id, value_enc) values ('zz_moved', ${moved})`.execute(store.db);
      const newest = createKeyring([...parseKeySpecs([generateKeySpec('k3')]), { id: 'k2', key: after.get('k2')! }], 'test');
      const result = await rewrapAll(store, newest, { columns: [column], batchSize: 5000 });
      expect(result.failed.map((f) => f.id)).toEqual(['zz_moved']);
      const row = await sql<{ value_enc: string }>`select value_enc from rewrap_probe where id = 'zz_moved'`.execute(store.db);
      expect(row.rows[0]!.value_enc).toBe(moved);
    }, 120_000);
  });
}
