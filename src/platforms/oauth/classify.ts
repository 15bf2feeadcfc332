/**
 * Turns a platform's failure answer into the four-way PlatformError. Each platform supplies a
 * normaliser for its own error spelling (Twitch `{status,message}`, Google RFC 6749 `{error}`, Kick's
 * mixed shapes, Trovo `{status,error,message}`); the rules here are shared.
 */
import { PlatformError, type OAuthErrorCode } from '../errors.ts';
import { parseRetryAfter } from './retry-after.ts';
import type { OutboundResponse, PlatformHttp } from './http.ts';

/** What a platform's error body means, once its spelling is normalised. */
export type NormalisedError =
  /** An OAuth error (RFC 6749 §5.2 code, or `invalid_token` from RFC 6750). */
  | { kind: 'oauth'; code: OAuthErrorCode }
  /** A status the platform signals in its body (Trovo's rate limit or internal error on HTTP 200). */
  | { kind: 'status'; status: number };

/**
 * Reads a platform error body. `status` is the HTTP status (200 for platforms that put errors in
 * 2xx bodies); `body` is the parsed JSON (undefined when the body was not JSON).
 * Returns undefined when the body is not a recognisable error.
 */
export type ErrorNormaliser = (status: number, body: unknown, text: string) => NormalisedError | undefined;

const HINTS: Record<string, string> = {
  invalid_grant: 'the grant is revoked, expired or already used; reconnect the account',
  invalid_client: 'the platform does not accept the app credentials; check the client id and secret',
  unauthorized_client: 'the app is not allowed to use this grant; check its settings at the platform',
  invalid_token: 'the access token is invalid or expired',
  invalid_scope: 'a requested scope is not accepted',
  access_denied: 'the user denied access',
  invalid_request: 'the platform rejected the request parameters',
};

/** Keeps only code-like values, so nothing the platform wrote ends up verbatim in a message. */
function safeOAuthCode(value: unknown): OAuthErrorCode | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9_.:-]{1,64}$/.test(value) ? value : undefined;
}

/** The parts of PlatformHttp an error message needs. */
export type ErrorContext = Pick<PlatformHttp, 'platform' | 'name'>;

/** A PlatformError for an OAuth error code (non-transient). */
export function oauthError(http: ErrorContext, purpose: string, code: OAuthErrorCode, httpStatus?: number): PlatformError {
  const hint = HINTS[code];
  return new PlatformError({
    platform: http.platform,
    kind: 'oauth',
    oauthError: code,
    httpStatus,
    message: `${http.name} refused the ${purpose}: ${code}${hint ? ` (${hint})` : ''}`,
  });
}

/** A PlatformError for a body that is not what the platform documents (transient: a provider bug). */
export function bodyError(http: ErrorContext, purpose: string, what: string, httpStatus?: number, cause?: unknown): PlatformError {
  return new PlatformError({ platform: http.platform, kind: 'body', httpStatus, message: `${http.name} sent an unexpected ${purpose} answer: ${what}`, cause });
}

function statusError(http: PlatformHttp, purpose: string, status: number, retryAfter: number | undefined): PlatformError {
  const what = status === 429 ? 'is rate limiting Bifrost' : status >= 500 ? 'had a server error' : 'answered with an unexpected status';
  return new PlatformError({
    platform: http.platform,
    kind: 'status',
    httpStatus: status,
    retryAfter,
    message: `${http.name} ${what} (HTTP ${status}) on the ${purpose}${retryAfter !== undefined ? `; retry after ${retryAfter} s` : ''}`,
  });
}

/**
 * Classifies a failed answer:
 * 1. 429 and 5xx are status errors (transient), with Retry-After when given — even if the body
 *    looks like an OAuth error, throttling and outages are not verdicts on the grant;
 * 2. otherwise the platform's normaliser decides (OAuth code, or a status hidden in the body);
 * 3. anything else is an unexpected status (an undocumented 4xx: not transient).
 */
export function failureFromResponse(http: PlatformHttp, purpose: string, res: OutboundResponse, normalise: ErrorNormaliser): PlatformError {
  const retryAfter = parseRetryAfter(res.headers.get('retry-after'), http.now());
  if (res.status === 429 || res.status >= 500) return statusError(http, purpose, res.status, retryAfter);
  const n = normalise(res.status, res.json, res.text);
  if (n?.kind === 'oauth') return oauthError(http, purpose, safeOAuthCode(n.code) ?? 'unknown_error', res.status);
  if (n?.kind === 'status') return statusError(http, purpose, n.status, retryAfter);
  return statusError(http, purpose, res.status, retryAfter);
}

/** Reads a plain JSON object, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
