/** The one way the dashboard talks to Bifrost: fetch with the session cookie, CSRF token and account header. */

export interface ApiErrorBody {
  /** Bifrost's API: an object; the sandbox fakes (playing a platform): a bare code beside `message`. */
  error?: { code?: string; message?: string; details?: Record<string, unknown> } | string;
  message?: string;
}

/** An error answer (or no answer) from the API, with the server's stable code. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The error's `details` object (the field, the scope, the platform's reason), when the server sent one. */
  readonly details: Readonly<Record<string, unknown>>;
  /** Seconds from the Retry-After header, when the server sent one (429, 503). */
  readonly retryAfter: number | null;
  constructor(status: number, code: string, message: string, extra: { details?: Record<string, unknown>; retryAfter?: number | null } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = extra.details ?? {};
    this.retryAfter = extra.retryAfter ?? null;
  }
  /** A route that does not exist (yet) on this server: pages show a calm "not available" state. */
  get isUnavailable(): boolean {
    return this.status === 404 || this.status === 405 || this.status === 501;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface ClientState {
  csrfToken: string | null;
  accountId: string | null;
  onUnauthorized: (() => void) | null;
}

// Module state rather than React state: the CSRF token must never be rendered or persisted.
const state: ClientState = { csrfToken: null, accountId: null, onUnauthorized: null };

export function setCsrfToken(token: string | null): void {
  state.csrfToken = token;
}

export function setAccountId(id: string | null): void {
  state.accountId = id;
}

export function currentAccountId(): string | null {
  return state.accountId;
}

/** Called when a request (other than sign-in itself) answers 401: the session ended. */
export function onUnauthorized(handler: (() => void) | null): void {
  state.onUnauthorized = handler;
}

export interface RequestOptions {
  /** Do not report a 401 as an ended session (sign-in, setup, the first /v1/me). */
  quiet401?: boolean;
}

export async function api<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && state.csrfToken) headers['X-CSRF-Token'] = state.csrfToken;
  if (state.accountId) headers['X-Bifrost-Account'] = state.accountId;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Could not reach the Bifrost server. Check your connection and try again.');
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!response.ok) {
    const body = parsed as ApiErrorBody | undefined;
    const err = typeof body?.error === 'string' ? { code: body.error, message: body.message } : body?.error;
    const retryAfter = Number(response.headers.get('Retry-After'));
    const apiError = new ApiError(
      response.status,
      err?.code ?? `HTTP_${response.status}`,
      err?.message ?? `The server answered ${response.status} ${response.statusText}.`,
      { details: err?.details, retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null },
    );
    if (response.status === 401 && !options.quiet401) state.onUnauthorized?.();
    throw apiError;
  }
  return parsed as T;
}

/**
 * The API names an invalid field by its place in the request ("body.client_secret: must not be
 * empty"); a streamer reads the field's label instead ("Client secret: must not be empty").
 */
export function humanizeFieldMessage(message: string): string {
  const m = /^(?:body|query|params|querystring)\.([\w.[\]-]+): (.*)$/s.exec(message);
  if (!m) return message;
  const last = m[1]!.split('.').filter((part) => !/^\d+$/.test(part)).pop() ?? m[1]!;
  const label = last.replace(/_/g, ' ');
  return `${label.charAt(0).toUpperCase()}${label.slice(1)}: ${m[2]}`;
}

/** What to do next, for answers whose server sentence says only what went wrong. */
const NEXT_STEPS: Record<string, string> = {
  FORBIDDEN: 'Ask an owner or admin of this account for that permission.',
  STORE_UNAVAILABLE: 'Nothing was saved; try again in a minute.',
};

/** A human sentence for any thrown value: the field's label instead of its path, and the next step where the server gives none. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const said = humanizeFieldMessage(err.message);
    const step = NEXT_STEPS[err.code];
    if (!step) return said;
    const sentence = `${said.charAt(0).toUpperCase()}${said.slice(1)}`;
    return `${/[.!?]$/.test(sentence) ? sentence : `${sentence}.`} ${step}`;
  }
  if (err instanceof Error) return err.message;
  return 'Something went wrong.';
}

/** GET a collection: accounts routes answer `{ items: [...] }`, integrations routes a bare array; accept both. */
export async function apiList<T>(path: string): Promise<T[]> {
  const body = await api<T[] | { items: T[] }>('GET', path);
  if (Array.isArray(body)) return body;
  return Array.isArray(body?.items) ? body.items : [];
}
