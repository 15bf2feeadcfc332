/**
 * Fake Trovo chat [R3][R4][R6][R7]: `POST /openplatform/chat/send` answering `{}` and
 * `POST /openplatform/channels/command` answering `{is_success, display_msg}` for `ban <name>`,
 * `ban <name> <seconds>s` (unconfirmed syntax [R7]) and `unban <name>`, names being nicknames.
 * Calls need `Client-ID` and a live `OAuth` token with the scope (chat_send_self, manage_messages),
 * commands the channel's owner or a moderator (knob `moderators`, by user id); every call counts
 * against the app-wide limit (1,200 a minute per client id [R3], knob `appLimit`), answered with
 * status 11706 and `x-ratelimit-*` headers beyond it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FakeAuthServer } from '../fake/auth-server.ts';
import { registerChatListing } from '../fake/chat-recorder.ts';
import type { Answer } from '../fake/token-flow.ts';
import type { FakeUser } from '../fake/types.ts';
import type { TrovoFakeKnobs } from './fake.ts';

type Server = FakeAuthServer<TrovoFakeKnobs>;
type Live = NonNullable<ReturnType<Server['introspect']>>;

/** What the chat routes borrow from the fake's plugin: the caller check and the error envelopes. */
export interface TrovoChatKit {
  userCall(request: FastifyRequest): { live?: Live; error?: Answer };
  error(httpStatus: number, kind: 'scope' | 'params' | 'rateLimit'): Answer;
}

const send = (reply: FastifyReply, [status, body]: Answer) => reply.code(status).type('application/json').send(JSON.stringify(body));

export function registerTrovoChat(app: FastifyInstance, server: Server, routeConfig: Record<string, unknown>, kit: TrovoChatKit): void {
  registerChatListing(app, server.chat, routeConfig);

  /** Caller, scope and the app-wide limit; answers the error itself. */
  function admit(request: FastifyRequest, reply: FastifyReply, scope: string): Live | undefined {
    const { live, error } = kit.userCall(request);
    if (!live) {
      send(reply, error!);
      return undefined;
    }
    const { requests, windowMs } = server.knobs.appLimit;
    const waitMs = server.chat.take(`app:${live.clientId}`, requests, windowMs);
    if (waitMs > 0) {
      reply.header('x-ratelimit-limit', String(requests)).header('x-ratelimit-remaining', '0').header('x-ratelimit-reset', String(Math.ceil((server.now() + waitMs) / 1000)));
      send(reply, kit.error(429, 'rateLimit'));
      return undefined;
    }
    if (!live.scopes.includes(scope)) {
      send(reply, kit.error(403, 'scope'));
      return undefined;
    }
    return live;
  }

  const channelOwner = (channelId: string): FakeUser | undefined => server.users.find((u) => u.channelId === channelId);
  const moderates = (userId: string, channelId: string) => channelOwner(channelId)?.id === userId || (server.knobs.moderators[channelId] ?? []).includes(userId);
  const byNickname = (name: string) => server.users.find((u) => u.displayName === name || u.login === name);

  app.post('/openplatform/chat/send', { config: routeConfig }, async (request, reply) => {
    const live = admit(request, reply, 'chat_send_self');
    if (!live) return reply;
    const b = (request.body ?? {}) as Record<string, unknown>;
    if (typeof b.content !== 'string' || b.content === '') return send(reply, kit.error(400, 'params'));
    if (b.channel_id !== undefined && typeof b.channel_id !== 'string') return send(reply, kit.error(400, 'params'));
    // No channel_id: the sender's own channel [R4].
    const channel = (b.channel_id as string | undefined) ?? live.user.channelId ?? live.user.id;
    if (!channelOwner(channel)) return send(reply, kit.error(400, 'params'));
    server.chat.record({ kind: 'message', senderId: live.user.id, channelId: channel, text: b.content });
    return send(reply, [200, {}]);
  });

  app.post('/openplatform/channels/command', { config: routeConfig }, async (request, reply) => {
    const live = admit(request, reply, 'manage_messages');
    if (!live) return reply;
    const b = (request.body ?? {}) as Record<string, unknown>;
    if (typeof b.command !== 'string' || (b.channel_id !== undefined && typeof b.channel_id !== 'string')) return send(reply, kit.error(400, 'params'));
    const channel = (b.channel_id as string | undefined) ?? live.user.channelId ?? live.user.id;
    const refuse = (display_msg: string) => send(reply, [200, { is_success: false, display_msg }]);
    if (!moderates(live.user.id, channel)) return refuse('You do not have permission to use this command.');
    // Commands come without the slash [R3]; the timeout form is the one a library uses [R7].
    const m = /^(ban|unban) (\S+)(?: (\d+)s)?$/.exec(b.command);
    if (!m || (m[1] === 'unban' && m[3] !== undefined)) return refuse('Unknown command.');
    const target = byNickname(m[2]!);
    if (!target) return refuse(`User ${m[2]} not found.`);
    const kind = m[1] === 'unban' ? 'unban' : m[3] !== undefined ? 'timeout' : 'ban';
    server.chat.record({ kind, senderId: live.user.id, channelId: channel, target: m[2], durationS: m[3] !== undefined ? Number(m[3]) : undefined });
    return send(reply, [200, { is_success: true, display_msg: kind === 'unban' ? `${m[2]} is unbanned.` : `${m[2]} is banned.` }]);
  });
}
