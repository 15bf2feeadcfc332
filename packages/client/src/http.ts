/**
 * The client's one way to call Bifrost: the credential's header, JSON in and out, typed errors, and
 * Retry-After honoured — a 429 or a retryable 503 is tried again after the time Bifrost names (or a
 * short backoff when it names none), up to `maxRetries` times and never waiting longer than
 * `maxRetryWaitMs` at once; beyond that the error is thrown with `retryAfterMs` for the caller.
 */
import { BifrostError, BifrostNetworkError, BifrostValidationError, errorFromResponse } from './errors.ts';

/** Exactly one credential: a service key (`bfs_…`), an API key (`bf_…`) or the internal secret. */
export type Credential = { serviceKey: string; apiKey?: never; internalSecret?: never } | { apiKey: string; serviceKey?: never; internalSecret?: never } | { internalSecret: string; serviceKey?: never; apiKey?: never };

export interface TransportOptions {
  baseUrl: string;
  /** Retries of a 429 or retryable 5xx (default 3; 0 turns retrying off). */
  maxRetries?: number;
  /** The longest single wait for a retry (default 30 s); a longer Retry-After is thrown instead. */
  maxRetryWaitMs?: number;
  /** Give up on one HTTP attempt after this long (default 30 s). */
  timeoutMs?: number;
  /** A fetch to use instead of the global one (a proxy agent, a test double). */
  fetch?: typeof fetch;
}

/**
 * Which refusals may be retried: `retryable` (429 and 5xx whose code says a retry may succeed) for
 * reads and idempotent changes; `rate-limit` (429 only) for a send or a ban, where a 5xx may mean
 * the platform did it and a retry would do it twice.
 */
export type RetryPolicy = 'retryable' | 'rate-limit';

export interface RequestInit {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined> | undefined;
  body?: unknown;
  retry?: RetryPolicy;
  /** This call may take longer than the client's timeout (a send that waits for a slot). */
  extraTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class Transport {
  readonly baseUrl: string;
  readonly headers: Readonly<Record<string, string>>;
  private readonly maxRetries: number;
  private readonly maxRetryWaitMs: number;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(options: TransportOptions & Partial<Credential>) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new BifrostValidationError({ status: 0, code: 'BAD_REQUEST', message: `baseUrl: "${options.baseUrl}" is not a URL; give Bifrost's address, e.g. http://127.0.0.1:8080` });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new BifrostValidationError({ status: 0, code: 'BAD_REQUEST', message: 'baseUrl: must start with http:// or https://' });
    }
    this.baseUrl = url.href.replace(/\/+$/, '');
    this.headers = credentialHeaders(options);
    this.maxRetries = options.maxRetries ?? 3;
    this.maxRetryWaitMs = options.maxRetryWaitMs ?? 30_000;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
  }

  url(path: string, query?: Record<string, string | number | undefined>): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.set(k, String(v));
    const qs = params.toString();
    return `${this.baseUrl}${path}${qs ? `?${qs}` : ''}`;
  }

  /** One call: the parsed JSON answer (undefined for 204), or a typed error. */
  async request<T>(init: RequestInit): Promise<T> {
    const what = `${init.method} ${init.path}`;
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await this.fetchImpl(this.url(init.path, init.query), {
          method: init.method,
          headers: { ...this.headers, accept: 'application/json', ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
          signal: AbortSignal.timeout(this.timeoutMs + (init.extraTimeoutMs ?? 0)),
        });
      } catch (cause) {
        // No answer: a read may be tried again; a send may have arrived, so it is not.
        const err = new BifrostNetworkError({ status: 0, code: 'NETWORK', message: `${what}: no answer from ${this.baseUrl} (${(cause as Error).message})`, cause });
        if ((init.retry ?? 'retryable') === 'retryable' && attempt < this.maxRetries) {
          await sleep(backoffMs(attempt));
          continue;
        }
        throw err;
      }
      if (res.ok) {
        if (res.status === 204) return undefined as T;
        const text = await res.text();
        return (text === '' ? undefined : JSON.parse(text)) as T;
      }
      const err = await errorFromResponse(res, what);
      const wait = this.retryWait(err, init.retry ?? 'retryable', attempt);
      if (wait === undefined) throw err;
      await sleep(wait);
    }
  }

  /** How long to wait before retrying `err`, or undefined to throw it. */
  private retryWait(err: BifrostError, policy: RetryPolicy, attempt: number): number | undefined {
    if (attempt >= this.maxRetries) return undefined;
    const eligible = err.status === 429 || (policy === 'retryable' && err.status >= 500 && err.retryable);
    if (!eligible) return undefined;
    const wait = err.retryAfterMs ?? backoffMs(attempt);
    return wait > this.maxRetryWaitMs ? undefined : wait;
  }
}

/** Full-jitter exponential backoff: up to 250 ms, 500 ms, 1 s … capped at 8 s. */
export function backoffMs(attempt: number, baseMs = 250, capMs = 8_000): number {
  return Math.round(Math.random() * Math.min(capMs, baseMs * 2 ** attempt));
}

/** The header of the one credential given; a clear error when none or several are. */
function credentialHeaders(c: Partial<Credential>): Record<string, string> {
  const given = (['serviceKey', 'apiKey', 'internalSecret'] as const).filter((k) => c[k] !== undefined && c[k] !== '');
  if (given.length !== 1) {
    throw new BifrostValidationError({
      status: 0,
      code: 'BAD_REQUEST',
      message: `give exactly one of serviceKey (bfs_…), apiKey (bf_…) or internalSecret${given.length > 1 ? `, not ${given.join(' and ')}` : ''}`,
    });
  }
  if (c.serviceKey !== undefined) {
    if (!c.serviceKey.startsWith('bfs_')) throw new BifrostValidationError({ status: 0, code: 'BAD_REQUEST', message: 'serviceKey: a service key starts with bfs_ (create one under Service Keys in the dashboard)' });
    return { authorization: `Bearer ${c.serviceKey}` };
  }
  if (c.apiKey !== undefined) {
    if (!c.apiKey.startsWith('bf_')) throw new BifrostValidationError({ status: 0, code: 'BAD_REQUEST', message: 'apiKey: an API key starts with bf_ (service keys, bfs_…, go in serviceKey)' });
    return { authorization: `Bearer ${c.apiKey}` };
  }
  return { 'x-internal-secret': c.internalSecret! };
}
