/**
 * SQLite dialect whose write transactions start with BEGIN IMMEDIATE: a deferred transaction that
 * reads and then writes can fail with SQLITE_BUSY at once, ignoring busy_timeout. A rollback after
 * SQLite already ended the transaction itself is a no-op, so the original error is what callers see.
 */
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';

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
