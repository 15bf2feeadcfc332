/**
 * SQLite dialect whose write transactions start with BEGIN IMMEDIATE: a deferred transaction that
 * reads and then writes can fail with SQLITE_BUSY at once, ignoring busy_timeout. A rollback after
 * SQLite already ended the transaction itself is a no-op, so the original error is what callers see.
 * Statements are prepared once per SQL text and reused (Kysely's driver prepares every query anew,
 * which was a tenth of a chat send's CPU): `cachedStatements` wraps the database for the dialect.
 */
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDatabase } from 'kysely';

/** Most statements kept; Bifrost issues a few hundred distinct queries, so the oldest rarely goes. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The database with `prepare` answering a cached statement for SQL it has seen. Kysely runs one query
 * at a time on its single SQLite connection, so a statement is never used by two queries at once; SQLite
 * recompiles a cached statement itself when the schema changed (migrations).
 */
export function cachedStatements(database: SqliteDatabase): SqliteDatabase {
  const cache = new Map<string, ReturnType<SqliteDatabase['prepare']>>();
  return {
    close: () => {
      cache.clear();
      return database.close();
    },
    prepare(sql) {
      let statement = cache.get(sql);
      if (statement) {
        // Most recently used last, so the first key is the one to drop.
        cache.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.rollbackTransaction(connection);
    } catch (err) {
      // After SQLITE_FULL, IOERR, BUSY or NOMEM SQLite may have rolled the whole transaction back
      // itself; ROLLBACK then fails, and that failure would hide the error that caused it.
      if ((err as { code?: unknown }).code === 'SQLITE_ERROR' && /no transaction is active/.test(String((err as Error).message))) return;
      throw err;
    }
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];

  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}
