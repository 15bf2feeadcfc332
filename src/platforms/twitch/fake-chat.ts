/**
 * Fake Twitch Helix chat and moderation [T7][T26]: Send Chat Message (drops as HTTP 200 with
 * `is_sent: false` and a drop code [T20]), Delete Chat Messages, Ban User (body wrapped in `data`),
 * Unban User and Get Moderated Channels. Each call needs `Client-Id` and a live Bearer token of that
 * client with the endpoint's scope (401 "Missing scope: …" otherwise); the sender or moderator must
 * be the token's user; moderation needs the broadcaster or a moderator (knob `moderators`). Sends
 * beyond 20 per 30 s per sender and channel — 100 for the broadcaster and moderators [T12] — get 429
 * with `Ratelimit-Reset`.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FakeAuthServer } from '../fake/auth-server.ts';
import { registerChatListing } from '../fake/chat-recorder.ts';
import { authToken, param } from '../fake/plugin-kit.ts';
import type { TwitchFakeKnobs } from './fake.ts';

type Server = FakeAuthServer<TwitchFakeKnobs>;
type Live = NonNullable<ReturnType<Server['introspect']>>;

const REASON: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests' };
const fail = (reply: FastifyReply, status: number, message: string) => reply.code(status).type('application/json').send(JSON.stringify({ error: REASON[status] ?? 'Error', status, message }));
const ok = (reply: FastifyReply, body: unknown) => reply.code(200).type('application/json').send(JSON.stringify(body));

function authorise(server: Server, request: FastifyRequest, reply: FastifyReply, scope: string): Live | undefined {
  const clientId = request.headers['client-id'];
  const live = server.introspect(authToken(request, ['Bearer']));
  let problem: string | undefined;
  if (typeof clientId !== 'string' || clientId === '') problem = 'Client ID is missing';
  else if (!live) problem = 'Invalid OAuth token';
  else if (live.clientId !== clientId) problem = 'Client ID and OAuth token do not match';
  else if (!live.scopes.includes(scope)) problem = `Missing scope: ${scope}`;
  if (problem) {
    fail(reply, 401, problem);
    return undefined;
  }
  return live;
}

const moderates = (server: Server, userId: string, channel: string) => userId === channel || (server.knobs.moderators[channel] ?? []).includes(userId);

/** Checks `broadcaster_id` and `moderator_id` of a moderation call; answers the error itself. */
function moderation(server: Server, request: FastifyRequest, reply: FastifyReply, live: Live): { channel: string } | undefined {
  const channel = param(request.query, 'broadcaster_id');
  const moderator = param(request.query, 'moderator_id');
  let answer: [number, string] | undefined;
  if (!channel || !moderator) answer = [400, 'Missing required parameter "broadcaster_id" or "moderator_id"'];
  else if (moderator !== live.user.id) answer = [403, 'The ID in moderator_id must match the user ID in the user access token'];
  else if (!moderates(server, moderator, channel)) answer = [403, "The user in moderator_id is not one of the broadcaster's moderators"];
  if (answer) {
    fail(reply, ...answer);
    return undefined;
  }
  return { channel: channel! };
}

export function registerTwitchChat(app: FastifyInstance, server: Server, routeConfig: Record<string, unknown>): void {
  registerChatListing(app, server.chat, routeConfig);

  app.post('/helix/chat/messages', { config: routeConfig }, async (request, reply) => {
    const live = authorise(server, request, reply, 'user:write:chat');
    if (!live) return reply;
    // Twitch takes broadcaster_id and sender_id in the JSON body or in the query string (twurple sends them there).
    const b = { ...(request.query as Record<string, unknown>), ...((request.body ?? {}) as Record<string, unknown>) };
    const { broadcaster_id: channel, sender_id: sender, message, reply_parent_message_id: replyTo } = b;
    if (typeof channel !== 'string' || typeof sender !== 'string' || typeof message !== 'string' || message === '') return fail(reply, 400, 'Missing required parameter');
    if (replyTo !== undefined && typeof replyTo !== 'string') return fail(reply, 400, 'reply_parent_message_id must be a string');
    if (sender !== live.user.id) return fail(reply, 403, 'The sender must be the user in the user access token');
    if ([...message].length > 500) return fail(reply, 400, 'The message may not be longer than 500 characters');
    const limit = moderates(server, sender, channel) ? 100 : 20;
    const waitMs = server.chat.take(`${sender}:${channel}`, limit, 30_000);
    if (waitMs > 0) {
      const reset = Math.ceil((server.now() + waitMs) / 1000);
      reply.header('ratelimit-limit', String(limit)).header('ratelimit-remaining', '0').header('ratelimit-reset', String(reset));
      return fail(reply, 429, 'Too Many Requests');
    }
    const state = server.chat.banState(channel, sender);
    const drop = server.knobs.chatDrop ?? (state === 'banned' ? { code: 'msg_banned', message: 'You are permanently banned from talking in this channel.' } : state === 'timed_out' ? { code: 'msg_timedout', message: 'You are timed out.' } : null);
    if (drop) return ok(reply, { data: [{ message_id: '', is_sent: false, drop_reason: drop }] });
    const messageId = randomUUID();
    server.chat.record({ kind: 'message', senderId: sender, channelId: channel, text: message, messageId, replyTo: replyTo as string | undefined });
    return ok(reply, { data: [{ message_id: messageId, is_sent: true, drop_reason: null }] });
  });

  app.delete('/helix/moderation/chat', { config: routeConfig }, async (request, reply) => {
    const live = authorise(server, request, reply, 'moderator:manage:chat_messages');
    if (!live) return reply;
    const m = moderation(server, request, reply, live);
    if (!m) return reply;
    const messageId = param(request.query, 'message_id');
    if (messageId === undefined) {
      // Twitch clears the whole chat here [T7]; recorded as a delete without a message id.
      server.chat.record({ kind: 'delete', senderId: live.user.id, channelId: m.channel });
      return reply.code(204).send();
    }
    const msg = server.chat.ofKind('message').find((r) => r.messageId === messageId && r.channelId === m.channel);
    if (!msg) return fail(reply, 404, 'The ID in message_id was not found');
    if (msg.senderId === m.channel || (msg.senderId !== live.user.id && moderates(server, msg.senderId, m.channel))) return fail(reply, 400, 'You may not delete the broadcaster’s or another moderator’s messages');
    server.chat.record({ kind: 'delete', senderId: live.user.id, channelId: m.channel, messageId, target: msg.senderId });
    return reply.code(204).send();
  });

  app.post('/helix/moderation/bans', { config: routeConfig }, async (request, reply) => {
    const live = authorise(server, request, reply, 'moderator:manage:banned_users');
    if (!live) return reply;
    const m = moderation(server, request, reply, live);
    if (!m) return reply;
    const data = (request.body as { data?: Record<string, unknown> } | undefined)?.data;
    if (!data || typeof data.user_id !== 'string') return fail(reply, 400, 'Missing required parameter "data.user_id"');
    const { duration, reason } = data;
    if (duration !== undefined && !(typeof duration === 'number' && Number.isInteger(duration) && duration >= 1 && duration <= 1_209_600)) return fail(reply, 400, 'The value in the duration field is not valid');
    if (reason !== undefined && (typeof reason !== 'string' || [...reason].length > 500)) return fail(reply, 400, 'The text in the reason field is too long');
    // A timed-out user can be banned; a ban cannot become a timeout without an unban first [T26].
    if (server.chat.banState(m.channel, data.user_id) === 'banned') return fail(reply, 400, 'user is already banned');
    const timeout = typeof duration === 'number';
    const rec = server.chat.record({ kind: timeout ? 'timeout' : 'ban', senderId: live.user.id, channelId: m.channel, target: data.user_id, durationS: timeout ? duration : undefined, text: reason as string | undefined });
    const createdAt = new Date(rec.at).toISOString().replace(/\.\d+Z$/, 'Z');
    const endTime = timeout ? new Date(rec.at + duration * 1000).toISOString().replace(/\.\d+Z$/, 'Z') : null;
    return ok(reply, { data: [{ broadcaster_id: m.channel, moderator_id: live.user.id, user_id: data.user_id, created_at: createdAt, end_time: endTime }] });
  });

  app.delete('/helix/moderation/bans', { config: routeConfig }, async (request, reply) => {
    const live = authorise(server, request, reply, 'moderator:manage:banned_users');
    if (!live) return reply;
    const m = moderation(server, request, reply, live);
    if (!m) return reply;
    const user = param(request.query, 'user_id');
    if (!user) return fail(reply, 400, 'Missing required parameter "user_id"');
    if (server.chat.banState(m.channel, user) === null) return fail(reply, 400, 'user is not banned');
    server.chat.record({ kind: 'unban', senderId: live.user.id, channelId: m.channel, target: user });
    return reply.code(204).send();
  });

  app.get('/helix/moderation/channels', { config: routeConfig }, async (request, reply) => {
    const live = authorise(server, request, reply, 'user:read:moderated_channels');
    if (!live) return reply;
    const user = param(request.query, 'user_id');
    if (user !== live.user.id) return fail(reply, 400, 'The ID in user_id must match the user ID in the user access token');
    const channels = Object.entries(server.knobs.moderators)
      .filter(([, mods]) => mods.includes(user))
      .map(([id]) => {
        const u = server.users.find((x) => x.id === id);
        return { broadcaster_id: id, broadcaster_login: u?.login ?? id, broadcaster_name: u?.displayName ?? id };
      });
    return ok(reply, { data: channels, pagination: {} });
  });
}
