/**
 * The plan the database chooses for a query, one line per step: SQLite's EXPLAIN QUERY PLAN or
 * PostgreSQL's EXPLAIN (neither runs the statement). bench:scale prints the worker's claims with it, and
 * the claim tests check that every per-tick query of the worker is served by an index.
 */
import { CompiledQuery, type Compilable } from 'kysely';
import type { Store } from '../store/db.ts';

export async function queryPlan(store: Store, query: Compilable, options: { avoidSeqScan?: boolean } = {}): Promise<string[]> {
  const compiled = query.compile();
  const sqlite = store.caps.dialect === 'sqlite';
  const explain = CompiledQuery.raw(`${sqlite ? 'explain query plan' : 'explain'} ${compiled.sql}`, [...compiled.parameters]);
  if (sqlite) return (await store.db.executeQuery<{ detail: string }>(explain)).rows.map((r) => r.detail);
  // A small table is read whole whatever its indexes; with avoidSeqScan PostgreSQL shows the index it would use.
  return store.db.transaction().execute(async (trx) => {
    if (options.avoidSeqScan) await trx.executeQuery(CompiledQuery.raw('set local enable_seqscan = off'));
    return (await trx.executeQuery<{ 'QUERY PLAN': string }>(explain)).rows.map((r) => r['QUERY PLAN']);
  });
}
