/**
 * Kick chat and moderation [K3][K6]: send `POST /chat` (`type: "user"`, an integer
 * `broadcaster_user_id`, optional `reply_to_message_id`), delete `DELETE /chat/{id}`, ban and timeout
 * `POST /moderation/bans`, unban `DELETE /moderation/bans` with a JSON body. Timeouts are in minutes
 * (1…10,080) as the implementations that checked the wire agree (one crate says seconds: a
 * conflict) [K10]: the adapter rounds seconds up to whole minutes, clamps, and reports what it applied.
 */
import { ChatRefused } from '../errors.ts';
import type { ChatAdapter, ChatCall, ChatCapabilities } from '../chat-types.ts';
import { chatRequest, fitReason, jsonOf, timeoutUnits } from '../chat-http.ts';
import { invalidField } from '../../errors/app-error.ts';
import { bodyError } from '../oauth/classify.ts';
import type { PlatformHttp } from '../oauth/http.ts';
import { chatSendResponse, type BanBody, type ChatSendBody } from './chat-wire.ts';
import { normaliseKickError } from './wire.ts';

export const KICK_CHAT: ChatCapabilities = {
  maxMessageLength: 500, // `content` ≤ 500 characters [K3]
  replies: true, // reply_to_message_id [K3]
  deleteMessage: true, // moderation:chat_message:manage, added 2025-12-02 [K4]
  moderationTarget: 'user_id', // integer user ids; there is no public username lookup [K10]
  timeout: { unitSeconds: 60, minSeconds: 60, maxSeconds: 10_080 * 60 }, // minutes, 1…10,080 (7 days) [K10]
  maxReasonLength: 100, // [K3]
  unbanByBanId: false,
  needsLiveChat: false,
  scopes: { send: ['chat:write'], delete: ['moderation:chat_message:manage'], moderate: ['moderation:ban'] }, // [K2]
  // Kick publishes no chat limit [K7b][K12]; 20 messages per 30 s per sender and channel is Bifrost's
  // own conservative assumption (configurable), not a Kick figure.
  limit: { kind: 'window', windowMs: 30_000, messages: 20 },
};

/** Kick user ids are integers on the wire. */
function kickId(field: string, value: string | undefined): number {
  if (value === undefined || !/^\d{1,15}$/.test(value)) throw invalidField(field, 'Kick user ids are whole numbers; pass the numeric user id');
  return Number(value);
}

export function createKickChat(http: PlatformHttp, api: string): ChatAdapter {
  const auth = (call: ChatCall) => `Bearer ${call.accessToken}`;
  return {
    async send(call, message) {
      const body: ChatSendBody = { broadcaster_user_id: kickId('broadcaster_id', call.broadcasterId), content: message.text, type: 'user' };
      if (message.replyTo !== undefined) body.reply_to_message_id = message.replyTo;
      const res = await chatRequest(http, { method: 'POST', url: `${api}/chat`, authorization: auth(call), json: body, purpose: 'chat message' }, normaliseKickError, { send: true });
      const parsed = chatSendResponse.safeParse(jsonOf(res));
      if (!parsed.success) throw bodyError(http, 'chat message', 'not a chat send answer', res.status, parsed.error);
      if (!parsed.data.data.is_sent || !parsed.data.data.message_id) throw new ChatRefused('kick', 'not_sent', 'Kick did not send the message');
      return { messageId: parsed.data.data.message_id };
    },
    async deleteMessage(call, messageId) {
      await chatRequest(http, { method: 'DELETE', url: `${api}/chat/${encodeURIComponent(messageId)}`, authorization: auth(call), purpose: 'message deletion' }, normaliseKickError);
    },
    async ban(call, target, options) {
      const body: BanBody = { broadcaster_user_id: kickId('broadcaster_id', call.broadcasterId), user_id: kickId('user_id', target.userId) };
      let appliedDurationS: number | undefined;
      if (options.durationS !== undefined) {
        const { units, appliedS } = timeoutUnits(KICK_CHAT.timeout!, options.durationS);
        body.duration = units;
        appliedDurationS = appliedS;
      }
      const reason = fitReason(KICK_CHAT, options.reason);
      if (reason) body.reason = reason;
      await chatRequest(http, { method: 'POST', url: `${api}/moderation/bans`, authorization: auth(call), json: body, purpose: options.durationS === undefined ? 'ban' : 'timeout' }, normaliseKickError);
      return { appliedDurationS };
    },
    async unban(call, target) {
      // A JSON body on DELETE, not query parameters [K6][K8].
      const json = { broadcaster_user_id: kickId('broadcaster_id', call.broadcasterId), user_id: kickId('user_id', target.userId) };
      await chatRequest(http, { method: 'DELETE', url: `${api}/moderation/bans`, authorization: auth(call), json, purpose: 'unban' }, normaliseKickError);
    },
  };
}
