/**
 * Fake Kick webhooks: the event subscriptions API (`GET`/`POST`/`DELETE /public/v1/events/subscriptions`),
 * the public-key endpoint serving the public half of an RSA pair made at start, and a sender that
 * builds a delivery the way Kick does (headers, ULID-like message id, RFC 3339 timestamp, RSA-SHA256
 * signature over `<id>.<timestamp>.<body>`) and POSTs it to the configured webhook URL [K5].
 * Knobs: a bad signature, a stale timestamp, a redelivery of the same message, an unknown
 * subscription id. `emit(type, fields)` or `POST …/events` `{type, …}` sends one.
 */
import { createSign, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import Fastify, { type FastifyPluginAsync, type FastifyReply } from 'fastify';
import { authToken, param } from '../fake/plugin-kit.ts';
import { KICK_WEBHOOK_EVENTS } from './webhook-wire.ts';

export interface FakeKickWebhookKnobs {
  /** Where deliveries go (Bifrost's `/v1/ingest/kick`). */
  targetUrl: string | null;
  badSignature: boolean;
  /** Timestamp this many seconds in the past. */
  staleSeconds: number;
  /** Send each delivery this many extra times, same message id (Kick delivers at least once). */
  redeliveries: number;
  /** Use a subscription id Kick never issued. */
  unknownSubscription: boolean;
}

export interface FakeSubscription {
  id: string;
  event: string;
  version: number;
  broadcaster_user_id: number;
  method: 'webhook';
  app_id: string;
  created_at: string;
  updated_at: string;
}

export interface Delivery {
  messageId: string;
  subscriptionId: string;
  type: string;
  statuses: number[];
}

type Send = (url: string, init: { method: 'POST'; headers: Record<string, string>; body: string }) => Promise<{ status: number }>;

const person = (id: number, name: string) => ({ is_anonymous: false, user_id: id, username: name, is_verified: false, profile_picture: '', channel_slug: name.toLowerCase(), identity: null });
const VIEWER = { id: 77001, name: 'sandbox_viewer' };

/** Crockford base32, 26 characters, time first: the shape of Kick's message ids. */
function ulid(now: number): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let time = '';
  for (let t = now, i = 0; i < 10; i++, t = Math.floor(t / 32)) time = alphabet[t % 32] + time;
  return time + [...randomBytes(16)].map((b) => alphabet[b % 32]).join('');
}

/** Normalised type names the control route also accepts. */
const ALIASES: Readonly<Record<string, string>> = {
  'chat.message': 'chat.message.sent',
  follow: 'channel.followed',
  subscription: 'channel.subscription.new',
  'subscription.gift': 'channel.subscription.gifts',
  'reward.redemption': 'channel.reward.redemption.updated',
  'stream.online': 'livestream.status.updated',
  'stream.offline': 'livestream.status.updated',
  'moderation.ban': 'moderation.banned',
  cheer: 'kicks.gifted',
};

function bodyOf(type: string, alias: string, broadcaster: ReturnType<typeof person>, f: Record<string, unknown>, now: number): Record<string, unknown> {
  const who = person(Number(f.user_id ?? VIEWER.id), String(f.username ?? VIEWER.name));
  const at = new Date(now).toISOString();
  switch (type) {
    case 'chat.message.sent':
      return { message_id: String(f.message_id ?? randomUUID()), replies_to: null, broadcaster, sender: { ...who, identity: { username_color: '#53FC18', badges: (f.badges as unknown[]) ?? [] } }, content: String(f.text ?? 'hello from the sandbox'), emotes: [], created_at: at };
    case 'channel.followed':
      return { broadcaster, follower: who };
    case 'channel.subscription.new':
    case 'channel.subscription.renewal':
      return { broadcaster, subscriber: who, duration: Number(f.months ?? 1), created_at: at, expires_at: new Date(now + 30 * 86_400_000).toISOString() };
    case 'channel.subscription.gifts': {
      const anonymous = f.anonymous === true;
      const count = Number(f.count ?? 3);
      const giftees = Array.from({ length: count }, (_, i) => person(88000 + i, `giftee_${i + 1}`));
      const gifter = anonymous ? { is_anonymous: true, user_id: null, username: null, is_verified: null, profile_picture: null, channel_slug: null, identity: null } : who;
      return { broadcaster, gifter, giftees, created_at: at, expires_at: new Date(now + 30 * 86_400_000).toISOString() };
    }
    case 'channel.reward.redemption.updated':
      return { id: randomUUID(), user_input: f.input ?? null, status: String(f.status ?? 'pending'), redeemed_at: at, reward: { id: 'reward-1', title: String(f.title ?? 'Hydrate'), cost: Number(f.cost ?? 100), description: '' }, redeemer: who, broadcaster };
    case 'livestream.status.updated': {
      const live = alias !== 'stream.offline' && f.is_live !== false;
      return { broadcaster, is_live: live, title: String(f.title ?? 'Sandbox stream'), started_at: at, ended_at: live ? null : at };
    }
    case 'moderation.banned':
      return {
        broadcaster,
        moderator: person(77002, 'sandbox_mod'),
        banned_user: who,
        metadata: { reason: String(f.reason ?? 'spam'), created_at: at, expires_at: f.duration_s === undefined ? null : new Date(now + Number(f.duration_s) * 1000).toISOString() },
      };
    case 'kicks.gifted':
      return { broadcaster, sender: who, gift: { amount: Number(f.amount ?? 100), name: 'Full Send', type: 'BASIC', tier: 'BASIC', message: f.message ?? null, pinned_time_seconds: 0 }, created_at: at };
    default:
      return {};
  }
}

export class FakeKickWebhooks {
  knobs: FakeKickWebhookKnobs;
  readonly subscriptions = new Map<string, FakeSubscription>();
  readonly deliveries: Delivery[] = [];
  /** Made on first use: every fake Kick has this object, few tests sign anything. */
  private pair: { publicKey: string; privateKey: string } | null = null;

  constructor(
    private readonly send: Send,
    readonly now: () => number = Date.now,
    knobs: Partial<FakeKickWebhookKnobs> = {},
  ) {
    this.knobs = { targetUrl: null, badSignature: false, staleSeconds: 0, redeliveries: 0, unknownSubscription: false, ...knobs };
  }

  private keys(): { publicKey: string; privateKey: string } {
    this.pair ??= generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    return this.pair;
  }

  /** The public half (PEM), as `GET /public/v1/public-key` serves it. */
  get publicKeyPem(): string {
    return this.keys().publicKey;
  }

  subscribe(broadcasterUserId: number, event: string, version: number): FakeSubscription {
    const existing = [...this.subscriptions.values()].find((s) => s.broadcaster_user_id === broadcasterUserId && s.event === event);
    if (existing) return existing;
    const at = new Date(this.now()).toISOString();
    const sub: FakeSubscription = { id: ulid(this.now()), event, version, broadcaster_user_id: broadcasterUserId, method: 'webhook', app_id: 'fake-app', created_at: at, updated_at: at };
    this.subscriptions.set(sub.id, sub);
    return sub;
  }

  /** Signs and POSTs one delivery of Kick event `type` (or a normalised alias); null for an unknown type. */
  async emit(type: string, fields: Record<string, unknown> = {}): Promise<Delivery | null> {
    const kickType = ALIASES[type] ?? type;
    if (!(KICK_WEBHOOK_EVENTS as readonly string[]).includes(kickType)) return null;
    const target = this.knobs.targetUrl;
    if (!target) throw new Error('the fake Kick has no webhook URL to deliver to (knobs.targetUrl)');
    const wanted = fields.broadcaster_user_id === undefined ? undefined : Number(fields.broadcaster_user_id);
    const sub = [...this.subscriptions.values()].find((s) => s.event === kickType && (wanted === undefined || s.broadcaster_user_id === wanted));
    const broadcasterId = wanted ?? sub?.broadcaster_user_id ?? 4815162;
    const body = JSON.stringify(bodyOf(kickType, type, person(broadcasterId, String(fields.broadcaster ?? 'streamer_one')), fields, this.now()));
    const messageId = String(fields.kick_message_id ?? ulid(this.now()));
    const subscriptionId = this.knobs.unknownSubscription || !sub ? ulid(this.now()) : sub.id;
    const timestamp = new Date(this.now() - this.knobs.staleSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const signer = createSign('RSA-SHA256');
    signer.update(`${messageId}.${timestamp}.${body}`);
    let signature = signer.sign(this.keys().privateKey, 'base64');
    if (this.knobs.badSignature) signature = Buffer.from(randomBytes(256)).toString('base64');
    const headers = {
      'content-type': 'application/json',
      'kick-event-message-id': messageId,
      'kick-event-subscription-id': subscriptionId,
      'kick-event-signature': signature,
      'kick-event-message-timestamp': timestamp,
      'kick-event-type': kickType,
      'kick-event-version': '1',
    };
    const delivery: Delivery = { messageId, subscriptionId, type: kickType, statuses: [] };
    for (let i = 0; i <= this.knobs.redeliveries; i++) delivery.statuses.push((await this.send(target, { method: 'POST', headers, body })).status);
    this.deliveries.push(delivery);
    return delivery;
  }
}

const kickErr = (reply: FastifyReply, status: number, message: string) => reply.code(status).send({ data: {}, message });

export interface KickWebhooksPluginOptions {
  hooks: FakeKickWebhooks;
  /** The Kick user id a bearer token belongs to, or undefined when it is not valid. */
  tokenUser?: (token: string) => string | undefined;
  routeConfig?: Record<string, unknown>;
}

/** Routes at the API's real paths under `/public/v1`, and the control route `POST /events`. */
export const kickWebhooksPlugin: FastifyPluginAsync<KickWebhooksPluginOptions> = async (app, { hooks, tokenUser = () => '4815162', routeConfig = {} }) => {
  const userOf = (reply: FastifyReply, token: string | undefined): string | undefined => {
    const user = token ? tokenUser(token) : undefined;
    if (!user) void kickErr(reply, 401, 'Unauthorized');
    return user;
  };

  app.get('/public/v1/public-key', { config: routeConfig }, async (_request, reply) => reply.send({ data: { public_key: hooks.publicKeyPem }, message: 'OK' }));

  app.get('/public/v1/events/subscriptions', { config: routeConfig }, async (request, reply) => {
    const user = userOf(reply, authToken(request, ['Bearer']));
    if (!user) return reply;
    const broadcaster = Number(param(request.query, 'broadcaster_user_id') ?? user);
    return reply.send({ data: [...hooks.subscriptions.values()].filter((s) => s.broadcaster_user_id === broadcaster), message: 'OK' });
  });

  app.post('/public/v1/events/subscriptions', { config: routeConfig }, async (request, reply) => {
    const user = userOf(reply, authToken(request, ['Bearer']));
    if (!user) return reply;
    const body = (request.body ?? {}) as { broadcaster_user_id?: number; events?: { name?: string; version?: number }[]; method?: string };
    if (body.method !== undefined && body.method !== 'webhook') return kickErr(reply, 400, 'Invalid request');
    if (!Array.isArray(body.events) || body.events.length === 0) return kickErr(reply, 400, 'Invalid request');
    const broadcaster = Number(body.broadcaster_user_id ?? user);
    const data = body.events.map((e) => {
      const name = String(e.name ?? '');
      const version = Number(e.version ?? 1);
      if (!(KICK_WEBHOOK_EVENTS as readonly string[]).includes(name) || version !== 1) return { name, version, subscription_id: null, error: 'event not supported' };
      return { name, version, subscription_id: hooks.subscribe(broadcaster, name, version).id, error: null };
    });
    return reply.code(200).send({ data, message: 'OK' });
  });

  app.delete('/public/v1/events/subscriptions', { config: routeConfig }, async (request, reply) => {
    const user = userOf(reply, authToken(request, ['Bearer']));
    if (!user) return reply;
    const raw = (request.query as Record<string, unknown>).id;
    const ids = Array.isArray(raw) ? raw.map(String) : raw === undefined ? [] : [String(raw)];
    if (ids.length === 0) return kickErr(reply, 400, 'Invalid request');
    for (const id of ids) hooks.subscriptions.delete(id);
    return reply.code(204).send();
  });

  app.post('/events', { config: routeConfig }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const type = typeof body.type === 'string' ? body.type : '';
    // Mounted in Bifrost (sandbox mode) with no target set: deliver to this same server's ingest route.
    hooks.knobs.targetUrl ??= `${request.protocol}://${request.host}/v1/ingest/kick`;
    try {
      const delivery = await hooks.emit(type, body);
      if (!delivery) return reply.code(400).send({ error: 'unknown_type', message: `type must be one of: ${[...Object.keys(ALIASES), ...KICK_WEBHOOK_EVENTS].join(', ')}` });
      return reply.send({ ok: true, message_id: delivery.messageId, statuses: delivery.statuses });
    } catch (err) {
      return reply.code(409).send({ error: 'no_target', message: (err as Error).message });
    }
  });
};

export interface FakeKickWebhooksHandle {
  url: string;
  baseUrls: Record<string, string>;
  hooks: FakeKickWebhooks;
  close(): Promise<void>;
}

/** Starts the webhook fake alone on 127.0.0.1; deliveries go through `send` (an in-process inject in tests). */
export async function startFakeKickWebhooks(options: { send: Send; now?: () => number; knobs?: Partial<FakeKickWebhookKnobs>; tokenUser?: (token: string) => string | undefined }): Promise<FakeKickWebhooksHandle> {
  const hooks = new FakeKickWebhooks(options.send, options.now, options.knobs);
  const app = Fastify({ logger: false, forceCloseConnections: true });
  await app.register(kickWebhooksPlugin, { hooks, ...(options.tokenUser ? { tokenUser: options.tokenUser } : {}) });
  const url = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
  return { url, baseUrls: { oauth: url, api: `${url}/public/v1` }, hooks, close: () => app.close() };
}
