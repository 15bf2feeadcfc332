/**
 * The Trovo live connector (`trovo.chat`): learns the channel id once (getuserinfo with the channel's
 * token), gets a chat token for the channel (valid for seconds, so one per connection), connects to
 * the chat WebSocket, authenticates with AUTH and a nonce, sends PING on the gap the server advises in
 * each PONG (a PONG that does not come ends the connection), skips the catch-up frame Trovo sends on
 * connect (history, not new events) and hands each new chat to the log normalised, with Trovo's
 * message id as the source id.
 */
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import type { Connector, ConnectorContext, IncomingEvent } from '../event-types.ts';
import { normaliseTrovoChat, trovoChat, trovoFrame, type TrovoChat } from './chat-socket-wire.ts';

export const TROVO_CHAT_SOURCE = 'trovo.chat' as const;

export interface TrovoChatConnectorOptions {
  /** How long a PING (or AUTH) may wait for its answer (default 15 s). */
  answerTimeoutMs?: number;
  /** PING interval until a PONG advises one (default 30 s, what clients use). */
  defaultGapMs?: number;
}

const nonce = () => randomBytes(12).toString('base64url');

/** `http(s)://` (a fake's or sandbox's endpoint) as `ws(s)://`. */
const webSocketUrl = (url: string) => url.replace(/^http(s?):\/\//i, 'ws$1://');

/** A chat token for the channel: `GET …/chat/channel-token/{channel_id}` needs only the Client-ID. */
async function chatToken(ctx: ConnectorContext, channelId: string): Promise<string> {
  const res = await ctx.fetch(`${ctx.baseUrls.api}/chat/channel-token/${encodeURIComponent(channelId)}`, {
    headers: { accept: 'application/json', 'client-id': ctx.credentials.clientId },
    signal: ctx.signal,
  });
  const body = (await res.json().catch(() => null)) as { token?: unknown; status?: unknown; message?: unknown } | null;
  if (res.ok && typeof body?.token === 'string' && body.token !== '') return body.token;
  const message = typeof body?.message === 'string' ? body.message : `HTTP ${res.status}`;
  throw new Error(`Trovo gave no chat token: ${message}`);
}

/**
 * The channel id (it differs from the user id): from the context when it has it, else from the
 * cursor, else `GET /getuserinfo` with the channel's token (`OAuth` scheme and Client-ID), kept in the
 * cursor. A rejected token asks for one forced refresh and is tried once more.
 */
async function channelIdOf(ctx: ConnectorContext): Promise<string> {
  if (ctx.channel.channelId) return ctx.channel.channelId;
  const saved = await ctx.cursor.get();
  if (saved && /^\d+$/.test(saved)) return saved;
  let token = await ctx.accessToken();
  for (let attempt = 0; ; attempt++) {
    const res = await ctx.fetch(`${ctx.baseUrls.api}/getuserinfo`, { headers: { accept: 'application/json', 'client-id': ctx.credentials.clientId, authorization: `OAuth ${token}` }, signal: ctx.signal });
    const body = (await res.json().catch(() => null)) as { channelId?: unknown; status?: unknown; error?: unknown; message?: unknown } | null;
    const channelId = typeof body?.channelId === 'string' || typeof body?.channelId === 'number' ? String(body.channelId) : '';
    if (res.ok && channelId !== '') {
      await ctx.cursor.set(channelId);
      return channelId;
    }
    // Trovo's envelope names a dead token (11703 invalidAccessToken), with a 401 or perhaps a 200.
    const tokenDead = res.status === 401 || /access ?token/i.test(String(body?.error ?? ''));
    if (tokenDead && attempt === 0) {
      token = await ctx.tokenRejected();
      continue;
    }
    throw new Error(`Trovo did not say the channel id: ${typeof body?.message === 'string' ? body.message : `HTTP ${res.status}`}`);
  }
}

class TrovoChatRun {
  private ws: WebSocket | null = null;
  private authNonce = '';
  private authed = false;
  private firstChat = true;
  private authedAt = 0;
  private answerTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private gapMs: number;
  private queue: Promise<void> = Promise.resolve();
  private finished = false;
  private settle!: { resolve: () => void; reject: (err: unknown) => void };
  readonly done: Promise<void>;

  constructor(
    private readonly ctx: ConnectorContext,
    private readonly options: Required<TrovoChatConnectorOptions>,
  ) {
    this.gapMs = options.defaultGapMs;
    this.done = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
  }

  async start(): Promise<void> {
    if (this.ctx.signal.aborted) return this.finish();
    this.ctx.signal.addEventListener('abort', () => this.finish(), { once: true });
    this.ctx.setState({ state: 'connecting' });
    const token = await chatToken(this.ctx, await channelIdOf(this.ctx));
    if (this.finished) return;
    const ws = new WebSocket(webSocketUrl(this.ctx.baseUrls.chat!));
    this.ws = ws;
    ws.on('open', () => {
      this.authNonce = nonce();
      ws.send(JSON.stringify({ type: 'AUTH', nonce: this.authNonce, data: { token } }));
      this.expectAnswer('Trovo chat did not answer AUTH');
    });
    ws.on('message', (raw) => (this.queue = this.queue.then(() => this.handle(String(raw))).catch((err) => this.finish(err))));
    ws.on('error', () => {}); // followed by close
    ws.on('close', (code) => this.finish(new Error(`Trovo chat closed the connection (${code})`)));
  }

  private expectAnswer(reason: string): void {
    if (this.answerTimer) clearTimeout(this.answerTimer);
    this.answerTimer = setTimeout(() => this.finish(new Error(reason)), this.options.answerTimeoutMs);
  }

  private ping(): void {
    if (this.finished || this.ws?.readyState !== WebSocket.OPEN) return;
    this.ws.send(JSON.stringify({ type: 'PING', nonce: nonce() }));
    this.expectAnswer('Trovo chat did not answer PING');
  }

  private async handle(text: string): Promise<void> {
    if (this.finished) return;
    let frame;
    try {
      frame = trovoFrame.parse(JSON.parse(text));
    } catch {
      return;
    }
    switch (frame.type) {
      case 'RESPONSE': {
        if (frame.nonce !== this.authNonce || this.authed) return;
        if (this.answerTimer) clearTimeout(this.answerTimer);
        if (frame.error) throw new Error(`Trovo chat refused AUTH: ${frame.error}`);
        this.authed = true;
        this.authedAt = this.ctx.now();
        this.ctx.setState({ state: 'connected' });
        this.ping();
        return;
      }
      case 'PONG': {
        if (this.answerTimer) clearTimeout(this.answerTimer);
        const gap = Number(frame.data?.gap);
        // The server advises the next PING's delay in seconds.
        if (Number.isFinite(gap) && gap > 0) this.gapMs = gap * 1000;
        if (this.pingTimer) clearTimeout(this.pingTimer);
        this.pingTimer = setTimeout(() => this.ping(), this.gapMs);
        return;
      }
      case 'CHAT':
        return this.chats(frame.data?.chats);
      default:
        return;
    }
  }

  private async chats(raw: unknown): Promise<void> {
    if (!this.authed || !Array.isArray(raw)) return;
    const chats = raw.map((c) => trovoChat.safeParse(c)).flatMap((p) => (p.success ? [p.data] : []));
    const first = this.firstChat;
    this.firstChat = false;
    // The first frame after connecting replays recent chat: several messages, or ones sent before the
    // connection (send_time is in whole seconds, hence the second of slack).
    if (first && (chats.length > 1 || chats.every((c) => (c.send_time ?? Infinity) * 1000 < this.authedAt - 1000))) return;
    const events = chats.flatMap((c) => this.toEvent(c));
    if (events.length > 0) await this.ctx.emit(TROVO_CHAT_SOURCE, events);
  }

  private toEvent(chat: TrovoChat): IncomingEvent[] {
    const n = normaliseTrovoChat(chat);
    if (!n) return [];
    const occurredAt = chat.send_time !== undefined ? chat.send_time * 1000 : this.ctx.now();
    return [{ ...n, sourceId: chat.message_id, occurredAt } as IncomingEvent];
  }

  finish(err?: unknown): void {
    if (this.finished) return;
    this.finished = true;
    for (const t of [this.answerTimer, this.pingTimer]) if (t) clearTimeout(t);
    this.ws?.terminate();
    if (err === undefined || this.ctx.signal.aborted) this.settle.resolve();
    else this.settle.reject(err);
  }
}

export function createTrovoChatConnector(options: TrovoChatConnectorOptions = {}): Connector {
  const resolved = { answerTimeoutMs: options.answerTimeoutMs ?? 15_000, defaultGapMs: options.defaultGapMs ?? 30_000 };
  return {
    async run(ctx) {
      const run = new TrovoChatRun(ctx, resolved);
      await run.start().catch((err) => run.finish(err));
      await run.done;
    },
  };
}
