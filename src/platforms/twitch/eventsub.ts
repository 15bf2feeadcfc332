/**
 * The Twitch live connector (`twitch.eventsub`): one EventSub WebSocket session per channel. It waits
 * for `session_welcome`, creates the channel's subscriptions through Helix with the session id and the
 * channel's user token (skipping the types the grant has no scope for), treats silence longer than the
 * welcome's keepalive timeout (plus a margin) as a dead connection, follows `session_reconnect` to the
 * new URL while keeping the old socket until the new welcome (subscriptions move with the session),
 * reports revocations, and hands every notification to the log normalised (source id = message_id).
 * Notifications are stored in order, one append at a time, each append taking every notification that
 * arrived while the previous one was being stored (group commit): a burst costs a few transactions, not
 * one per message, and a slow store never holds up reading the socket.
 */
import WebSocket from 'ws';
import { ConnectorGaveUp, type Connector, type ConnectorContext, type IncomingEvent } from '../event-types.ts';
import { EVENTSUB_TYPES, eventSubFrame, eventSubSession, eventSubSubscription, helixSubscriptionList, normaliseEventSub, type EventSubFrame } from './eventsub-wire.ts';

export const TWITCH_EVENTSUB_SOURCE = 'twitch.eventsub' as const;

export interface EventSubConnectorOptions {
  /** Added to the welcome's keepalive timeout before the connection counts as dead (default 5 s). */
  keepaliveMarginMs?: number;
  /** How long to wait for session_welcome after connecting (default 15 s). */
  welcomeTimeoutMs?: number;
}

/** Message ids remembered to drop a redelivery (Twitch delivers at least once). */
const RECENT_IDS = 2000;
/** Most notifications in one append (one transaction). */
const MAX_BATCH = 500;
const SILENCE = 'Twitch EventSub sent no keepalive in time';

/** A frame as EventSub's envelope, or null (not JSON, not EventSub: ignored). */
function parseFrame(text: string): EventSubFrame | null {
  try {
    return eventSubFrame.parse(JSON.parse(text));
  } catch {
    return null;
  }
}

/** `http(s)://` (a fake's or sandbox's endpoint) as `ws(s)://`; `wss://` unchanged. */
export function webSocketUrl(url: string): string {
  return url.replace(/^http(s?):\/\//i, 'ws$1://');
}

/** A Helix call with the channel's user token: a 401 asks for one forced refresh and is tried once more. */
async function helix(ctx: ConnectorContext, method: string, url: string, body?: unknown): Promise<Response> {
  let token = await ctx.accessToken();
  for (let attempt = 0; ; attempt++) {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'client-id': ctx.credentials.clientId };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await ctx.fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: ctx.signal });
    if (res.status !== 401 || attempt > 0) return res;
    await res.body?.cancel();
    token = await ctx.tokenRejected();
  }
}

/** Helix's `message` from an error body, for a state reason (it carries no token). */
async function helixMessage(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { message?: unknown } | null;
  return typeof body?.message === 'string' ? body.message : `HTTP ${res.status}`;
}

interface CursorState {
  subscriptions: string[];
}

async function readCursor(ctx: ConnectorContext): Promise<CursorState> {
  try {
    const parsed = JSON.parse((await ctx.cursor.get()) ?? '{}') as Partial<CursorState>;
    return { subscriptions: Array.isArray(parsed.subscriptions) ? parsed.subscriptions.filter((s): s is string => typeof s === 'string') : [] };
  } catch {
    return { subscriptions: [] };
  }
}

/** Creates every subscription the grant allows on `sessionId`; returns the ids created and why others were skipped. */
async function subscribeAll(ctx: ConnectorContext, sessionId: string): Promise<{ ids: string[]; skipped: string[] }> {
  const url = `${ctx.baseUrls.api}/eventsub/subscriptions`;
  const broadcaster = ctx.channel.platformUserId;
  const ids: string[] = [];
  const skipped: string[] = [];
  for (const t of EVENTSUB_TYPES) {
    const res = await helix(ctx, 'POST', url, { type: t.type, version: t.version, condition: t.condition(broadcaster), transport: { method: 'websocket', session_id: sessionId } });
    if (res.status === 202 || res.status === 200) {
      const parsed = helixSubscriptionList.safeParse(await res.json().catch(() => null));
      if (parsed.success && parsed.data.data[0]) ids.push(parsed.data.data[0].id);
      continue;
    }
    if (res.status === 409) {
      await res.body?.cancel(); // already there on this session
      continue;
    }
    if (res.status === 403) {
      await res.body?.cancel();
      skipped.push(t.scopes.length > 0 ? `${t.type} (needs ${t.scopes.join(' or ')})` : t.type);
      continue;
    }
    if (res.status === 400) {
      skipped.push(`${t.type} (${await helixMessage(res)})`);
      continue;
    }
    throw new Error(`Twitch refused the ${t.type} subscription: ${await helixMessage(res)}`);
  }
  return { ids, skipped };
}

/** One run: a session (and, during a reconnect, its successor socket) until it ends. */
class EventSubRun {
  private current: WebSocket | null = null;
  private next: WebSocket | null = null;
  private sessionId: string | null = null;
  private keepaliveMs = 0;
  private timer: NodeJS.Timeout | null = null;
  private queue: Promise<void> = Promise.resolve();
  /** Notifications received and not yet handed to the log, oldest first. */
  private pending: IncomingEvent[] = [];
  /** The loop storing `pending`, while it runs. */
  private storing: Promise<void> | null = null;
  private readonly recent = new Set<string>();
  private readonly subscriptions = new Set<string>();
  private skipped: string[] = [];
  private revoked: string[] = [];
  private finished = false;
  private settle!: { resolve: () => void; reject: (err: unknown) => void };
  readonly done: Promise<void>;

  constructor(
    private readonly ctx: ConnectorContext,
    private readonly options: Required<EventSubConnectorOptions>,
  ) {
    this.done = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
  }

  start(): void {
    if (this.ctx.signal.aborted) return this.finish();
    this.ctx.signal.addEventListener('abort', () => this.finish(), { once: true });
    this.ctx.setState({ state: 'connecting' });
    this.current = this.open(webSocketUrl(this.ctx.baseUrls.eventsub!));
    this.arm(this.options.welcomeTimeoutMs, 'no session_welcome from Twitch EventSub');
  }

  private open(url: string): WebSocket {
    const ws = new WebSocket(url);
    ws.on('message', (raw) => {
      if (ws === this.current) this.arm(this.keepaliveMs, SILENCE);
      const frame = parseFrame(String(raw));
      if (!frame) return;
      if (frame.metadata.message_type === 'notification') {
        // Stored even after the connection ended (Twitch will not send it again), unless this connection was stopped.
        try {
          if (!this.ctx.signal.aborted) this.notification(frame);
        } catch (err) {
          this.fail(err); // as any other frame that cannot be handled
        }
        return;
      }
      this.enqueue(async () => {
        await this.handle(ws, frame);
        // Still working through what arrived is not silence: the keepalive clock starts when it is done.
        if (ws === this.current && !this.finished && this.keepaliveMs > 0) this.arm(this.keepaliveMs, SILENCE);
      });
    });
    ws.on('error', () => {}); // followed by close
    ws.on('close', (code) => {
      // A socket replaced after a reconnect closing is expected; the live one or its successor closing is not.
      if (ws === this.current) this.fail(new Error(`Twitch EventSub closed the connection (${code})`));
      else if (ws === this.next) this.fail(new Error(`Twitch EventSub reconnect URL closed before its welcome (${code})`));
    });
    return ws;
  }

  /**
   * (Re)starts the silence timer. While notifications are being stored the socket is not silent, we
   * are busy (a slow store, a burst): the clock starts again instead, and once more when the backlog is done.
   */
  private arm(ms: number, reason: string): void {
    if (this.timer) clearTimeout(this.timer);
    if (ms > 0) this.timer = setTimeout(() => (this.storing ? this.arm(ms, reason) : this.fail(new Error(reason))), ms);
  }

  private enqueue(step: () => Promise<void>): void {
    this.queue = this.queue.then(step).catch((err) => this.fail(err));
  }

  /** Frames other than notifications, one at a time in arrival order. */
  private async handle(ws: WebSocket, frame: EventSubFrame): Promise<void> {
    if (this.finished) return;
    switch (frame.metadata.message_type) {
      case 'session_welcome':
        return this.welcome(ws, frame);
      case 'session_reconnect':
        return this.reconnect(ws, frame);
      case 'revocation':
        return this.revocation(frame);
      default:
        return; // session_keepalive: the timer was re-armed on arrival
    }
  }

  private async welcome(ws: WebSocket, frame: EventSubFrame): Promise<void> {
    const session = eventSubSession.parse(frame.payload.session);
    this.keepaliveMs = (session.keepalive_timeout_seconds ?? 10) * 1000 + this.options.keepaliveMarginMs;
    if (ws === this.next) {
      // The new connection is up: the subscriptions moved with the session; the old socket can go.
      const old = this.current;
      this.current = ws;
      this.next = null;
      this.sessionId = session.id;
      old?.close(1000);
      this.arm(this.keepaliveMs, SILENCE);
      return;
    }
    if (ws !== this.current || this.sessionId !== null) return;
    this.sessionId = session.id;
    this.arm(this.keepaliveMs, SILENCE);
    const { ids, skipped } = await subscribeAll(this.ctx, session.id);
    if (this.finished) return;
    for (const id of ids) this.subscriptions.add(id);
    this.skipped = skipped;
    await this.ctx.cursor.set(JSON.stringify({ subscriptions: ids } satisfies CursorState));
    if (ids.length === 0) throw new ConnectorGaveUp(`Twitch accepted no subscription: ${skipped.join('; ')}`);
    this.reportState();
  }

  private reportState(): void {
    const notes = [
      ...(this.skipped.length > 0 ? [`skipped for missing scope or refusal: ${this.skipped.join('; ')}`] : []),
      ...(this.revoked.length > 0 ? [`revoked by Twitch: ${this.revoked.join('; ')}`] : []),
    ];
    this.ctx.setState(notes.length > 0 ? { state: 'connected', reason: notes.join('. ') } : { state: 'connected' });
  }

  private async reconnect(ws: WebSocket, frame: EventSubFrame): Promise<void> {
    if (ws !== this.current) return;
    const session = eventSubSession.parse(frame.payload.session);
    if (!session.reconnect_url) throw new Error('Twitch EventSub asked to reconnect without a URL');
    // Keep the old socket (it may still deliver) until the new one says welcome.
    this.next?.terminate();
    this.next = this.open(session.reconnect_url);
  }

  private notification(frame: EventSubFrame): void {
    const id = frame.metadata.message_id;
    if (this.recent.has(id)) return;
    this.recent.add(id);
    if (this.recent.size > RECENT_IDS) this.recent.delete(this.recent.values().next().value!);
    const sub = eventSubSubscription.safeParse(frame.payload.subscription);
    const type = frame.metadata.subscription_type ?? (sub.success ? sub.data.type : '');
    const event = frame.payload.event;
    if (!event || typeof event !== 'object') return;
    const normalised = normaliseEventSub(type, event as Record<string, unknown>);
    if (!normalised) return;
    const occurredAt = Date.parse(frame.metadata.message_timestamp);
    const incoming = { ...normalised, sourceId: id, occurredAt: Number.isFinite(occurredAt) ? occurredAt : this.ctx.now() } as IncomingEvent;
    this.pending.push(incoming);
    // Started after the current socket read is parsed, so the frames of one read share the first append.
    this.storing ??= Promise.resolve()
      .then(() => this.store())
      .finally(() => (this.storing = null));
  }

  /** Hands `pending` to the log until it is empty, each append taking what arrived meanwhile. */
  private async store(): Promise<void> {
    try {
      while (this.pending.length > 0 && !this.ctx.signal.aborted) {
        const batch = this.pending.splice(0, MAX_BATCH);
        await this.ctx.emit(TWITCH_EVENTSUB_SOURCE, batch);
      }
    } catch (err) {
      this.fail(err);
      this.pending = [];
      return;
    }
    this.pending = []; // left only when this connection was stopped
    if (!this.finished && this.keepaliveMs > 0) this.arm(this.keepaliveMs, SILENCE);
  }

  private async revocation(frame: EventSubFrame): Promise<void> {
    const sub = eventSubSubscription.parse(frame.payload.subscription);
    this.subscriptions.delete(sub.id);
    this.revoked.push(`${sub.type} (${sub.status})`);
    const remaining = [...this.subscriptions];
    await this.ctx.cursor.set(JSON.stringify({ subscriptions: remaining } satisfies CursorState));
    if (remaining.length === 0) throw new ConnectorGaveUp(`Twitch revoked every subscription: ${this.revoked.join('; ')}`);
    this.reportState();
  }

  private fail(err: unknown): void {
    if (this.finished) return;
    this.finish(err);
  }

  private finish(err?: unknown): void {
    if (this.finished) return;
    this.finished = true;
    if (this.timer) clearTimeout(this.timer);
    for (const ws of [this.current, this.next]) ws?.terminate();
    // The run ends once the notifications already received are stored.
    const settle = () => (err === undefined || this.ctx.signal.aborted ? this.settle.resolve() : this.settle.reject(err));
    void this.drained().then(settle, settle);
  }

  private async drained(): Promise<void> {
    await this.queue;
    while (this.storing) await this.storing;
  }
}

export function createTwitchEventSubConnector(options: EventSubConnectorOptions = {}): Connector {
  const resolved = { keepaliveMarginMs: options.keepaliveMarginMs ?? 5000, welcomeTimeoutMs: options.welcomeTimeoutMs ?? 15_000 };
  return {
    async run(ctx) {
      const run = new EventSubRun(ctx, resolved);
      run.start();
      await run.done;
    },
    async unsubscribe(ctx) {
      const { subscriptions } = await readCursor(ctx);
      for (const id of subscriptions) {
        const res = await helix(ctx, 'DELETE', `${ctx.baseUrls.api}/eventsub/subscriptions?id=${encodeURIComponent(id)}`);
        await res.body?.cancel();
      }
      await ctx.cursor.set(null);
    },
  };
}
