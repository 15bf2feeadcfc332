/** AppError: the one error type services throw; the HTTP and GraphQL layers map it to responses. */
import { codes, type ErrorCode } from './codes.ts';

export interface AppErrorOptions {
  cause?: unknown;
  /** Safe, structured details for the client (never secrets), e.g. the offending field. */
  details?: Record<string, unknown>;
  /** Seconds the client should wait before retrying (sets Retry-After). */
  retryAfter?: number;
  /** Overrides the registry status for this instance (rare: e.g. a 503 carrying a platform code). */
  status?: number;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly retryable: boolean;
  readonly details: Record<string, unknown> | undefined;
  readonly retryAfter: number | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = options.status ?? codes[code].status;
    this.retryable = codes[code].retryable;
    this.details = options.details;
    this.retryAfter = options.retryAfter;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Shorthand for the most common client error: one field is wrong, and the message says how to fix it. */
export function invalidField(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${field}: ${message}`, { details: { field } });
}

export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what} not found`);
}
