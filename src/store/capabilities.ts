/**
 * The store capability table: what differs between SQLite and PostgreSQL, read by shared code
 * instead of branching on the dialect name (the kysely DialectAdapter idea).
 */
export interface StoreCapabilities {
  readonly dialect: 'sqlite' | 'postgres';
  /** More than one connection may run queries at once (pool). SQLite has one serialized connection. */
  readonly multipleConnections: boolean;
  /** `FOR UPDATE SKIP LOCKED` is available for claiming rows. */
  readonly skipLocked: boolean;
  /** Several processes may share the database (PostgreSQL); on SQLite it is one process per file. */
  readonly sharedAcrossProcesses: boolean;
}

export const SQLITE_CAPABILITIES: StoreCapabilities = Object.freeze({
  dialect: 'sqlite',
  multipleConnections: false,
  skipLocked: false,
  sharedAcrossProcesses: false,
});

export const POSTGRES_CAPABILITIES: StoreCapabilities = Object.freeze({
  dialect: 'postgres',
  multipleConnections: true,
  skipLocked: true,
  sharedAcrossProcesses: true,
});
