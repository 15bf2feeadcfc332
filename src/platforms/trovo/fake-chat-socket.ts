/**
 * Fake Trovo chat service, for tests and sandbox mode: `GET /openplatform/chat/channel-token/{id}`
 * (Client-ID required; the token lives 20 seconds), the chat WebSocket at `/chat` (RESPONSE to AUTH,
 * refusal and close for a bad token, PONG with the advised `gap`, the recent-history CHAT frame on
 * connect, then a CHAT frame per message), `emit(type, fields)` in-process and `POST /events`
 * `{type, …}` (sandbox's control) over HTTP.
 */
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { FakeAuthServer } from '../fake/auth-server.ts';
import { mountFakeSocket } from '../fake/socket-route.ts';
import type { FakeKnobs } from '../fake/types.ts';
import { TROVO_CHAT_TYPES } from './chat-socket-wire.ts';
import type { TrovoFakeKnobs } from './fake.ts';

export interface FakeTrovoChatKnobs {
  /** Seconds advised in PONG for the next PING. */
  gapSeconds: number;
  /** Messages kept per channel and replayed in the first CHAT frame of a connection. */
  historySize: number;
  /** PINGs are not answered (the client's PONG wait fires). */
  answerPings: boolean;
}

const DEFAULT_KNOBS: FakeTrovoChatKnobs = { gapSeconds: 30, historySize: 20, answerPings: true };
const CHAT_TOKEN_MS = 20_000;

/** Bifrost event names the control accepts, and the Trovo chat type each is sent as. */
const ALIASES: Readonly<Record<string, number>> = {
  'chat.message': TROVO_CHAT_TYPES.normal,
  follow: TROVO_CHAT_TYPES.follow,
  subscription: TROVO_CHAT_TYPES.subscription,
  'subscription.gift': TROVO_CHAT_TYPES.giftSubRandom,
  cheer: TROVO_CHAT_TYPES.spell,
  spell: TROVO_CHAT_TYPES.spell,
  'reward.redemption': TROVO_CHAT_TYPES.customSpell,
  raid: TROVO_CHAT_TYPES.raid,
};

const VIEWER = { sender_id: 200000041, uid: 200000041, nick_name: 'SandboxViewer', user_name: 'sandbox_viewer', avatar: '' };

function content(type: number, f: Record<string, unknown>): string {
  if (typeof f.content === 'string') return f.content;
  switch (type) {
    case TROVO_CHAT_TYPES.spell:
      return JSON.stringify({ gift: String(f.gift ?? 'Cheer'), gift_id: 1, num: Number(f.num ?? 1), gift_value: Number(f.gift_value ?? 100), value_type: String(f.value_type ?? 'Elixir') });
    case TROVO_CHAT_TYPES.customSpell:
      return JSON.stringify({ gift: String(f.gift ?? 'Hydrate'), gift_id: 'spell-hydrate', num: Number(f.num ?? 1), gift_value: Number(f.gift_value ?? 50), value_type: 'Mana' });
    case TROVO_CHAT_TYPES.giftSubRandom:
      return String(f.count ?? 5);
    case TROVO_CHAT_TYPES.raid:
      return `${String(f.viewers ?? 42)}`;
    case TROVO_CHAT_TYPES.follow:
      return 'followed the channel';
    case TROVO_CHAT_TYPES.subscription:
      return 'subscribed';
    default:
      return String(f.text ?? 'hello from the sandbox');
  }
}

interface Client {
  ws: WebSocket;
  channelId: string | null;
}

export class FakeTrovoChat {
  readonly knobs: FakeTrovoChatKnobs;
  readonly counters = { tokens: 0, connections: 0, auths: 0, refusedAuths: 0, pings: 0 };
  private readonly tokens = new Map<string, { channelId: string; expiresAt: number }>();
  private readonly history = new Map<string, object[]>();
  private readonly clients = new Set<Client>();

  constructor(
    private readonly auth: FakeAuthServer<FakeKnobs>,
    knobs: Partial<FakeTrovoChatKnobs> = {},
  ) {
    this.knobs = { ...DEFAULT_KNOBS, ...knobs };
  }

  issueToken(channelId: string): string {
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, { channelId, expiresAt: this.auth.now() + CHAT_TOKEN_MS });
    this.counters.tokens++;
    return token;
  }

  attach(ws: WebSocket): void {
    this.counters.connections++;
    const client: Client = { ws, channelId: null };
    this.clients.add(client);
    ws.on('close', () => this.clients.delete(client));
    ws.on('message', (raw) => {
      let frame: { type?: unknown; nonce?: unknown; data?: { token?: unknown } };
      try {
        frame = JSON.parse(String(raw));
      } catch {
        return;
      }
      if (frame.type === 'AUTH') {
        const rec = this.tokens.get(String(frame.data?.token ?? ''));
        if (!rec || rec.expiresAt <= this.auth.now()) {
          this.counters.refusedAuths++;
          ws.send(JSON.stringify({ type: 'RESPONSE', nonce: frame.nonce, error: 'invalid token' }));
          return void ws.close(1008, 'auth failed');
        }
        this.counters.auths++;
        client.channelId = rec.channelId;
        ws.send(JSON.stringify({ type: 'RESPONSE', nonce: frame.nonce }));
        const backlog = this.history.get(rec.channelId) ?? [];
        if (backlog.length > 0) ws.send(JSON.stringify(this.chatFrame(rec.channelId, backlog)));
      } else if (frame.type === 'PING') {
        this.counters.pings++;
        if (this.knobs.answerPings) ws.send(JSON.stringify({ type: 'PONG', nonce: frame.nonce, data: { gap: this.knobs.gapSeconds } }));
      }
    });
  }

  private chatFrame(channelId: string, chats: object[]): object {
    return { type: 'CHAT', channel_info: { channel_id: channelId }, data: { eid: randomBytes(8).toString('hex'), chats } };
  }

  /**
   * A chat of `type` (a Trovo chat type number or a Bifrost event name) in `channelId` (default: the
   * default user's channel), sent to every authenticated client there and kept as history. Returns its message id.
   */
  emit(type: string | number, fields: Record<string, unknown> = {}, channelId?: string): string {
    const numeric = typeof type === 'number' ? type : (ALIASES[type] ?? Number(type));
    const channel = channelId ?? this.auth.findUser(undefined)?.channelId ?? '0';
    const messageId = String(fields.message_id ?? `${Date.now()}_${randomBytes(6).toString('hex')}`);
    const chat = { type: numeric, content: content(numeric, fields), ...VIEWER, message_id: messageId, send_time: Math.floor(this.auth.now() / 1000), roles: [], medals: [], ...fields };
    const kept = this.history.get(channel) ?? [];
    kept.push(chat);
    this.history.set(channel, kept.slice(-this.knobs.historySize));
    for (const c of this.clients) if (c.channelId === channel && c.ws.readyState === 1) c.ws.send(JSON.stringify(this.chatFrame(channel, [chat])));
    return messageId;
  }

  /** Drops every connection without a close frame. */
  drop(): void {
    for (const c of this.clients) c.ws.terminate();
  }

  close(): void {
    this.drop();
  }

  /** Whether a control call's type is one the fake sends. */
  knows(type: unknown): boolean {
    return typeof type === 'string' && (type in ALIASES || Object.values(TROVO_CHAT_TYPES).includes(Number(type) as never));
  }
}

/**
 * Registers the chat service on `app` (the Trovo fake's own scope): the chat-token endpoint, the
 * WebSocket at `/chat` and `POST /events`. `socketRoute: false` when `GET /chat` already answers
 * something else there (the chat recorder's listing): upgrades on that path are still taken over.
 */
export function registerTrovoChatSocket(app: FastifyInstance, chat: FakeTrovoChat, routeConfig: Record<string, unknown>, options: { socketRoute?: boolean } = {}): void {
  mountFakeSocket(app, '/chat', routeConfig, (ws) => chat.attach(ws), { route: options.socketRoute ?? true });
  app.addHook('onClose', async () => chat.close());
  app.get<{ Params: { channelId: string } }>('/openplatform/chat/channel-token/:channelId', { config: routeConfig }, async (request, reply) => {
    const clientId = request.headers['client-id'];
    if (typeof clientId !== 'string' || clientId === '') return reply.code(400).send({ status: 11702, error: 'invalidHeader', message: 'Client-ID is missing in the request header.' });
    if (!/^\d+$/.test(request.params.channelId)) return reply.code(400).send({ status: 1002, error: 'invalidParameters', message: 'Invalid parameters.' });
    return reply.send({ token: chat.issueToken(request.params.channelId) });
  });
  app.post('/events', { config: routeConfig }, async (request, reply) => {
    const { type, channel_id, ...fields } = (request.body ?? {}) as Record<string, unknown>;
    if (!chat.knows(type)) return reply.code(400).send({ status: 1002, error: 'invalidParameters', message: `type must be one of ${Object.keys(ALIASES).join(', ')} or a Trovo chat type number` });
    const id = chat.emit(String(type), fields, typeof channel_id === 'string' ? channel_id : undefined);
    return reply.code(202).send({ message_id: id });
  });
}

export interface FakeTrovoChatHandle {
  url: string;
  baseUrls: Record<string, string>;
  chat: FakeTrovoChat;
  close(): Promise<void>;
}

/** The chat service alone on 127.0.0.1 (its own token state; the chat token needs only a Client-ID). */
export async function startFakeTrovoChat(knobs: Partial<FakeTrovoChatKnobs> = {}): Promise<FakeTrovoChatHandle> {
  const { trovoFake } = await import('./fake.ts');
  const state = new FakeAuthServer<TrovoFakeKnobs>(trovoFake);
  const chat = new FakeTrovoChat(state, knobs);
  const app = Fastify({ logger: false, forceCloseConnections: true });
  registerTrovoChatSocket(app, chat, {});
  const url = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
  return { url, baseUrls: trovoFake.baseUrls(url), chat, close: () => app.close() };
}
