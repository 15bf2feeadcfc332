/**
 * HTTP routes of chat and moderation: send, delete a message, ban or time out, unban, and the log of
 * the account's own sends and actions. Each validates, calls one service function of src/chat and
 * maps the answer with toWire. Service keys (`bfs_`) granted chat:send or moderation:manage may call
 * them for their own account (`serviceKeys: true`).
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Runtime } from '../../runtime.ts';
import { toWire } from '../wire.ts';
import { banBody, chatLogQuery, chatLogView, chatPlatformParams, messageParams, moderationView, sendMessageBody, senderQuery, sentMessageView, unbanParams } from '../../chat/schemas.ts';
import { banUser, deleteChatMessage, sendChatMessage, unbanUser } from '../../chat/operations.ts';
import { listChatLog } from '../../chat/log.ts';

const deleted = z.null().describe('Done');

export function chatRoutes(rt: Runtime): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['chat'];

    app.post('/v1/chat/:platform/messages', {
      schema: {
        tags,
        summary: 'Send a chat message as the bot (default) or the channel, within the platform\'s limits (429 RATE_LIMITED with Retry-After when full, unless wait_ms lets it wait)',
        params: chatPlatformParams,
        body: sendMessageBody,
        response: { 201: sentMessageView },
      },
      // A bot may send all day: successful sends are counted (metrics) and in the chat log, so only refusals get a request line.
      config: { access: { permission: 'chat:send' }, serviceKeys: true, quietLog: true },
    }, async (request, reply) => {
      const b = request.body;
      const sent = await sendChatMessage(rt, request.caller, request.params.platform, { text: b.text, sender: b.sender, replyTo: b.reply_to, waitMs: b.wait_ms });
      return reply.code(201).send(toWire(sent));
    });

    app.delete('/v1/chat/:platform/messages/:message_id', {
      schema: { tags, summary: 'Delete one chat message (where the platform can)', params: messageParams, querystring: senderQuery, response: { 204: deleted } },
      config: { access: { permission: 'moderation:manage' }, serviceKeys: true },
    }, async (request, reply) => {
      await deleteChatMessage(rt, request.caller, request.params.platform, request.params.message_id, request.query.sender);
      return reply.code(204).send(null);
    });

    app.post('/v1/moderation/:platform/bans', {
      schema: {
        tags,
        summary: 'Ban a user, or time them out with duration_s; answers what was applied (clamped: true when the duration was converted or clamped)',
        params: chatPlatformParams,
        body: banBody,
        response: { 201: moderationView },
      },
      config: { access: { permission: 'moderation:manage' }, serviceKeys: true },
    }, async (request, reply) => {
      const b = request.body;
      const result = await banUser(rt, request.caller, request.params.platform, { userId: b.user_id, username: b.username, durationS: b.duration_s, reason: b.reason, sender: b.sender });
      return reply.code(201).send(toWire(result));
    });

    app.delete('/v1/moderation/:platform/bans/:user', {
      schema: { tags, summary: 'Lift a ban or timeout', params: unbanParams, querystring: senderQuery, response: { 204: deleted } },
      config: { access: { permission: 'moderation:manage' }, serviceKeys: true },
    }, async (request, reply) => {
      await unbanUser(rt, request.caller, request.params.platform, request.params.user, request.query.sender);
      return reply.code(204).send(null);
    });

    app.get('/v1/chat/log', {
      schema: { tags, summary: "The account's recent sends (with their text) and moderation actions, newest first", querystring: chatLogQuery, response: { 200: chatLogView } },
      config: { access: { permission: 'chat:send' } },
    }, async (request) => ({ items: toWire(await listChatLog(rt, request.caller, request.query)) }));
  };
}
