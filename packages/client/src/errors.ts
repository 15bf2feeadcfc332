/**
 * Typed errors: every answer Bifrost refuses (`{"error": {"code", "message", "details"?}}`) becomes a
 * BifrostError subclass chosen by HTTP status, carrying Bifrost's `code`, `details` and, when the
 * answer had one, `Retry-After` in milliseconds. No error carries a credential or a token.
 */
import { ERROR_CODES, type ErrorCode } from './generated/error-codes.ts';

export type { ErrorCode };

export interface BifrostErrorInit {
  status: number;
  code: ErrorCode | (string & {});
  message: string;
  details?: Record<string, unknown> | undefined;
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

export class BifrostError extends Error {
  override readonly name: string = 'BifrostError';
  /** HTTP status of the answer (0 when no answer came: see BifrostNetworkError). */
  readonly status: number;
  /** Bifrost's error code, e.g. `NEEDS_REAUTH`, `RATE_LIMITED`, `NOT_GRANTED`. */
  readonly code: ErrorCode | (string & {});
  readonly details: Record<string, unknown> | undefined;
  /** From the answer's Retry-After header, when it had one. */
  readonly retryAfterMs: number | undefined;

  constructor(init: BifrostErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** Whether the same request may succeed later (Bifrost's registry says so for the code). */
  get retryable(): boolean {
    const known = (ERROR_CODES as Record<string, { retryable: boolean }>)[this.code];
    return known ? known.retryable : this.status === 429 || this.status >= 500;
  }
}

/** 400: the request is malformed; `details.field` names the field. */
export class BifrostValidationError extends BifrostError {
  override readonly name = 'BifrostValidationError';
}
/** 401: the key or secret is missing, unknown, expired or revoked. */
export class BifrostAuthError extends BifrostError {
  override readonly name = 'BifrostAuthError';
}
/** 403: the key may not do this (`NOT_GRANTED`, `FORBIDDEN`, `SCOPE_MISSING` …). */
export class BifrostPermissionError extends BifrostError {
  override readonly name = 'BifrostPermissionError';
}
/** 404: no such integration, bot or message (`NOT_FOUND`, `NO_BOT`, `UNKNOWN_BOT`). */
export class BifrostNotFoundError extends BifrostError {
  override readonly name = 'BifrostNotFoundError';
}
/** 409: the state does not allow it (`SENDER_UNAVAILABLE`, `NOT_LIVE` …). */
export class BifrostConflictError extends BifrostError {
  override readonly name: string = 'BifrostConflictError';
}
/** 409 `NEEDS_REAUTH`: someone must reconnect the integration in Bifrost (`details.reason` says why). */
export class BifrostNeedsReauthError extends BifrostConflictError {
  override readonly name = 'BifrostNeedsReauthError';
}
/** 429: a limit is full; `retryAfterMs` says when a slot frees. */
export class BifrostRateLimitError extends BifrostError {
  override readonly name = 'BifrostRateLimitError';
}
/** 5xx: Bifrost or the platform cannot do it now (`PLATFORM_UNAVAILABLE`, `UNAVAILABLE` …). */
export class BifrostUnavailableError extends BifrostError {
  override readonly name = 'BifrostUnavailableError';
}
/** No answer at all: Bifrost is unreachable (connection refused, reset, timed out). */
export class BifrostNetworkError extends BifrostError {
  override readonly name = 'BifrostNetworkError';
}

/** The subclass for an answer's status and code. */
export function errorFor(init: BifrostErrorInit): BifrostError {
  const s = init.status;
  if (s === 400 || s === 413 || s === 422) return new BifrostValidationError(init);
  if (s === 401) return new BifrostAuthError(init);
  if (s === 403) return new BifrostPermissionError(init);
  if (s === 404) return new BifrostNotFoundError(init);
  if (s === 409) return init.code === 'NEEDS_REAUTH' ? new BifrostNeedsReauthError(init) : new BifrostConflictError(init);
  if (s === 429) return new BifrostRateLimitError(init);
  if (s >= 500) return new BifrostUnavailableError(init);
  return new BifrostError(init);
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The error of a refused answer: Bifrost's body when it is one, else a generic one for the status. */
export async function errorFromResponse(res: Response, what: string): Promise<BifrostError> {
  const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const err = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  if (err && typeof err.code === 'string' && typeof err.message === 'string') {
    const details = err.details && typeof err.details === 'object' ? (err.details as Record<string, unknown>) : undefined;
    return errorFor({ status: res.status, code: err.code, message: `${what}: ${err.message}`, details, retryAfterMs });
  }
  return errorFor({ status: res.status, code: res.status >= 500 ? 'UNAVAILABLE' : 'HTTP_ERROR', message: `${what}: HTTP ${res.status} without a Bifrost error body`, retryAfterMs });
}
