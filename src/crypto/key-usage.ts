/**
 * Which keys the stored secrets use: rows per key id in every encrypted column, counted in SQL over
 * the envelope's `v1.<keyId>.` prefix. One scan per column counts the ids the caller knows; each id it
 * does not know costs one more (usually none), so this stays cheap on hundreds of thousands of rows
 * and runs the same SQL on SQLite and PostgreSQL.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Store } from '../store/db.ts';
import { ENCRYPTED_COLUMNS, type EncryptedColumn } from '../store/encrypted-columns.ts';

/** Usage key for values that are not `v1.<keyId>.…` envelopes (corrupt or foreign data). */
export const NOT_AN_ENVELOPE = '(not an envelope)';

export interface ColumnKeyUsage {
  column: EncryptedColumn;
  /** Rows per key id in this column (only ids with rows). */
  rows: Map<string, number>;
}

const ENVELOPE_PREFIX = 'v1.';

function prefixOf(keyId: string): string {
  return `${ENVELOPE_PREFIX}${keyId}.`;
}

function hasPrefix(ref: RawBuilder<unknown>, prefix: string) {
  return sql`substr(${ref}, 1, ${prefix.length}) = ${prefix}`;
}

function lacksPrefix(ref: RawBuilder<unknown>, prefix: string) {
  return sql`substr(${ref}, 1, ${prefix.length}) <> ${prefix}`;
}

/** The key id between `v1.` and the next dot, or undefined when the value has none. */
function keyIdOf(value: string): string | undefined {
  const end = value.indexOf('.', ENVELOPE_PREFIX.length);
  return end > ENVELOPE_PREFIX.length ? value.slice(ENVELOPE_PREFIX.length, end) : undefined;
}

async function countWhere(store: Store, col: EncryptedColumn, condition: RawBuilder<unknown>): Promise<number> {
  const result = await sql<{ n: number }>`select count(*) as n from ${sql.table(col.table)} where ${condition}`.execute(store.db);
  return Number(result.rows[0]?.n ?? 0);
}

async function columnUsage(store: Store, col: EncryptedColumn, knownIds: readonly string[]): Promise<Map<string, number>> {
  const ref = sql.ref(col.column) as RawBuilder<unknown>;
  const sums = knownIds.map((id, i) => sql`sum(case when ${hasPrefix(ref, prefixOf(id))} then 1 else 0 end) as ${sql.ref(`k${i}`)}`);
  const totals = await sql<Record<string, number | null>>`select count(*) as total,
      sum(case when ${hasPrefix(ref, ENVELOPE_PREFIX)} then 0 else 1 end) as other
      ${sums.length > 0 ? sql`, ${sql.join(sums)}` : sql``}
    from ${sql.table(col.table)} where ${ref} is not null`.execute(store.db);
  const row = totals.rows[0] ?? {};
  const usage = new Map<string, number>();
  const add = (id: string, n: number) => n > 0 && usage.set(id, (usage.get(id) ?? 0) + n);
  add(NOT_AN_ENVELOPE, Number(row.other ?? 0));
  knownIds.forEach((id, i) => add(id, Number(row[`k${i}`] ?? 0)));
  let unaccounted = Number(row.total ?? 0) - [...usage.values()].reduce((a, b) => a + b, 0);

  // Rows under ids the caller does not know: find one, count its id, exclude it, repeat.
  const excluded: RawBuilder<unknown>[] = knownIds.map((id) => lacksPrefix(ref, prefixOf(id)));
  while (unaccounted > 0) {
    const found = await sql<{ value: string }>`select ${ref} as value from ${sql.table(col.table)}
      where ${ref} is not null and ${hasPrefix(ref, ENVELOPE_PREFIX)} ${sql.join(excluded.map((c) => sql`and ${c}`), sql` `)}
      limit 1`.execute(store.db);
    const value = found.rows[0]?.value;
    if (value === undefined) break; // rows changed under us; what was counted stands
    const id = keyIdOf(value);
    if (id === undefined) {
      const n = await countWhere(store, col, sql`${ref} = ${value}`);
      add(NOT_AN_ENVELOPE, n);
      excluded.push(sql`${ref} <> ${value}`);
      unaccounted -= Math.max(n, 1);
    } else {
      const n = await countWhere(store, col, hasPrefix(ref, prefixOf(id)));
      add(id, n);
      excluded.push(lacksPrefix(ref, prefixOf(id)));
      unaccounted -= Math.max(n, 1);
    }
  }
  return usage;
}

/** Rows per key id, column by column. `knownIds` (e.g. the keyring's) are counted in the first scan. */
export async function keyUsageByColumn(
  store: Store,
  options: { knownIds?: readonly string[]; columns?: readonly EncryptedColumn[] } = {},
): Promise<ColumnKeyUsage[]> {
  const out: ColumnKeyUsage[] = [];
  for (const column of options.columns ?? ENCRYPTED_COLUMNS) {
    out.push({ column, rows: await columnUsage(store, column, options.knownIds ?? []) });
  }
  return out;
}

/** Number of stored rows per key id across every encrypted column. */
export async function keyUsage(
  store: Store,
  options: { knownIds?: readonly string[]; columns?: readonly EncryptedColumn[] } = {},
): Promise<Map<string, number>> {
  const total = new Map<string, number>();
  for (const { rows } of await keyUsageByColumn(store, options)) {
    for (const [id, n] of rows) total.set(id, (total.get(id) ?? 0) + n);
  }
  return total;
}

/** Up to `limit` rows of one column sealed with `keyId` (for a trial decryption). */
export async function sampleRows(store: Store, col: EncryptedColumn, keyId: string, limit: number): Promise<{ id: string; value: string }[]> {
  const ref = sql.ref(col.column) as RawBuilder<unknown>;
  const result = await sql<{ id: string; value: string }>`select ${sql.ref(col.idColumn)} as id, ${ref} as value
    from ${sql.table(col.table)} where ${ref} is not null and ${hasPrefix(ref, prefixOf(keyId))} limit ${limit}`.execute(store.db);
  return result.rows;
}
