/**
 * Opens the store: Kysely over better-sqlite3 (a file in the data dir, WAL) or PostgreSQL (pg pool),
 * chosen by DATABASE_URL. Everything else talks to `store.db` and reads `store.caps`.
 */
import { join } from 'node:path';
import { createRequire } from 'node:module';
import BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Database } from './schema.ts';
import type { StoreFailureReason } from './store-failure.ts';
import { cachedStatements, ImmediateSqliteDialect } from './sqlite-dialect.ts';
import { POSTGRES_CAPABILITIES, SQLITE_CAPABILITIES, type StoreCapabilities } from './capabilities.ts';
import { prepareSqliteFiles } from './sqlite-files.ts';
import { startCheckpointer } from './sqlite-checkpoint.ts';
import { SchemaPostgresDialect } from './pg-introspector.ts';
import type { Logger } from '../log.ts';

export interface Store {
  readonly db: Kysely<Database>;
  readonly caps: StoreCapabilities;
  /** Human description without secrets: the SQLite path, or the PostgreSQL host/db. */
  readonly description: string;
  /** The last write this store refused for lack of room or a read-only database, until a write probe passes (/readyz). */
  readonly writeHealth: { failure?: StoreFailureReason | undefined };
  /** The PostgreSQL schema in use when one was given (tests give each store its own). */
  readonly schema?: string | undefined;
  /**
   * PostgreSQL only: a dedicated connection LISTENing on `channel` (NOTIFY from any process reaches
   * `onPayload`). It reconnects by itself and calls `onReconnect` after, since notifications sent
   * while it was away are lost.
   */
  listen?(channel: string, onPayload: (payload: string) => void, onReconnect: () => void): Promise<{ close(): Promise<void> }>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** postgres:// URL; when absent, SQLite at `<dataDir>/bifrost.db`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  poolSize?: number;
  /** PostgreSQL schema to use (tests give each run its own). */
  pgSchema?: string;
  /** SQLite file override (":memory:" for tests). */
  sqliteFile?: string;
  /** Where to warn about SQLite files whose mode was tightened. */
  log?: Pick<Logger, 'warn'>;
}

const INT8_OID = 20;

export function openStore(options: OpenStoreOptions): Store {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10, options.pgSchema);
  const file = options.sqliteFile ?? join(options.dataDir, 'bifrost.db');
  if (file !== ':memory:') {
    for (const warning of prepareSqliteFiles(file)) options.log?.warn({ file }, warning);
  }
  return openSqlite(file, options.log);
}

/**
 * better-sqlite3's addon where its install builds it: named, it spares the `bindings` package's search
 * of a dozen candidate paths (~10 ms of every start). Anywhere else, the search runs as before.
 */
function sqliteAddon(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
  } catch {
    return undefined;
  }
}

function openSqlite(file: string, log?: Pick<Logger, 'warn'>): Store {
  const nativeBinding = sqliteAddon();
  const database = new BetterSqlite3(file, nativeBinding ? { nativeBinding } : {});
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  database.pragma('synchronous = NORMAL');
  // Checkpoints from a worker thread instead of inside a commit on the event loop (sqlite-checkpoint.ts).
  const checkpointer =
    file === ':memory:'
      ? undefined
      : startCheckpointer(database, {
          file,
          module: createRequire(import.meta.url).resolve('better-sqlite3'),
          nativeBinding,
          onFailure: (reason) => log?.warn({ file, reason }, 'WAL checkpoints are back inside commits'),
        });
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: cachedStatements(database) }) });
  return {
    db,
    caps: SQLITE_CAPABILITIES,
    description: `SQLite ${file}`,
    writeHealth: {},
    close: async () => {
      await checkpointer?.close();
      await db.destroy();
    },
  };
}

function openPostgres(url: string, poolSize: number, schema?: string): Store {
  const parsed = new URL(url);
  // pg is loaded with the first query: a SQLite server never needs it (loading it loads Node's fetch too).
  const pool = async (): Promise<pg.Pool> => {
    const { default: driver } = await import('pg');
    const created = new driver.Pool({
      connectionString: url,
      max: poolSize,
      connectionTimeoutMillis: 10_000,
      // bigint columns hold epoch milliseconds: well inside Number's safe range.
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8_OID ? (v: string) => Number(v) : driver.types.getTypeParser(oid, format as 'text')) as typeof driver.types.getTypeParser,
      },
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle client error (e.g. the server restarted) must not crash the process; the pool replaces it.
    created.on('error', () => {});
    return created;
  };
  const db = new Kysely<Database>({ dialect: schema ? new SchemaPostgresDialect({ pool }, schema) : new PostgresDialect({ pool }) });
  return {
    db,
    caps: POSTGRES_CAPABILITIES,
    writeHealth: {},
    description: `PostgreSQL ${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}${schema ? ` (schema ${schema})` : ''}`,
    schema,
    listen: (channel, onPayload, onReconnect) => listenOn(url, schema, channel, onPayload, onReconnect),
    close: () => db.destroy(),
  };
}

const LISTEN_RETRY_MS = 1000;

async function listenOn(url: string, schema: string | undefined, channel: string, onPayload: (p: string) => void, onReconnect: () => void): Promise<{ close(): Promise<void> }> {
  let closed = false;
  let client: pg.Client | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const connect = async (again: boolean): Promise<void> => {
    const { default: driver } = await import('pg');
    const c = new driver.Client({ connectionString: url, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
    c.on('notification', (n) => {
      if (n.channel === channel && n.payload !== undefined) onPayload(n.payload);
    });
    c.on('error', () => {
      if (closed || client !== c) return;
      client = undefined;
      void c.end().catch(() => {});
      schedule();
    });
    await c.connect();
    await c.query(`listen "${channel.replace(/"/g, '""')}"`);
    if (closed) {
      await c.end().catch(() => {});
      return;
    }
    client = c;
    if (again) onReconnect();
  };
  const schedule = (): void => {
    if (closed) return;
    retry = setTimeout(() => void connect(true).catch(() => schedule()), LISTEN_RETRY_MS);
    retry.unref?.();
  };
  await connect(false);
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
      client = undefined;
    },
  };
}

/** True when the database answers a trivial query. */
export async function pingStore(store: Store): Promise<boolean> {
  try {
    await sql`select 1`.execute(store.db);
    return true;
  } catch {
    return false;
  }
}
