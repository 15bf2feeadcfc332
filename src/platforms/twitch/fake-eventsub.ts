/**
 * Fake Twitch EventSub over WebSocket, for tests and sandbox mode: the socket at `/ws` (welcome,
 * keepalives at the chosen interval, session_reconnect on command with the session moved to a new URL
 * and what was emitted meanwhile sent there, revocation and a dropped connection on command, close
 * 4001 when the client sends anything), Helix `POST/GET/DELETE /helix/eventsub/subscriptions` checking
 * the token, its scopes, the condition and the session, and `POST /events` `{type, …}` (sandbox's
 * control) which sends a notification the way Twitch would. `emit(type, fields)` does the same in-process.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import Fastify, { type FastifyPluginAsync, type FastifyReply, type FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { FakeAuthServer } from '../fake/auth-server.ts';
import { fakeHandle, type FakeHandle } from '../fake/harness.ts';
import { authToken, param } from '../fake/plugin-kit.ts';
import { mountFakeSocket } from '../fake/socket-route.ts';
import type { FakeKnobs } from '../fake/types.ts';
import { EVENTSUB_TYPES } from './eventsub-wire.ts';
import type { TwitchFakeKnobs } from './fake.ts';

export interface FakeEventSubKnobs {
  /** keepalive_timeout_seconds in the welcome; keepalives go out at this interval when nothing else did. */
  keepaliveSeconds: number;
  /** Keepalives are sent (false: silence, so the client's keepalive timeout fires). */
  sendKeepalives: boolean;
  /** After a reconnect, the last notification sent on the old socket is sent again on the new one (at-least-once). */
  duplicateOnReconnect: boolean;
}

const DEFAULT_KNOBS: FakeEventSubKnobs = { keepaliveSeconds: 10, sendKeepalives: true, duplicateOnReconnect: false };

interface Session {
  id: string;
  ws: WebSocket | null;
  status: 'connected' | 'reconnecting' | 'disconnected';
  /** The URL the session was opened at (reconnect URLs are built from it). */
  url: string;
  connectedAt: string;
  /** Notifications held during a reconnect, sent on the new socket after its welcome. */
  held: object[];
  lastNotification: object | null;
  lastSent: number;
  timer: NodeJS.Timeout | null;
}

interface Subscription {
  id: string;
  type: string;
  version: string;
  condition: Record<string, string>;
  sessionId: string;
  status: string;
  createdAt: string;
  clientId: string;
}

/** Normalised names the control call also accepts, and the EventSub type each is sent as. */
const ALIASES: Readonly<Record<string, string>> = {
  'chat.message': 'channel.chat.message',
  'chat.message_deleted': 'channel.chat.message_delete',
  follow: 'channel.follow',
  subscription: 'channel.subscribe',
  'subscription.gift': 'channel.subscription.gift',
  cheer: 'channel.cheer',
  raid: 'channel.raid',
  'reward.redemption': 'channel.channel_points_custom_reward_redemption.add',
  'stream.online': 'stream.online',
  'stream.offline': 'stream.offline',
  'moderation.ban': 'channel.ban',
};

const VIEWER = { user_id: '55501', user_login: 'sandbox_viewer', user_name: 'Sandbox_Viewer' };

/** The event body of each type, for channel `b` (login `login`); `f` overrides any field. */
function eventBody(type: string, b: { id: string; login: string; name: string }, f: Record<string, unknown>): Record<string, unknown> {
  const channel = { broadcaster_user_id: b.id, broadcaster_user_login: b.login, broadcaster_user_name: b.name };
  const now = new Date().toISOString();
  const base: Record<string, Record<string, unknown>> = {
    'channel.chat.message': {
      ...channel,
      chatter_user_id: VIEWER.user_id,
      chatter_user_login: VIEWER.user_login,
      chatter_user_name: VIEWER.user_name,
      message_id: randomUUID(),
      message: { text: String(f.text ?? 'hello from the sandbox'), fragments: [{ type: 'text', text: String(f.text ?? 'hello from the sandbox'), cheermote: null, emote: null, mention: null }] },
      color: '#00FF7F',
      badges: [],
      message_type: 'text',
      cheer: null,
      reply: null,
      channel_points_custom_reward_id: null,
    },
    'channel.chat.message_delete': { ...channel, target_user_id: VIEWER.user_id, target_user_login: VIEWER.user_login, target_user_name: VIEWER.user_name, message_id: randomUUID() },
    'channel.follow': { ...VIEWER, ...channel, followed_at: now },
    'channel.subscribe': { ...VIEWER, ...channel, tier: '1000', is_gift: false },
    'channel.subscription.message': { ...VIEWER, ...channel, tier: '1000', message: { text: String(f.text ?? 'another month'), emotes: [] }, cumulative_months: 3, streak_months: null, duration_months: 1 },
    'channel.subscription.gift': { ...VIEWER, ...channel, total: 5, tier: '1000', cumulative_total: null, is_anonymous: false },
    'channel.cheer': { ...VIEWER, ...channel, is_anonymous: false, message: String(f.text ?? 'cheer100 great stream'), bits: 100 },
    'channel.raid': { from_broadcaster_user_id: '66601', from_broadcaster_user_login: 'raiding_friend', from_broadcaster_user_name: 'Raiding_Friend', to_broadcaster_user_id: b.id, to_broadcaster_user_login: b.login, to_broadcaster_user_name: b.name, viewers: 42 },
    'channel.channel_points_custom_reward_redemption.add': { id: randomUUID(), ...channel, ...VIEWER, user_input: '', status: 'unfulfilled', reward: { id: 'reward-hydrate', title: 'Hydrate', cost: 500, prompt: 'Drink some water' }, redeemed_at: now },
    'stream.online': { id: String(Date.now()), ...channel, type: 'live', started_at: now },
    'stream.offline': { ...channel },
    'channel.ban': { ...VIEWER, ...channel, moderator_user_id: b.id, moderator_user_login: b.login, moderator_user_name: b.name, reason: 'spam', banned_at: now, ends_at: null, is_permanent: true },
  };
  return { ...(base[type] ?? channel), ...f };
}

/** The users a condition names (all must be the token's user: Bifrost subscribes for the broadcaster's own channel). */
const CONDITION_USERS = ['broadcaster_user_id', 'moderator_user_id', 'user_id', 'to_broadcaster_user_id'];

type Answer = [number, unknown];
const helixError = (status: number, message: string): Answer => [status, { error: status === 400 ? 'Bad Request' : status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : status === 404 ? 'Not Found' : 'Conflict', status, message }];

export class FakeEventSub {
  readonly knobs: FakeEventSubKnobs;
  readonly sessions = new Map<string, Session>();
  readonly subscriptions = new Map<string, Subscription>();
  /** What it answered, for assertions: Helix calls by outcome. */
  readonly counters = { creates: 0, deletes: 0, unauthorized: 0, forbidden: 0, connections: 0 };

  constructor(
    private readonly auth: FakeAuthServer<FakeKnobs>,
    knobs: Partial<FakeEventSubKnobs> = {},
  ) {
    this.knobs = { ...DEFAULT_KNOBS, ...knobs };
  }

  /** A WebSocket connected at `url` (`?reconnect=<session>` continues a session). */
  attach(ws: WebSocket, url: string): void {
    this.counters.connections++;
    const u = new URL(url);
    const resumed = u.searchParams.get('reconnect');
    ws.on('message', () => ws.close(4001, 'client sent inbound traffic'));
    if (resumed) {
      const session = this.sessions.get(resumed);
      if (!session || session.status !== 'reconnecting') return void ws.close(4007, 'invalid reconnect');
      const old = session.ws;
      const last = session.lastNotification;
      session.ws = ws;
      session.status = 'connected';
      this.bind(session, ws);
      this.send(session, this.frame('session_welcome', { session: this.sessionBody(session) }));
      if (this.knobs.duplicateOnReconnect && last) this.send(session, last);
      for (const held of session.held.splice(0)) this.send(session, held);
      // Twitch closes the old connection once the new one is up (if the client has not).
      setTimeout(() => old?.close(4004, 'reconnect grace time expired'), 1000).unref();
      return;
    }
    u.search = '';
    const session: Session = { id: randomUUID().replace(/-/g, ''), ws, status: 'connected', url: u.toString(), connectedAt: new Date().toISOString(), held: [], lastNotification: null, lastSent: Date.now(), timer: null };
    this.sessions.set(session.id, session);
    this.bind(session, ws);
    this.send(session, this.frame('session_welcome', { session: this.sessionBody(session) }));
  }

  private bind(session: Session, ws: WebSocket): void {
    ws.on('close', () => {
      if (session.ws !== ws) return;
      session.ws = null;
      if (session.status === 'reconnecting') return;
      // A closed session's subscriptions stop (Twitch disables them).
      session.status = 'disconnected';
      if (session.timer) clearInterval(session.timer);
      for (const sub of this.subscriptions.values()) if (sub.sessionId === session.id && sub.status === 'enabled') sub.status = 'websocket_disconnected';
    });
    if (session.timer) clearInterval(session.timer);
    const every = this.knobs.keepaliveSeconds * 1000;
    session.timer = setInterval(() => {
      if (!this.knobs.sendKeepalives || session.status !== 'connected') return;
      if (Date.now() - session.lastSent >= every * 0.9) this.send(session, this.frame('session_keepalive', {}));
    }, every);
    session.timer.unref();
  }

  private sessionBody(s: Session, reconnectUrl: string | null = null) {
    return { id: s.id, status: s.status === 'reconnecting' ? 'reconnecting' : 'connected', connected_at: s.connectedAt, keepalive_timeout_seconds: s.status === 'reconnecting' ? null : this.knobs.keepaliveSeconds, reconnect_url: reconnectUrl };
  }

  private frame(type: string, payload: object, sub?: Subscription): object {
    return {
      metadata: { message_id: randomUUID(), message_type: type, message_timestamp: new Date().toISOString(), ...(sub ? { subscription_type: sub.type, subscription_version: sub.version } : {}) },
      payload,
    };
  }

  private subscriptionBody(s: Subscription) {
    return { id: s.id, status: s.status, type: s.type, version: s.version, cost: 0, condition: s.condition, transport: { method: 'websocket', session_id: s.sessionId }, created_at: s.createdAt };
  }

  private send(session: Session, frame: object): void {
    if (session.ws?.readyState !== 1) return;
    session.ws.send(JSON.stringify(frame));
    session.lastSent = Date.now();
  }

  /**
   * Sends a notification of `type` (an EventSub type or a Bifrost event type) to every enabled
   * subscription of that type; `fields` override the event's. Returns the message ids sent or held.
   */
  emit(type: string, fields: Record<string, unknown> = {}): string[] {
    const subType = ALIASES[type] ?? type;
    const ids: string[] = [];
    for (const sub of this.subscriptions.values()) {
      if (sub.type !== subType || sub.status !== 'enabled') continue;
      const session = this.sessions.get(sub.sessionId);
      if (!session || session.status === 'disconnected') continue;
      const b = this.auth.findUser(Object.values(sub.condition)[0]);
      const who = { id: b?.id ?? Object.values(sub.condition)[0]!, login: b?.login ?? 'channel', name: b?.displayName ?? 'Channel' };
      const frame = this.frame('notification', { subscription: this.subscriptionBody(sub), event: eventBody(subType, who, fields) }, sub) as { metadata: { message_id: string } };
      ids.push(frame.metadata.message_id);
      if (session.status === 'reconnecting') session.held.push(frame);
      else {
        this.send(session, frame);
        session.lastNotification = frame;
      }
    }
    return ids;
  }

  /** Sends session_reconnect on every connected session: the client must move to the URL it names. */
  reconnect(): void {
    for (const session of this.sessions.values()) {
      if (session.status !== 'connected' || !session.ws) continue;
      session.status = 'reconnecting';
      const url = new URL(session.url);
      url.searchParams.set('reconnect', session.id);
      session.ws.send(JSON.stringify(this.frame('session_reconnect', { session: this.sessionBody(session, url.toString()) })));
    }
  }

  /** Revokes the enabled subscriptions of `type` (all when omitted) with `status`, sending a revocation for each. */
  revoke(type?: string, status = 'authorization_revoked'): number {
    let n = 0;
    for (const sub of this.subscriptions.values()) {
      if (sub.status !== 'enabled' || (type && sub.type !== (ALIASES[type] ?? type))) continue;
      sub.status = status;
      const session = this.sessions.get(sub.sessionId);
      if (session) this.send(session, this.frame('revocation', { subscription: this.subscriptionBody(sub) }, sub));
      n++;
    }
    return n;
  }

  /** Drops every connection without a close frame (a network failure). */
  drop(): void {
    for (const s of this.sessions.values()) s.ws?.terminate();
  }

  /** Enabled subscriptions, for assertions. */
  enabled(): Subscription[] {
    return [...this.subscriptions.values()].filter((s) => s.status === 'enabled');
  }

  close(): void {
    for (const s of this.sessions.values()) {
      if (s.timer) clearInterval(s.timer);
      s.ws?.terminate();
    }
  }

  /** The token behind a Helix call, or the 401 Twitch answers. */
  private caller(request: FastifyRequest): { live: NonNullable<ReturnType<FakeAuthServer['introspect']>> } | { error: Answer } {
    const clientId = request.headers['client-id'];
    if (typeof clientId !== 'string' || clientId === '') return { error: helixError(401, 'Client ID is missing') };
    const live = this.auth.introspect(authToken(request, ['Bearer']));
    if (!live) return { error: helixError(401, 'Invalid OAuth token') };
    if (live.clientId !== clientId) return { error: helixError(401, 'Client ID and OAuth token do not match') };
    return { live };
  }

  create(request: FastifyRequest): Answer {
    const who = this.caller(request);
    if ('error' in who) return (this.counters.unauthorized++, who.error);
    const body = (request.body ?? {}) as { type?: unknown; version?: unknown; condition?: Record<string, unknown>; transport?: { method?: unknown; session_id?: unknown } };
    const known = EVENTSUB_TYPES.find((t) => t.type === body.type && t.version === body.version);
    if (!known) return helixError(400, 'unknown subscription type and version');
    if (body.transport?.method !== 'websocket') return helixError(400, 'transport method must be websocket');
    const session = this.sessions.get(String(body.transport.session_id ?? ''));
    if (!session || session.status === 'disconnected') return helixError(400, 'websocket transport session does not exist or has already disconnected');
    const condition = Object.fromEntries(Object.entries(body.condition ?? {}).map(([k, v]) => [k, String(v)]));
    const expected = known.condition(Object.values(condition)[0] ?? '');
    if (Object.keys(expected).sort().join() !== Object.keys(condition).sort().join()) return helixError(400, 'invalid condition');
    if (known.scopes.length > 0 && !known.scopes.some((s) => who.live.scopes.includes(s))) return (this.counters.forbidden++, helixError(403, 'subscription missing proper authorization'));
    if (CONDITION_USERS.some((k) => k in condition && k !== 'to_broadcaster_user_id' && condition[k] !== who.live.user.id)) return (this.counters.forbidden++, helixError(403, 'subscription missing proper authorization'));
    const same = [...this.subscriptions.values()].find((s) => s.status === 'enabled' && s.sessionId === session.id && s.type === known.type && JSON.stringify(s.condition) === JSON.stringify(condition));
    if (same) return helixError(409, 'subscription already exists');
    const sub: Subscription = { id: randomUUID(), type: known.type, version: known.version, condition, sessionId: session.id, status: 'enabled', createdAt: new Date().toISOString(), clientId: who.live.clientId };
    this.subscriptions.set(sub.id, sub);
    this.counters.creates++;
    return [202, { data: [this.subscriptionBody(sub)], total: this.enabled().length, total_cost: 0, max_total_cost: 10 }];
  }

  list(request: FastifyRequest): Answer {
    const who = this.caller(request);
    if ('error' in who) return (this.counters.unauthorized++, who.error);
    const status = param(request.query, 'status');
    const type = param(request.query, 'type');
    const data = [...this.subscriptions.values()].filter((s) => s.clientId === who.live.clientId && (!status || s.status === status) && (!type || s.type === type)).map((s) => this.subscriptionBody(s));
    return [200, { data, total: data.length, total_cost: 0, max_total_cost: 10, pagination: {} }];
  }

  remove(request: FastifyRequest): Answer {
    const who = this.caller(request);
    if ('error' in who) return (this.counters.unauthorized++, who.error);
    const id = param(request.query, 'id');
    if (!id) return helixError(400, 'Missing required parameter "id"');
    const sub = this.subscriptions.get(id);
    if (!sub || sub.clientId !== who.live.clientId) return helixError(404, 'subscription not found');
    this.subscriptions.delete(id);
    this.counters.deletes++;
    return [204, null];
  }
}

export interface EventSubPluginOptions {
  server: FakeAuthServer<FakeKnobs>;
  /** The state to serve; default: a new one (sandbox mode reaches it through `POST /events`). */
  eventSub?: FakeEventSub;
  routeConfig?: Record<string, unknown>;
}

/** The websocket URL a client reached us at (the proxy's scheme when one says so). */
function socketUrl(req: IncomingMessage): string {
  const proto = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]!.trim();
  const secure = proto === 'https' || (req.socket as { encrypted?: boolean }).encrypted === true;
  return `${secure ? 'wss' : 'ws'}://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`;
}

export const eventSubPlugin: FastifyPluginAsync<EventSubPluginOptions> = async (app, { server, eventSub = new FakeEventSub(server), routeConfig = {} }) => {
  mountFakeSocket(app, '/ws', routeConfig, (ws, req) => eventSub.attach(ws, socketUrl(req)));
  app.addHook('onClose', async () => eventSub.close());
  const answer = (reply: FastifyReply, [status, body]: Answer) => (status === 204 ? reply.code(204).send() : reply.code(status).type('application/json').send(JSON.stringify(body)));
  app.post('/helix/eventsub/subscriptions', { config: routeConfig }, async (request, reply) => answer(reply, eventSub.create(request)));
  app.get('/helix/eventsub/subscriptions', { config: routeConfig }, async (request, reply) => answer(reply, eventSub.list(request)));
  app.delete('/helix/eventsub/subscriptions', { config: routeConfig }, async (request, reply) => answer(reply, eventSub.remove(request)));
  app.post('/events', { config: routeConfig }, async (request, reply) => {
    const { type, ...fields } = (request.body ?? {}) as Record<string, unknown>;
    if (typeof type !== 'string' || !(type in ALIASES || EVENTSUB_TYPES.some((t) => t.type === type))) {
      return reply.code(400).send({ error: 'Bad Request', status: 400, message: `type must be one of ${Object.keys(ALIASES).join(', ')} or an EventSub type` });
    }
    const ids = eventSub.emit(type, fields);
    return reply.code(202).send({ sent: ids.length, message_ids: ids });
  });
};

/** A running EventSub fake with its own token state (no OAuth routes: tests mint tokens with `token()`). */
export interface FakeEventSubHandle {
  url: string;
  /** Endpoint groups as Twitch's definition names them (`api`, `eventsub`). */
  baseUrls: Record<string, string>;
  eventSub: FakeEventSub;
  auth: FakeHandle<TwitchFakeKnobs>;
  /** A live user token of `user` (id or login) with `scopes`, issued by the fake's token state. */
  token(scopes: readonly string[], user?: string): string;
  close(): Promise<void>;
}

export async function startFakeEventSub(knobs: Partial<FakeEventSubKnobs> = {}): Promise<FakeEventSubHandle> {
  const { twitchFake } = await import('./fake.ts');
  const state = new FakeAuthServer<TwitchFakeKnobs>(twitchFake);
  const eventSub = new FakeEventSub(state, knobs);
  const app = Fastify({ logger: false, forceCloseConnections: true });
  await app.register(eventSubPlugin, { server: state, eventSub });
  const url = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
  const credentials = { clientId: 'twitch-test-client', clientSecret: 'twitch-test-secret' };
  return {
    url,
    baseUrls: { ...twitchFake.baseUrls(url) },
    eventSub,
    auth: fakeHandle(twitchFake, state, url, async () => {}),
    token(scopes, user) {
      const who = state.findUser(user)!;
      const code = state.issueCode({ clientId: credentials.clientId, redirectUri: 'http://127.0.0.1/cb', scopes: [...scopes], offline: true, forceConsent: false }, who);
      const issued = state.redeemCode({ clientId: credentials.clientId, code, redirectUri: 'http://127.0.0.1/cb', pkce: 'ignored' });
      if (!issued.ok) throw new Error(`fake could not issue a token: ${issued.error}`);
      return issued.value.accessToken;
    },
    close: () => app.close(),
  };
}
