/**
 * Twitch chat and moderation over Helix [T7][T14]: send `POST /chat/messages` (a dropped message is
 * a 200 with `is_sent: false` → ChatRefused with the drop code [T20]), delete one message
 * `DELETE /moderation/chat` (always with `message_id`: without it Twitch clears the whole chat), ban
 * and timeout `POST /moderation/bans` with the body wrapped in `data` [T26], unban
 * `DELETE /moderation/bans`, and the sender's role in a channel from `GET /moderation/channels`.
 * Every call carries `Client-Id` with the Bearer token [T7].
 */
import { invalidField } from '../../errors/app-error.ts';
import type { ChatAdapter, ChatCall, ChatCapabilities } from '../chat-types.ts';
import { chatRequest, fitReason, jsonOf, refusalCode, timeoutUnits } from '../chat-http.ts';
import { ChatRefused, isPlatformError } from '../errors.ts';
import { asRecord, bodyError } from '../oauth/classify.ts';
import type { OutboundResponse, PlatformHttp } from '../oauth/http.ts';
import { moderatedChannelsResponse, sendChatResponse, type BanUserBody } from './chat-wire.ts';
import { normaliseTwitchError } from './wire.ts';

export const TWITCH_CHAT: ChatCapabilities = {
  maxMessageLength: 500, // [T7]
  replies: true, // reply_parent_message_id [T7]
  deleteMessage: true, // younger than 6 h, not the broadcaster's nor another moderator's [T7]
  moderationTarget: 'user_id',
  timeout: { unitSeconds: 1, minSeconds: 1, maxSeconds: 1_209_600 }, // `duration` 1…1,209,600 s (2 weeks) [T7][T26]
  maxReasonLength: 500, // [T7]
  unbanByBanId: false,
  needsLiveChat: false,
  scopes: { send: ['user:write:chat'], delete: ['moderator:manage:chat_messages'], moderate: ['moderator:manage:banned_users'] }, // [T7]
  // The IRC guide's numbers [T12]: 20 per 30 s, 100 as broadcaster or moderator, 7,500 per 30 s for a
  // verified bot (channel limits still apply). That Helix sends share them is assumed, not documented.
  limit: { kind: 'window', windowMs: 30_000, messages: 20, elevatedMessages: 100, verifiedMessages: 7_500 },
};

/** Twitch's 400 texts for a ban state that already is what was asked [T26]. */
function banRefusal(res: OutboundResponse): ChatRefused | undefined {
  const message = asRecord(res.json)?.message;
  if (res.status !== 400 || typeof message !== 'string') return undefined;
  if (/already banned/i.test(message)) return new ChatRefused('twitch', 'already_banned', 'Twitch says the user is already banned; unban first to change a ban into a timeout');
  if (/not banned/i.test(message)) return new ChatRefused('twitch', 'not_banned', 'Twitch says the user is not banned');
  return undefined;
}

export function createTwitchChat(http: PlatformHttp, api: string): ChatAdapter {
  const headers = (call: ChatCall) => ({ 'client-id': call.credentials.clientId });
  const auth = (call: ChatCall) => `Bearer ${call.accessToken}`;
  const modQuery = (call: ChatCall, extra: Record<string, string> = {}) => new URLSearchParams({ broadcaster_id: call.broadcasterId, moderator_id: call.senderId, ...extra }).toString();

  return {
    async send(call, message) {
      const json = { broadcaster_id: call.broadcasterId, sender_id: call.senderId, message: message.text, ...(message.replyTo !== undefined ? { reply_parent_message_id: message.replyTo } : {}) };
      const res = await chatRequest(http, { method: 'POST', url: `${api}/chat/messages`, authorization: auth(call), headers: headers(call), json, purpose: 'chat message' }, normaliseTwitchError, { send: true });
      const parsed = sendChatResponse.safeParse(jsonOf(res));
      if (!parsed.success) throw bodyError(http, 'chat message', 'not a Send Chat Message answer', res.status, parsed.error);
      const item = parsed.data.data[0]!;
      if (!item.is_sent) {
        const code = refusalCode(item.drop_reason?.code, 'msg_rejected');
        throw new ChatRefused('twitch', code, `Twitch dropped the message (${code})`);
      }
      return { messageId: item.message_id };
    },
    async deleteMessage(call, messageId) {
      if (messageId === '') throw invalidField('message_id', 'name the message to delete');
      const url = `${api}/moderation/chat?${modQuery(call, { message_id: messageId })}`;
      await chatRequest(http, { method: 'DELETE', url, authorization: auth(call), headers: headers(call), purpose: 'message deletion' }, normaliseTwitchError);
    },
    async ban(call, target, options) {
      if (!target.userId) throw invalidField('user_id', 'Twitch bans by user id');
      const body: BanUserBody = { data: { user_id: target.userId } };
      let appliedDurationS: number | undefined;
      if (options.durationS !== undefined) {
        const { units, appliedS } = timeoutUnits(TWITCH_CHAT.timeout!, options.durationS);
        body.data.duration = units;
        appliedDurationS = appliedS;
      }
      const reason = fitReason(TWITCH_CHAT, options.reason);
      if (reason) body.data.reason = reason;
      const purpose = options.durationS === undefined ? 'ban' : 'timeout';
      await chatRequest(http, { method: 'POST', url: `${api}/moderation/bans?${modQuery(call)}`, authorization: auth(call), headers: headers(call), json: body, purpose }, normaliseTwitchError, { refusal: banRefusal });
      return { appliedDurationS };
    },
    async unban(call, target) {
      if (!target.userId) throw invalidField('user_id', 'Twitch unbans by user id');
      const url = `${api}/moderation/bans?${modQuery(call, { user_id: target.userId })}`;
      await chatRequest(http, { method: 'DELETE', url, authorization: auth(call), headers: headers(call), purpose: 'unban' }, normaliseTwitchError, { refusal: banRefusal });
    },
    async senderRole(call) {
      if (call.senderId === call.broadcasterId) return 'broadcaster';
      let after: string | undefined;
      // Pages of 100 until the channel shows up or the cursor ends (a bounded number of pages).
      for (let page = 0; page < 50; page++) {
        const query = new URLSearchParams({ user_id: call.senderId, first: '100', ...(after ? { after } : {}) });
        let res: OutboundResponse;
        try {
          res = await chatRequest(http, { method: 'GET', url: `${api}/moderation/channels?${query.toString()}`, authorization: auth(call), headers: headers(call), purpose: 'moderated channels lookup' }, normaliseTwitchError);
        } catch (err) {
          // Without user:read:moderated_channels the role cannot be learned: the lower limit applies.
          if (isPlatformError(err) && err.oauthError === 'insufficient_scope') return 'viewer';
          throw err;
        }
        const parsed = moderatedChannelsResponse.safeParse(jsonOf(res));
        if (!parsed.success) throw bodyError(http, 'moderated channels lookup', 'not a moderated channels list', res.status, parsed.error);
        if (parsed.data.data.some((c) => c.broadcaster_id === call.broadcasterId)) return 'moderator';
        after = parsed.data.pagination?.cursor;
        if (!after) break;
      }
      return 'viewer';
    },
  };
}
