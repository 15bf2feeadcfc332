/**
 * A live subscription to the account's event log over `GET /v1/events/ws`: one JSON envelope per
 * message, in `seq` order. When the connection drops (Bifrost restarted, a network blip) it
 * reconnects with jittered backoff and resumes with `?after=<last seq received>`, so no event is lost
 * and none is delivered twice. Events go to a handler (awaited one at a time, in order) or out of an
 * async iterator. A refused credential or bad filter ends the subscription with a typed error instead
 * of retrying forever.
 */
import WebSocket from 'ws';
import type { IncomingMessage } from 'node:http';
import { errorFor, parseRetryAfter, type BifrostError } from './errors.ts';
import { backoffMs, type Transport } from './http.ts';
import type { BifrostEvent, EventType } from './types.ts';

export interface SubscribeOptions {
  /** Only these event types (default: all). */
  types?: readonly EventType[];
  /** Only these platforms (default: all). */
  platforms?: readonly string[];
  /**
   * Start after this seq: a `lastSeq` you stored to resume across restarts of your program, or 0 for
   * everything still retained. Without it the subscription starts with the next new event.
   */
  after?: number;
  /** Reconnect backoff: the first delay and the cap (defaults 250 ms and 10 s, full jitter). */
  minReconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  /** Ping Bifrost this often and reconnect when a pong does not come back by the next ping (default 30 s). */
  pingIntervalMs?: number;
  /** Connection changes: `connecting`, `open`, `reconnecting` (with the reason), `closed`. */
  onState?: (state: SubscriptionState, detail?: { error?: Error; delayMs?: number }) => void;
  /** A handler that threw, or the error that ended the subscription. Without it such errors end it (see `done`). */
  onError?: (err: unknown, event?: BifrostEvent) => void;
  /** Closes the subscription when aborted. */
  signal?: AbortSignal;
}

export type SubscriptionState = 'connecting' | 'open' | 'reconnecting' | 'closed';
export type EventHandler = (event: BifrostEvent) => void | Promise<void>;

/** Upgrade answers that retrying cannot fix: a refused key, a bad filter, no permission. */
const FATAL_STATUSES = new Set([400, 401, 403, 404]);
/** Past this many undelivered events the socket is paused (Bifrost holds the rest in its log). */
const HIGH_WATER = 1000;

export class Subscription implements AsyncIterable<BifrostEvent> {
  /** Resolves when closed with close(); rejects with the error that ended it otherwise. */
  readonly done: Promise<void>;
  private delivered: number | undefined;
  /** The last seq received (delivered or queued): where a reconnect resumes. */
  private received: number | undefined;
  private readonly queue: BifrostEvent[] = [];
  private waiter: { resolve: (r: IteratorResult<BifrostEvent>) => void; reject: (err: unknown) => void } | null = null;
  private ws: WebSocket | null = null;
  private paused = false;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private ended: { error?: unknown } | null = null;
  private settle!: { resolve: () => void; reject: (err: unknown) => void };

  constructor(private readonly http: Transport, private readonly options: SubscribeOptions, handler?: EventHandler) {
    this.received = options.after;
    this.delivered = options.after;
    this.done = new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    // `done` is for whoever wants it; an unobserved end must not crash the program on its own.
    this.done.catch(() => {});
    if (options.signal) {
      if (options.signal.aborted) queueMicrotask(() => void this.close());
      else options.signal.addEventListener('abort', () => void this.close(), { once: true });
    }
    if (handler) void this.runHandler(handler);
    this.connect();
  }

  /**
   * Where a subscription without `after` starts: the log's head, read before the first connection, so a
   * reconnect before the first event still resumes exactly (events appended in between are delivered).
   */
  private async startingPoint(): Promise<void> {
    const o = this.options;
    const page = await this.http.request<{ head: number }>({
      method: 'GET',
      path: '/v1/events/history',
      query: { limit: 1, types: o.types?.join(','), platforms: o.platforms?.join(',') },
    });
    if (this.received === undefined) this.received = page.head;
  }

  /** The seq of the last event handed to you: store it and pass it as `after` to resume later. */
  get lastSeq(): number | undefined {
    return this.delivered;
  }

  /** Stops reconnecting, closes the connection and ends the iterator; undelivered events are dropped. */
  async close(): Promise<void> {
    this.finish();
  }

  [Symbol.asyncIterator](): AsyncIterator<BifrostEvent> {
    return {
      next: () => this.next(),
      return: async () => {
        this.finish();
        return { done: true, value: undefined };
      },
    };
  }

  next(): Promise<IteratorResult<BifrostEvent>> {
    const event = this.queue.shift();
    if (event) {
      this.delivered = event.seq;
      if (this.paused && this.queue.length < HIGH_WATER / 2) {
        this.paused = false;
        this.ws?.resume();
      }
      return Promise.resolve({ done: false, value: event });
    }
    if (this.ended) return this.ended.error === undefined ? Promise.resolve({ done: true, value: undefined }) : Promise.reject(this.ended.error);
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  private async runHandler(handler: EventHandler): Promise<void> {
    for (;;) {
      let result: IteratorResult<BifrostEvent>;
      try {
        result = await this.next();
      } catch {
        return; // the end is reported through `done` and onError
      }
      if (result.done) return;
      try {
        await handler(result.value);
      } catch (err) {
        if (this.options.onError) this.options.onError(err, result.value);
        else {
          // Not delivered: a program that resumes from lastSeq sees this event again.
          this.delivered = result.value.seq - 1;
          this.finish(err);
          return;
        }
      }
    }
  }

  private push(event: BifrostEvent): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      this.delivered = event.seq;
      w.resolve({ done: false, value: event });
      return;
    }
    this.queue.push(event);
    if (!this.paused && this.queue.length >= HIGH_WATER) {
      this.paused = true;
      this.ws?.pause();
    }
  }

  private state(state: SubscriptionState, detail?: { error?: Error; delayMs?: number }): void {
    this.options.onState?.(state, detail);
  }

  private connect(): void {
    if (this.ended) return;
    if (this.received === undefined) {
      this.state('connecting');
      this.startingPoint().then(
        () => this.connect(),
        (err: unknown) => {
          if (this.ended) return;
          const status = (err as BifrostError).status;
          if (FATAL_STATUSES.has(status)) return this.finish(err);
          const delayMs = (err as BifrostError).retryAfterMs ?? backoffMs(this.attempt++, this.options.minReconnectDelayMs ?? 250, this.options.maxReconnectDelayMs ?? 10_000);
          this.state('reconnecting', { error: err instanceof Error ? err : undefined, delayMs });
          this.reconnectTimer = setTimeout(() => {
            this.reconnectTimer = null;
            this.connect();
          }, delayMs);
        },
      );
      return;
    }
    const o = this.options;
    const url = this.http
      .url('/v1/events/ws', { after: this.received, types: o.types?.join(','), platforms: o.platforms?.join(',') })
      .replace(/^http/, 'ws');
    this.state('connecting');
    const ws = new WebSocket(url, { headers: { ...this.http.headers }, handshakeTimeout: 15_000 });
    this.ws = ws;
    let upgradeError: BifrostError | undefined;
    let lastError: Error | undefined;
    let alive = true;
    let ping: ReturnType<typeof setInterval> | undefined;

    ws.on('open', () => {
      this.attempt = 0;
      this.state('open');
      ping = setInterval(() => {
        // No pong since the last ping: the connection is dead without having said so.
        if (!alive) return ws.terminate();
        alive = false;
        ws.ping();
      }, o.pingIntervalMs ?? 30_000);
      ping.unref?.();
    });
    ws.on('pong', () => {
      alive = true;
    });
    ws.on('message', (raw) => {
      let event: BifrostEvent;
      try {
        event = JSON.parse(raw.toString()) as BifrostEvent;
      } catch {
        return;
      }
      if (typeof event?.seq !== 'number') return;
      // Bifrost sends each seq once per stream; after a reconnect nothing at or before `received` is wanted.
      if (this.received !== undefined && event.seq <= this.received) return;
      this.received = event.seq;
      this.push(event);
    });
    ws.on('unexpected-response', (_req, res: IncomingMessage) => {
      readBody(res).then((body) => {
        upgradeError = upgradeErrorOf(res, body);
        ws.terminate();
      });
    });
    ws.on('error', (err) => {
      lastError = err;
    });
    ws.on('close', () => {
      if (ping) clearInterval(ping);
      if (this.ws === ws) this.ws = null;
      if (this.ended) return;
      if (upgradeError && FATAL_STATUSES.has(upgradeError.status)) return this.finish(upgradeError);
      const delayMs = upgradeError?.retryAfterMs ?? backoffMs(this.attempt++, o.minReconnectDelayMs ?? 250, o.maxReconnectDelayMs ?? 10_000);
      this.state('reconnecting', { error: upgradeError ?? lastError, delayMs });
      this.reconnectTimer = setTimeout(() => {
        this.reconnectTimer = null;
        this.connect();
      }, delayMs);
    });
  }

  private finish(error?: unknown): void {
    if (this.ended) return;
    this.ended = error === undefined ? {} : { error };
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      if (ws.readyState === WebSocket.OPEN) ws.close(1000);
      else ws.terminate();
    }
    if (error === undefined) this.queue.length = 0;
    const w = this.waiter;
    this.waiter = null;
    if (w) {
      if (error === undefined) w.resolve({ done: true, value: undefined });
      else w.reject(error);
    }
    this.state('closed', error instanceof Error ? { error } : undefined);
    if (error === undefined) this.settle.resolve();
    else {
      this.options.onError?.(error);
      this.settle.reject(error);
    }
  }
}

function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', () => resolve(''));
  });
}

function upgradeErrorOf(res: IncomingMessage, body: string): BifrostError {
  const status = res.statusCode ?? 0;
  const header = res.headers['retry-after'];
  const retryAfterMs = parseRetryAfter(Array.isArray(header) ? header[0] : header);
  try {
    const err = (JSON.parse(body) as { error?: { code?: string; message?: string; details?: Record<string, unknown> } }).error;
    if (err?.code && err.message) return errorFor({ status, code: err.code, message: `GET /v1/events/ws: ${err.message}`, details: err.details, retryAfterMs });
  } catch {
    // not Bifrost's error body: described by its status below
  }
  return errorFor({ status, code: status >= 500 ? 'UNAVAILABLE' : 'HTTP_ERROR', message: `GET /v1/events/ws: HTTP ${status}`, retryAfterMs });
}
