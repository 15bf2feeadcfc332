/**
 * Fake Kick chat and moderation [K3][K6]: send (`type: "user"` into an integer
 * `broadcaster_user_id`), delete by message id, ban/timeout with `duration` in minutes 1…10,080 and a
 * reason ≤ 100, unban with a JSON body on DELETE. Each call needs a live Bearer token with the
 * operation's scope (401 / 403 `{data:{}, message}`); moderation needs the broadcaster or one of the
 * channel's moderators (knob `moderators`); sends beyond `chatLimit` per sender and channel get 429.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FakeAuthServer } from '../fake/auth-server.ts';
import { registerChatListing } from '../fake/chat-recorder.ts';
import { authToken } from '../fake/plugin-kit.ts';
import type { KickFakeKnobs } from './fake.ts';

type Server = FakeAuthServer<KickFakeKnobs>;
type Live = NonNullable<ReturnType<Server['introspect']>>;

const answer = (reply: FastifyReply, status: number, body: unknown) => reply.code(status).type('application/json').send(JSON.stringify(body));
const fail = (reply: FastifyReply, status: number, message: string) => answer(reply, status, { data: {}, message });

/** The live token of the request with `scope`, or undefined after answering 401/403. */
function authorise(server: Server, request: FastifyRequest, reply: FastifyReply, scope: string): Live | undefined {
  const live = server.introspect(authToken(request, ['Bearer']));
  if (!live) {
    fail(reply, 401, 'Unauthorized');
    return undefined;
  }
  if (!live.scopes.includes(scope)) {
    fail(reply, 403, `Forbidden: missing scope ${scope}`);
    return undefined;
  }
  return live;
}

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

/** Whether `userId` may moderate `channel`: its broadcaster or a listed moderator. */
function moderates(server: Server, userId: string, channel: string): boolean {
  return userId === channel || (server.knobs.moderators[channel] ?? []).includes(userId);
}

export function registerKickChat(app: FastifyInstance, server: Server, routeConfig: Record<string, unknown>): void {
  registerChatListing(app, server.chat, routeConfig);

  app.post('/public/v1/chat', { config: routeConfig }, async (request, reply) => {
    const live = authorise(server, request, reply, 'chat:write');
    if (!live) return reply;
    const b = (request.body ?? {}) as Record<string, unknown>;
    if (b.type !== 'user' && b.type !== 'bot') return fail(reply, 400, 'type must be user or bot');
    if (typeof b.content !== 'string' || b.content === '' || [...b.content].length > 500) return fail(reply, 400, 'content must be 1 to 500 characters');
    // `type: "bot"` posts into the token's own channel; `user` needs the broadcaster [K3].
    if (b.type === 'user' && !isId(b.broadcaster_user_id)) return fail(reply, 400, 'broadcaster_user_id is required');
    if (b.reply_to_message_id !== undefined && typeof b.reply_to_message_id !== 'string') return fail(reply, 400, 'reply_to_message_id must be a string');
    const channel = b.type === 'user' ? String(b.broadcaster_user_id) : live.user.id;
    const { messages, windowMs } = server.knobs.chatLimit;
    const waitMs = server.chat.take(`${live.user.id}:${channel}`, messages, windowMs);
    if (waitMs > 0) return fail(reply.header('retry-after', String(Math.ceil(waitMs / 1000))), 429, 'Too Many Requests');
    const messageId = randomUUID();
    server.chat.record({ kind: 'message', senderId: live.user.id, channelId: channel, text: b.content, messageId, replyTo: b.reply_to_message_id as string | undefined });
    return answer(reply, 200, { data: { is_sent: true, message_id: messageId }, message: 'OK' });
  });

  app.delete<{ Params: { id: string } }>('/public/v1/chat/:id', { config: routeConfig }, async (request, reply) => {
    const live = authorise(server, request, reply, 'moderation:chat_message:manage');
    if (!live) return reply;
    const msg = server.chat.ofKind('message').find((m) => m.messageId === request.params.id);
    if (!msg) return fail(reply, 404, 'Not Found');
    if (!moderates(server, live.user.id, msg.channelId)) return fail(reply, 403, 'Forbidden');
    server.chat.record({ kind: 'delete', senderId: live.user.id, channelId: msg.channelId, messageId: msg.messageId, target: msg.senderId });
    return reply.code(204).send();
  });

  /** Reads `{broadcaster_user_id, user_id}`; answers 400/403 itself when they are wrong. */
  function moderationTarget(request: FastifyRequest, reply: FastifyReply, live: Live): { b: Record<string, unknown>; channel: string; user: string } | undefined {
    const b = (request.body ?? {}) as Record<string, unknown>;
    if (!isId(b.broadcaster_user_id) || !isId(b.user_id)) {
      fail(reply, 400, 'broadcaster_user_id and user_id are required integers');
      return undefined;
    }
    const channel = String(b.broadcaster_user_id);
    if (!moderates(server, live.user.id, channel)) {
      fail(reply, 403, 'Forbidden');
      return undefined;
    }
    return { b, channel, user: String(b.user_id) };
  }

  app.post('/public/v1/moderation/bans', { config: routeConfig }, async (request, reply) => {
    const live = authorise(server, request, reply, 'moderation:ban');
    if (!live) return reply;
    const t = moderationTarget(request, reply, live);
    if (!t) return reply;
    const { duration, reason } = t.b;
    // Minutes, 1…10,080 [K10].
    if (duration !== undefined && !(typeof duration === 'number' && Number.isInteger(duration) && duration >= 1 && duration <= 10_080)) return fail(reply, 400, 'duration must be 1 to 10080 minutes');
    if (reason !== undefined && (typeof reason !== 'string' || [...reason].length > 100)) return fail(reply, 400, 'reason must be at most 100 characters');
    const timeout = typeof duration === 'number';
    server.chat.record({ kind: timeout ? 'timeout' : 'ban', senderId: live.user.id, channelId: t.channel, target: t.user, durationS: timeout ? duration * 60 : undefined, text: reason as string | undefined });
    return answer(reply, 200, { data: {}, message: 'OK' });
  });

  app.delete('/public/v1/moderation/bans', { config: routeConfig }, async (request, reply) => {
    const live = authorise(server, request, reply, 'moderation:ban');
    if (!live) return reply;
    const t = moderationTarget(request, reply, live);
    if (!t) return reply;
    server.chat.record({ kind: 'unban', senderId: live.user.id, channelId: t.channel, target: t.user });
    return answer(reply, 200, { data: {}, message: 'OK' });
  });
}
