/**
 * The statements every send runs, compiled once per database and bound to new values per call.
 * Kysely builds and compiles a query's whole tree on every call: in a profile of sends that was a
 * tenth of the CPU, more than the database's own work on SQLite. A statement here is still written
 * with Kysely's typed builder, once, with a named marker where each value goes; the compiled SQL is
 * kept and each call only puts its values where the markers were. Kysely offers no prepared-query
 * API of its own, hence these few lines.
 */
import { createQueryId, type CompiledQuery, type DialectAdapter, type Kysely, type QueryResult } from 'kysely';
import type { Database } from '../store/schema.ts';

/** A marker standing for the value named `name` (a string no real value takes). */
const MARK = '\u0000bifrost-param:';
const marker = (name: string): string => `${MARK}${name}`;

/** A query builder, or a `sql` template (compiled against the database). */
export interface Buildable {
  compile(db: Kysely<Database>): CompiledQuery;
}

type Slot<P extends string> = { name: P } | { constant: unknown };

export type Bind<P extends string> = Readonly<Record<P, unknown>>;

export interface Statement<P extends string> {
  /** The compiled statement with these values, for `db.executeQuery` (or a transaction's). */
  bind(db: Kysely<Database>, values: Bind<P>): CompiledQuery;
  run<R = unknown>(db: Kysely<Database>, values: Bind<P>): Promise<QueryResult<R>>;
}

/**
 * A statement built by `build`, which receives a marker for each value name (typed `never`, so it
 * fits any column) and must use each only as a value Kysely passes as a parameter.
 */
export function statement<P extends string>(names: readonly P[], build: (db: Kysely<Database>, v: Record<P, never>) => Buildable): Statement<P> {
  // Per dialect adapter: SQLite and PostgreSQL compile differently, and a transaction shares its database's adapter.
  const compiled = new WeakMap<DialectAdapter, { query: CompiledQuery; slots: Slot<P>[] }>();
  const markers = Object.fromEntries(names.map((n) => [n, marker(n)])) as unknown as Record<P, never>;
  const compile = (db: Kysely<Database>) => {
    const adapter = db.getExecutor().adapter;
    let hit = compiled.get(adapter);
    if (!hit) {
      const query = build(db, markers).compile(db);
      // A parameter that is no marker is a constant of the statement (`integration_type = 'bot'`).
      const slots = query.parameters.map((p): Slot<P> => (typeof p === 'string' && p.startsWith(MARK) ? { name: p.slice(MARK.length) as P } : { constant: p }));
      hit = { query, slots };
      compiled.set(adapter, hit);
    }
    return hit;
  };
  const bind = (db: Kysely<Database>, values: Bind<P>): CompiledQuery => {
    const { query, slots } = compile(db);
    // A query id of its own per run: plugins keep their per-query state under it.
    return { ...query, queryId: createQueryId(), parameters: slots.map((slot) => ('name' in slot ? values[slot.name] : slot.constant)) };
  };
  return { bind, run: <R>(db: Kysely<Database>, values: Bind<P>) => db.executeQuery<R>(bind(db, values)) };
}
