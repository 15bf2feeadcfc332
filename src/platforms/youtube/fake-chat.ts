/**
 * Fake YouTube live chat [G7][G10][G11][G13]: liveBroadcasts.list with `broadcastStatus=active`
 * (knob `liveChats`: channel id → its live chat id; absent means not live), liveChatMessages
 * insert/delete, liveChatBans insert/delete. Each call needs a live Bearer token with youtube or
 * youtube.force-ssl (401 / 403 insufficientPermissions), spends the project's daily quota (knobs
 * `dailyQuota`, `quotaCosts`; every request costs, even a refused one [G12]; beyond it 403
 * quotaExceeded until midnight Pacific), and answers Google's error envelope with the documented
 * reasons; a knob (`chatRateLimit`) plays rateLimitExceeded. Moderation needs the chat's owner or one of its moderators (knob `moderators`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FakeAuthServer } from '../fake/auth-server.ts';
import { registerChatListing } from '../fake/chat-recorder.ts';
import { authToken, param } from '../fake/plugin-kit.ts';
import type { ChatOperation } from '../chat-types.ts';
import type { YouTubeFakeKnobs } from './fake.ts';

type Server = FakeAuthServer<YouTubeFakeKnobs>;
type Live = NonNullable<ReturnType<Server['introspect']>>;

const WRITE_SCOPES = ['youtube', 'youtube.force-ssl'].map((s) => `https://www.googleapis.com/auth/${s}`);
const STATUS: Record<number, string> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND' };

/** Google's API error envelope [G7]. */
function fail(reply: FastifyReply, code: number, reason: string, message: string, domain = 'youtube.liveChat'): FastifyReply {
  return reply
    .code(code)
    .type('application/json')
    .send(JSON.stringify({ error: { code, message, errors: [{ message, domain, reason }], status: STATUS[code] ?? 'UNKNOWN' } }));
}
const ok = (reply: FastifyReply, body: unknown) => reply.code(200).type('application/json').send(JSON.stringify(body));

/** The day of the quota: the date in Pacific time [G12]. */
const pacificDay = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date(ms));

function authorise(server: Server, request: FastifyRequest, reply: FastifyReply, operation: ChatOperation): Live | undefined {
  const live = server.introspect(authToken(request, ['Bearer']));
  if (!live) {
    fail(reply, 401, 'authError', 'Request had invalid authentication credentials.', 'global');
    return undefined;
  }
  if (!server.chat.spend(`quota:${live.clientId}`, pacificDay(server.now()), server.knobs.quotaCosts[operation], server.knobs.dailyQuota)) {
    fail(reply, 403, 'quotaExceeded', 'The request cannot be completed because you have exceeded your quota.', 'youtube.quota');
    return undefined;
  }
  const scopes = operation === 'discover' ? [...WRITE_SCOPES, 'https://www.googleapis.com/auth/youtube.readonly'] : WRITE_SCOPES;
  if (!live.scopes.some((s) => scopes.includes(s))) {
    fail(reply, 403, 'insufficientPermissions', 'Request had insufficient authentication scopes.', 'global');
    return undefined;
  }
  return live;
}

/** The channel whose live chat this is, or undefined. */
const ownerOf = (server: Server, liveChatId: string) => Object.entries(server.knobs.liveChats).find(([, id]) => id === liveChatId)?.[0];
const moderates = (server: Server, userId: string, liveChatId: string) => ownerOf(server, liveChatId) === userId || (server.knobs.moderators[liveChatId] ?? []).includes(userId);

/** The live chat a write names: answers 404 liveChatNotFound / 403 liveChatEnded itself. */
function openChat(server: Server, reply: FastifyReply, liveChatId: unknown): { liveChatId: string; owner: string } | undefined {
  if (typeof liveChatId !== 'string' || liveChatId === '') {
    fail(reply, 400, 'liveChatIdRequired', 'The liveChatId is required.');
    return undefined;
  }
  if (server.knobs.endedChats.includes(liveChatId)) {
    fail(reply, 403, 'liveChatEnded', 'The specified live chat is no longer live.');
    return undefined;
  }
  const owner = ownerOf(server, liveChatId);
  if (!owner) {
    fail(reply, 404, 'liveChatNotFound', 'The live chat that you are trying to retrieve cannot be found.');
    return undefined;
  }
  return { liveChatId, owner };
}

export function registerYouTubeChat(app: FastifyInstance, server: Server, routeConfig: Record<string, unknown>): void {
  registerChatListing(app, server.chat, routeConfig);

  app.get('/youtube/v3/liveBroadcasts', { config: routeConfig }, async (request, reply) => {
    const live = authorise(server, request, reply, 'discover');
    if (!live) return reply;
    if (!param(request.query, 'part')) return fail(reply, 400, 'required', "Required parameter: part", 'global');
    const status = param(request.query, 'broadcastStatus');
    const liveChatId = server.knobs.liveChats[live.user.id];
    const items =
      liveChatId && !server.knobs.endedChats.includes(liveChatId) && (status === 'active' || status === 'all' || param(request.query, 'mine') === 'true')
        ? [{ kind: 'youtube#liveBroadcast', etag: 'etag', id: `bc-${live.user.id}`, snippet: { channelId: live.user.id, title: 'Live now', liveChatId } }]
        : [];
    return ok(reply, { kind: 'youtube#liveBroadcastListResponse', etag: 'etag', pageInfo: { totalResults: items.length, resultsPerPage: 5 }, items });
  });

  app.post('/youtube/v3/liveChat/messages', { config: routeConfig }, async (request, reply) => {
    const live = authorise(server, request, reply, 'send');
    if (!live) return reply;
    const snippet = (request.body as { snippet?: Record<string, unknown> } | undefined)?.snippet ?? {};
    if (snippet.type !== 'textMessageEvent') return fail(reply, 400, 'typeRequired', 'The type is required and must be textMessageEvent here.');
    const chat = openChat(server, reply, snippet.liveChatId);
    if (!chat) return reply;
    const text = (snippet.textMessageDetails as { messageText?: unknown } | undefined)?.messageText;
    if (typeof text !== 'string' || text === '') return fail(reply, 400, 'messageTextRequired', 'The message text is required.');
    if ([...text].length > 200) return fail(reply, 400, 'messageTextInvalid', 'The message text is too long.');
    if (server.chat.banState(chat.owner, live.user.id) !== null) return fail(reply, 403, 'forbidden', 'You are banned from this live chat.');
    const rate = server.knobs.chatRateLimit;
    if (rate && server.chat.take(`${live.user.id}:${chat.liveChatId}`, rate.messages, rate.windowMs) > 0) {
      return fail(reply, 403, 'rateLimitExceeded', 'The request was sent too quickly after the previous one.');
    }
    const id = server.chat.nextId('LCM.');
    const rec = server.chat.record({ kind: 'message', senderId: live.user.id, channelId: chat.owner, text, messageId: id });
    return ok(reply, {
      kind: 'youtube#liveChatMessage',
      etag: 'etag',
      id,
      snippet: { type: 'textMessageEvent', liveChatId: chat.liveChatId, authorChannelId: live.user.id, publishedAt: new Date(rec.at).toISOString(), hasDisplayContent: true, displayMessage: text, textMessageDetails: { messageText: text } },
      authorDetails: { channelId: live.user.id, displayName: live.user.displayName, isChatOwner: live.user.id === chat.owner, isChatModerator: moderates(server, live.user.id, chat.liveChatId), isChatSponsor: false, isVerified: false },
    });
  });

  app.delete('/youtube/v3/liveChat/messages', { config: routeConfig }, async (request, reply) => {
    const live = authorise(server, request, reply, 'delete');
    if (!live) return reply;
    const id = param(request.query, 'id');
    const msg = server.chat.ofKind('message').find((m) => m.messageId === id);
    if (!msg) return fail(reply, 404, 'liveChatMessageNotFound', 'The message could not be found.');
    const liveChatId = server.knobs.liveChats[msg.channelId] ?? '';
    if (!moderates(server, live.user.id, liveChatId)) return fail(reply, 403, 'forbidden', 'Only the chat owner or a moderator may delete messages.');
    // A moderator's message cannot be deleted by another moderator [G10].
    if (msg.senderId !== live.user.id && moderates(server, msg.senderId, liveChatId) && ownerOf(server, liveChatId) !== live.user.id) return fail(reply, 403, 'modificationNotAllowed', 'The message cannot be deleted.');
    server.chat.record({ kind: 'delete', senderId: live.user.id, channelId: msg.channelId, messageId: msg.messageId, target: msg.senderId });
    return reply.code(204).send();
  });

  app.post('/youtube/v3/liveChat/bans', { config: routeConfig }, async (request, reply) => {
    const live = authorise(server, request, reply, 'ban');
    if (!live) return reply;
    const snippet = (request.body as { snippet?: Record<string, unknown> } | undefined)?.snippet ?? {};
    const chat = openChat(server, reply, snippet.liveChatId);
    if (!chat) return reply;
    const target = (snippet.bannedUserDetails as { channelId?: unknown } | undefined)?.channelId;
    if (typeof target !== 'string' || !/^UC[\w-]{22}$/.test(target)) return fail(reply, 400, 'invalidChannelId', 'The channel id is not valid.');
    if (snippet.type !== 'permanent' && snippet.type !== 'temporary') return fail(reply, 400, 'invalidValue', 'type must be permanent or temporary.');
    if (!moderates(server, live.user.id, chat.liveChatId)) return fail(reply, 403, 'forbidden', 'Only the chat owner or a moderator may ban.');
    if (moderates(server, target, chat.liveChatId)) return fail(reply, 403, 'liveChatBanInsertionNotAllowed', 'The owner or a moderator cannot be banned.');
    const temporary = snippet.type === 'temporary';
    // banDurationSeconds only for temporary bans, default 300 [G11].
    const duration = temporary ? (typeof snippet.banDurationSeconds === 'number' ? snippet.banDurationSeconds : 300) : undefined;
    if (duration !== undefined && !(Number.isInteger(duration) && duration > 0)) return fail(reply, 400, 'invalidValue', 'banDurationSeconds must be a positive whole number.');
    const banId = server.chat.nextId('LCB.');
    server.chat.record({ kind: temporary ? 'timeout' : 'ban', senderId: live.user.id, channelId: chat.owner, target, durationS: duration, banId });
    const body = { liveChatId: chat.liveChatId, type: snippet.type, ...(temporary ? { banDurationSeconds: duration } : {}), bannedUserDetails: { channelId: target } };
    return ok(reply, { kind: 'youtube#liveChatBan', etag: 'etag', id: banId, snippet: body });
  });

  app.delete('/youtube/v3/liveChat/bans', { config: routeConfig }, async (request, reply) => {
    const live = authorise(server, request, reply, 'unban');
    if (!live) return reply;
    const id = param(request.query, 'id');
    const ban = server.chat.items.find((r) => r.banId !== undefined && r.banId === id);
    if (!ban) return fail(reply, 404, 'liveChatBanNotFound', 'The ban could not be found.');
    if (!moderates(server, live.user.id, server.knobs.liveChats[ban.channelId] ?? '')) return fail(reply, 403, 'forbidden', 'Only the chat owner or a moderator may unban.');
    server.chat.record({ kind: 'unban', senderId: live.user.id, channelId: ban.channelId, target: ban.target });
    return reply.code(204).send();
  });
}
