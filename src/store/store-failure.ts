/**
 * Database errors that mean "the database cannot take writes right now" rather than a bug: a full
 * disk, a read-only database, a server out of resources. They become 503 STORE_UNAVAILABLE (retry
 * later) instead of a 500, recognised by the driver's error code: SQLite SQLITE_FULL and
 * SQLITE_READONLY*, PostgreSQL SQLSTATE 53100 disk_full, 25006 read_only_sql_transaction and the
 * rest of class 53 (insufficient resources).
 */
import { AppError } from '../errors/app-error.ts';

export type StoreFailureReason = 'disk_full' | 'read_only' | 'insufficient_resources';

/** Seconds a client is asked to wait: long enough for an operator or an autoscaler to act. */
const STORE_RETRY_AFTER_S = 30;

function reasonOfCode(code: unknown): StoreFailureReason | undefined {
  if (typeof code !== 'string') return undefined;
  if (code === 'SQLITE_FULL' || code === '53100') return 'disk_full';
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_') || code === '25006') return 'read_only';
  if (/^53[0-9A-Z]{3}$/.test(code)) return 'insufficient_resources';
  return undefined;
}

export interface StoreFailure {
  reason: StoreFailureReason;
  /** The driver's code and message, for the log (they name the condition, never a value). */
  driverCode: string;
  driverMessage: string;
}

/** The store-unavailable driver error in `err` or the errors it wraps as `cause`, if there is one. */
export function findStoreFailure(err: unknown): StoreFailure | undefined {
  let e: unknown = err;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    const reason = reasonOfCode(code);
    if (reason) return { reason, driverCode: String(code), driverMessage: String((e as { message?: unknown }).message ?? '') };
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export function storeFailureReason(err: unknown): StoreFailureReason | undefined {
  return findStoreFailure(err)?.reason;
}

const MESSAGES: Record<StoreFailureReason, string> = {
  disk_full: 'the database is full (no disk space left); retry later',
  read_only: 'the database is read-only right now; retry later',
  insufficient_resources: 'the database is out of resources right now; retry later',
};

/** The answer for a store-unavailable failure (the driver's message and stack stay in the log). */
export function storeUnavailable(reason: StoreFailureReason, cause?: unknown): AppError {
  return new AppError('STORE_UNAVAILABLE', MESSAGES[reason], { cause, retryAfter: STORE_RETRY_AFTER_S, details: { reason } });
}
