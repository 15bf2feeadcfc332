/**
 * Outbound HTTP to a platform: a timeout on every call, no redirects followed, and failures turned
 * into PlatformError without the URL (Kick's revoke carries a token in its query string, OA-11).
 */
import { PlatformError } from '../errors.ts';
import type { PlatformSlug } from '../types.ts';

/** Default per-request timeout (ASVS 13.1.3: short timeouts for synchronous outbound calls). */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** Bodies above this size are not platform answers we understand (and must not fill memory). */
const MAX_BODY_BYTES = 1024 * 1024;

/** What every outbound call of one adapter shares. */
export interface PlatformHttp {
  readonly platform: PlatformSlug;
  /** Display name for messages ("Twitch"). */
  readonly name: string;
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
  /** Epoch ms, for Retry-After dates and expiry arithmetic. */
  readonly now: () => number;
}

export interface OutboundRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Treated as secret: never logged, never put into an error message. */
  url: string;
  headers?: Record<string, string>;
  /** application/x-www-form-urlencoded body; undefined values are left out. */
  form?: Record<string, string | undefined>;
  /** application/json body. */
  json?: unknown;
  /** What the call is, for messages: "token request", "revoke", "user lookup". */
  purpose: string;
}

export interface OutboundResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON; undefined when it is not JSON. */
  json: unknown;
  isJson: boolean;
}

/** A cause that keeps the error class and code (ECONNREFUSED, TimeoutError) but no URL or body. */
function sanitisedCause(err: unknown): Error {
  const e = (err ?? {}) as { name?: unknown; code?: unknown; cause?: { code?: unknown; name?: unknown } };
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const code = typeof e.cause?.code === 'string' ? e.cause.code : typeof e.code === 'string' ? e.code : undefined;
  const out = new Error(code ? `${name}: ${code}` : name);
  out.name = 'PlatformNetworkError';
  return out;
}

function isTimeout(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

function networkError(http: PlatformHttp, purpose: string, err: unknown): PlatformError {
  const why = isTimeout(err) ? `timed out after ${http.timeoutMs} ms` : `connection failed (${sanitisedCause(err).message})`;
  return new PlatformError({
    platform: http.platform,
    kind: 'network',
    message: `${http.name} did not answer the ${purpose}: ${why}; it will be retried`,
    cause: sanitisedCause(err),
  });
}

function encodeForm(form: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) if (v !== undefined) params.append(k, v);
  return params.toString();
}

/**
 * Sends one request. Resolves with any HTTP answer except a redirect (3xx → PlatformError status:
 * following it could send a secret to another host); rejects with PlatformError network on
 * refusal, reset or timeout (AbortSignal.timeout covers reading the body too).
 */
export async function send(http: PlatformHttp, req: OutboundRequest): Promise<OutboundResponse> {
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  let body: string | undefined;
  if (req.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = encodeForm(req.form);
  } else if (req.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(req.json);
  }
  let res: Response;
  let text: string;
  try {
    res = await http.fetch(req.url, { method: req.method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(http.timeoutMs) });
    text = await res.text();
  } catch (err) {
    throw networkError(http, req.purpose, err);
  }
  if (res.status >= 300 && res.status < 400) {
    throw new PlatformError({
      platform: http.platform,
      kind: 'status',
      httpStatus: res.status,
      message: `${http.name} answered the ${req.purpose} with a redirect (HTTP ${res.status}); redirects are not followed — check the platform's base URL`,
    });
  }
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw new PlatformError({ platform: http.platform, kind: 'body', httpStatus: res.status, message: `${http.name} answered the ${req.purpose} with an oversized body` });
  }
  let json: unknown;
  let isJson = false;
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text);
      isJson = true;
    } catch {
      json = undefined;
    }
  }
  return { status: res.status, headers: res.headers, text, json, isJson };
}

/** True for 2xx. */
export function isSuccess(res: OutboundResponse): boolean {
  return res.status >= 200 && res.status < 300;
}
