/**
 * Key rotation over stored rows: `rewrap` re-encrypts every encrypted column under the active key
 * (in batches, compare-and-set per row, so it is idempotent and safe to interrupt). Rows per key id,
 * to tell when an old key can be retired, are counted by key-usage.ts.
 */
import { sql } from 'kysely';
import type { Store } from '../store/db.ts';
import type { Keyring } from './keyring.ts';
import { decryptSecret, encryptSecret } from './envelope.ts';
import { ENCRYPTED_COLUMNS, type EncryptedColumn } from '../store/encrypted-columns.ts';

export interface RewrapProgress {
  column: EncryptedColumn;
  done: number;
  total: number;
}

export interface RewrapResult {
  rewrapped: number;
  /** Rows that failed to decrypt (left unchanged; reported by id). */
  failed: { table: string; column: string; id: string; reason: string }[];
}

function ident(name: string) {
  return sql.ref(name);
}

/** Rows of one column whose envelope is not under `activeId` (or all rows when countAll). */
async function countPending(store: Store, col: EncryptedColumn, prefix: string): Promise<number> {
  const row = await sql<{ n: number }>`select count(*) as n from ${sql.table(col.table)}
    where ${ident(col.column)} is not null and substr(${ident(col.column)}, 1, ${prefix.length}) <> ${prefix}`.execute(store.db);
  return Number(row.rows[0]?.n ?? 0);
}

export async function rewrapAll(
  store: Store,
  keyring: Keyring,
  options: { batchSize?: number; columns?: readonly EncryptedColumn[]; onProgress?: (p: RewrapProgress) => void } = {},
): Promise<RewrapResult> {
  const batchSize = options.batchSize ?? 500;
  const active = keyring.active().id;
  const prefix = `v1.${active}.`;
  const result: RewrapResult = { rewrapped: 0, failed: [] };
  for (const col of options.columns ?? ENCRYPTED_COLUMNS) {
    const total = await countPending(store, col, prefix);
    let done = 0;
    let lastId = '';
    options.onProgress?.({ column: col, done, total });
    for (;;) {
      // Keyset pagination by id: rows that fail to decrypt are skipped instead of re-read forever.
      const batch = await sql<{ id: string; value: string }>`select ${ident(col.idColumn)} as id, ${ident(col.column)} as value
        from ${sql.table(col.table)}
        where ${ident(col.column)} is not null and substr(${ident(col.column)}, 1, ${prefix.length}) <> ${prefix}
          and ${ident(col.idColumn)} > ${lastId}
        order by ${ident(col.idColumn)} limit ${batchSize}`.execute(store.db);
      if (batch.rows.length === 0) break;
      await store.db.transaction().execute(async (trx) => {
        for (const row of batch.rows) {
          const ctx = { table: col.table, column: col.column, rowId: row.id };
          let fresh: string;
          try {
            fresh = encryptSecret(keyring, decryptSecret(keyring, row.value, ctx), ctx);
          } catch (err) {
            result.failed.push({ table: col.table, column: col.column, id: row.id, reason: (err as Error).message });
            continue;
          }
          // Compare-and-set: a row changed since we read it (e.g. a token refresh) is left to its writer,
          // who already encrypted under the active key.
          const updated = await sql`update ${sql.table(col.table)} set ${ident(col.column)} = ${fresh}
            where ${ident(col.idColumn)} = ${row.id} and ${ident(col.column)} = ${row.value}`.execute(trx);
          if (Number(updated.numAffectedRows ?? 0) > 0) result.rewrapped += 1;
        }
      });
      lastId = batch.rows.at(-1)!.id;
      done += batch.rows.length;
      options.onProgress?.({ column: col, done: Math.min(done, total), total });
    }
  }
  return result;
}
