/**
 * Outbound HTTP to a platform: a timeout on every call, no redirects followed, and failures turned
 * into PlatformError without the URL (Kick's revoke carries a token in its query string, OA-11).
 * With the built-in fetch, calls go through node:http(s) on the kept-alive global agents instead:
 * the same guarantees at about a third of fetch's CPU (its web-streams layer dominated chat sends).
 * Any other fetch (a test's fake, a recording wrapper) is called as given.
 */
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
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

/** What callers read of an answer's headers (Retry-After, rate-limit resets): `Headers` fits. */
export interface ResponseHeaders {
  /** The header's value (repeated headers joined by ", "), or null. */
  get(name: string): string | null;
}

export interface OutboundResponse {
  status: number;
  headers: ResponseHeaders;
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

/** The built-in fetch as this module loaded: a PlatformHttp using it takes the node:http path. */
const BUILT_IN_FETCH = globalThis.fetch;

/**
 * Sends one request. Resolves with any HTTP answer except a redirect (3xx → PlatformError status:
 * following it could send a secret to another host); rejects with PlatformError network on
 * refusal, reset or timeout (the timeout covers reading the body too).
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
  const answer = http.fetch === BUILT_IN_FETCH ? await nodeSend(http, req, headers, body) : await fetchSend(http, req, headers, body);
  return parsed(answer.status, answer.headers, answer.text);
}

interface RawAnswer {
  status: number;
  headers: ResponseHeaders;
  text: string;
}

function redirectError(http: PlatformHttp, purpose: string, status: number): PlatformError {
  return new PlatformError({
    platform: http.platform,
    kind: 'status',
    httpStatus: status,
    message: `${http.name} answered the ${purpose} with a redirect (HTTP ${status}); redirects are not followed — check the platform's base URL`,
  });
}

function oversized(http: PlatformHttp, purpose: string, status: number): PlatformError {
  return new PlatformError({ platform: http.platform, kind: 'body', httpStatus: status, message: `${http.name} answered the ${purpose} with an oversized body` });
}

const isRedirect = (status: number): boolean => status >= 300 && status < 400;

/** Through an injected fetch (tests, the sandbox's recorders). */
async function fetchSend(http: PlatformHttp, req: OutboundRequest, headers: Record<string, string>, body: string | undefined): Promise<RawAnswer> {
  let res: Response;
  let text: string;
  try {
    res = await http.fetch(req.url, { method: req.method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(http.timeoutMs) });
    text = await res.text();
  } catch (err) {
    throw networkError(http, req.purpose, err);
  }
  if (isRedirect(res.status)) throw redirectError(http, req.purpose, res.status);
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw oversized(http, req.purpose, res.status);
  return { status: res.status, headers: res.headers, text };
}

/** An IncomingMessage's headers as `get(name)`. */
function headersOf(res: IncomingMessage): ResponseHeaders {
  const all = res.headers;
  return {
    get(name) {
      const v = all[name.toLowerCase()];
      return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
    },
  };
}

/** A compressed body (sent although no Accept-Encoding asked for it) decoded within the size cap; undefined when over it. */
function decoded(raw: Buffer, encoding: string | undefined): Buffer | undefined {
  const e = encoding?.trim().toLowerCase();
  if (!e || e === 'identity') return raw;
  const limit = { maxOutputLength: MAX_BODY_BYTES };
  try {
    if (e === 'gzip' || e === 'x-gzip') return gunzipSync(raw, limit);
    if (e === 'deflate') return inflateSync(raw, limit);
    if (e === 'br') return brotliDecompressSync(raw, limit);
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') return undefined;
    throw err;
  }
  return raw;
}

/** Through node:http(s) on the global agents (keep-alive): one write per request, no web streams. */
function nodeSend(http: PlatformHttp, req: OutboundRequest, headers: Record<string, string>, body: string | undefined): Promise<RawAnswer> {
  return new Promise<RawAnswer>((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(req.url);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw Object.assign(new Error('unsupported protocol'), { code: 'ERR_INVALID_PROTOCOL' });
    } catch (err) {
      reject(networkError(http, req.purpose, { name: 'TypeError', code: (err as { code?: unknown }).code }));
      return;
    }
    // One line per header whatever the caller's case (node:http would send `Accept` and `accept` both).
    for (const name of Object.keys(headers)) {
      const lower = name.toLowerCase();
      if (lower !== name) {
        headers[lower] = headers[name]!;
        delete headers[name];
      }
    }
    headers['user-agent'] ??= 'node';
    // As fetch does: a POST without a body says so (length 0) rather than going chunked.
    if (body !== undefined || req.method === 'POST') headers['content-length'] = body === undefined ? '0' : String(Buffer.byteLength(body));
    let done = false;
    const fail = (err: PlatformError) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      outgoing.destroy();
      reject(err);
    };
    let outgoing: ClientRequest;
    try {
      outgoing = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { method: req.method, headers });
    } catch (err) {
      // A header value node:http refuses (its message names the header, never the value).
      reject(networkError(http, req.purpose, err));
      return;
    }
    const timer = setTimeout(() => fail(networkError(http, req.purpose, { name: 'TimeoutError' })), http.timeoutMs);
    timer.unref();
    outgoing.on('error', (err) => fail(networkError(http, req.purpose, err)));
    outgoing.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if (isRedirect(status)) {
        res.resume();
        fail(redirectError(http, req.purpose, status));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) fail(oversized(http, req.purpose, status));
        else chunks.push(chunk);
      });
      res.on('error', (err) => fail(networkError(http, req.purpose, err)));
      res.on('aborted', () => fail(networkError(http, req.purpose, { name: 'Error', code: 'ECONNRESET' })));
      res.on('end', () => {
        if (done) return;
        let raw: Buffer | undefined;
        try {
          raw = decoded(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size), res.headers['content-encoding']);
        } catch (err) {
          return fail(networkError(http, req.purpose, err));
        }
        if (!raw) return fail(oversized(http, req.purpose, status));
        done = true;
        clearTimeout(timer);
        resolve({ status, headers: headersOf(res), text: raw.toString('utf8') });
      });
    });
    outgoing.end(body);
  });
}

/** The answer with its body parsed as JSON where it is JSON. */
function parsed(status: number, headers: ResponseHeaders, text: string): OutboundResponse {
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
  return { status, headers, text, json, isJson };
}

/** True for 2xx. */
export function isSuccess(res: OutboundResponse): boolean {
  return res.status >= 200 && res.status < 300;
}
