/**
 * YouTube live chat and moderation [G7][G10][G11][G13]: the channel's live chat is found with
 * liveBroadcasts.list (its own token), messages are inserted and deleted by id, bans and timeouts are
 * liveChatBans (a timeout is a `temporary` ban), and unbanning needs the ban's own id. Errors are
 * Google's envelope; `errors[0].reason` decides: quota and rate reasons are 429s (a spent daily quota
 * waits until midnight Pacific), a live chat that ended or is missing and the moderation refusals are
 * ChatRefused with the reason, `forbidden` a 403.
 */
import { invalidField } from '../../errors/app-error.ts';
import type { ChatAdapter, ChatCall, ChatCapabilities, ChatOperation } from '../chat-types.ts';
import { chatRequest, jsonOf, timeoutUnits } from '../chat-http.ts';
import { ChatRefused, PlatformError } from '../errors.ts';
import { bodyError } from '../oauth/classify.ts';
import type { OutboundResponse, PlatformHttp } from '../oauth/http.ts';
import { banBody, googleReason, liveBroadcastsResponse, liveChatBanResponse, liveChatMessageResponse, textMessageBody } from './chat-wire.ts';
import { normaliseGoogleError } from './wire.ts';

const FORCE_SSL = 'https://www.googleapis.com/auth/youtube.force-ssl';

/**
 * Quota units per call. Documented: liveBroadcasts.list 1 [G12]; liveChatMessages.insert 20 on the
 * current reference page [G7b] (200 and 50 elsewhere: a conflict, so the chat configuration may
 * override it). Assumed: delete, ban and unban 50 each (their costs are not documented).
 */
export const YOUTUBE_QUOTA_COSTS: Readonly<Record<ChatOperation, number>> = { send: 20, delete: 50, ban: 50, unban: 50, discover: 1 };

export const YOUTUBE_CHAT: ChatCapabilities = {
  // YouTube's own chat box stops at 200 characters; the API reference read does not state a limit.
  maxMessageLength: 200,
  replies: false, // a textMessageEvent has no reply field [G7]
  deleteMessage: true, // [G10]
  moderationTarget: 'user_id', // the target's channel id (`UC…`) [G11]
  // banDurationSeconds has no documented maximum (default 300) [G11]: Bifrost caps a timeout at a day; longer is a ban.
  timeout: { unitSeconds: 1, minSeconds: 1, maxSeconds: 86_400 },
  maxReasonLength: null, // a liveChatBan has no reason [G11]
  unbanByBanId: true, // liveChatBans.delete takes the ban id from insert [G11]
  needsLiveChat: true,
  scopes: { send: [FORCE_SSL], delete: [FORCE_SSL], moderate: [FORCE_SSL] },
  // 10,000 units a day per project, reset at midnight Pacific [G12].
  limit: { kind: 'quota', dailyUnits: 10_000, costs: YOUTUBE_QUOTA_COSTS },
};

/** Reasons that are YouTube's verdict on the request, not a fault of Bifrost or of the grant [G7][G10][G11]. */
const REFUSALS: ReadonlySet<string> = new Set([
  'liveChatEnded',
  'liveChatNotFound',
  'liveChatDisabled',
  'messageTextInvalid',
  'modificationNotAllowed',
  'liveChatMessageNotFound',
  'liveChatBanInsertionNotAllowed',
  'liveChatBanNotFound',
  'invalidChannelId',
  'invalidLiveChatBanId',
]);

/** Reasons of a spent daily quota: nothing works until midnight Pacific [G12]. */
const QUOTA_REASONS: ReadonlySet<string> = new Set(['quotaExceeded', 'dailyLimitExceeded']);

function refusal(http: PlatformHttp, res: OutboundResponse): ChatRefused | PlatformError | undefined {
  const reason = googleReason(res.json);
  if (!reason) return undefined;
  if (REFUSALS.has(reason)) return new ChatRefused('youtube', reason, `YouTube refused: ${reason}`);
  // Google labels it PERMISSION_DENIED like a missing scope, but `forbidden` is about the sender's rights in this chat.
  if (reason === 'forbidden') return new PlatformError({ platform: 'youtube', kind: 'status', httpStatus: 403, message: 'YouTube refused: the sender may not do this in this live chat (forbidden)' });
  if (!QUOTA_REASONS.has(reason)) return undefined;
  const retryAfter = secondsToPacificMidnight(http.now());
  return new PlatformError({ platform: 'youtube', kind: 'status', httpStatus: 429, retryAfter, message: `YouTube's daily quota is spent (${reason}); retry after ${retryAfter} s, when it resets at midnight Pacific time` });
}

/** Seconds until the next midnight in Pacific time, when the daily quota resets [G12]. */
export function secondsToPacificMidnight(nowMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', hour12: false, hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(nowMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  // `hour12: false` may print midnight as 24.
  const elapsed = (get('hour') % 24) * 3600 + get('minute') * 60 + get('second');
  return Math.max(1, 86_400 - elapsed);
}

export function createYouTubeChat(http: PlatformHttp, api: string): ChatAdapter {
  const auth = (call: ChatCall) => `Bearer ${call.accessToken}`;

  const call = (req: Parameters<typeof chatRequest>[1], send = false) => chatRequest(http, req, normaliseGoogleError, { send, refusal: (res) => refusal(http, res) });

  function liveChat(c: ChatCall): string {
    if (!c.liveChatId) throw new ChatRefused('youtube', 'not_live', 'The channel is not live on YouTube: there is no live chat');
    return c.liveChatId;
  }

  return {
    async discover(c) {
      const res = await call({ method: 'GET', url: `${api}/liveBroadcasts?part=snippet&broadcastStatus=active`, authorization: auth(c), purpose: 'live chat lookup' });
      const parsed = liveBroadcastsResponse.safeParse(jsonOf(res));
      if (!parsed.success) throw bodyError(http, 'live chat lookup', 'not a liveBroadcasts list', res.status, parsed.error);
      return parsed.data.items?.find((b) => b.snippet?.liveChatId)?.snippet?.liveChatId ?? null;
    },
    async send(c, message) {
      if (message.replyTo !== undefined) throw invalidField('reply_to', 'YouTube live chat has no replies; send the message without reply_to');
      const res = await call({ method: 'POST', url: `${api}/liveChat/messages?part=snippet`, authorization: auth(c), json: textMessageBody(liveChat(c), message.text), purpose: 'chat message' }, true);
      const parsed = liveChatMessageResponse.safeParse(jsonOf(res));
      if (!parsed.success) throw bodyError(http, 'chat message', 'not a liveChatMessage', res.status, parsed.error);
      return { messageId: parsed.data.id };
    },
    async deleteMessage(c, messageId) {
      await call({ method: 'DELETE', url: `${api}/liveChat/messages?${new URLSearchParams({ id: messageId }).toString()}`, authorization: auth(c), purpose: 'message deletion' });
    },
    async ban(c, target, options) {
      if (!target.userId) throw invalidField('user_id', "YouTube bans by the user's channel id (UC…)");
      const applied = options.durationS === undefined ? undefined : timeoutUnits(YOUTUBE_CHAT.timeout!, options.durationS).appliedS;
      const res = await call({ method: 'POST', url: `${api}/liveChat/bans?part=snippet`, authorization: auth(c), json: banBody(liveChat(c), target.userId, applied), purpose: applied === undefined ? 'ban' : 'timeout' });
      const parsed = liveChatBanResponse.safeParse(jsonOf(res));
      if (!parsed.success) throw bodyError(http, 'ban', 'not a liveChatBan', res.status, parsed.error);
      return { appliedDurationS: applied, banId: parsed.data.id };
    },
    async unban(c, target) {
      if (!target.banId) throw invalidField('ban_id', 'YouTube unbans by the id of the ban, which Bifrost keeps from the ban it made');
      await call({ method: 'DELETE', url: `${api}/liveChat/bans?${new URLSearchParams({ id: target.banId }).toString()}`, authorization: auth(c), purpose: 'unban' });
    },
  };
}
