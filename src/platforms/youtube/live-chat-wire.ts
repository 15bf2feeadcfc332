/**
 * YouTube live chat wire shapes (liveBroadcasts.list, liveChatMessages.list) and how each chat
 * message type becomes a normalised event. Amounts arrive in micros as strings [G21]; types the
 * events log has no place for (polls, chat mode changes, tombstones) normalise to nothing.
 */
import { z } from 'zod';
import type { EventActor, IncomingEvent } from '../event-types.ts';

/** liveBroadcasts.list?part=snippet&broadcastStatus=active [G13]. */
export const broadcastListResponse = z.object({
  items: z.array(z.object({ id: z.string(), snippet: z.object({ title: z.string().optional(), liveChatId: z.string().optional() }).passthrough() })).optional(),
});

const author = z
  .object({
    channelId: z.string(),
    displayName: z.string(),
    isChatOwner: z.boolean().optional(),
    isChatModerator: z.boolean().optional(),
    isChatSponsor: z.boolean().optional(),
  })
  .passthrough();

const snippet = z
  .object({
    type: z.string(),
    publishedAt: z.string(),
    displayMessage: z.string().optional(),
    textMessageDetails: z.object({ messageText: z.string() }).optional(),
    superChatDetails: z.object({ amountMicros: z.union([z.string(), z.number()]), currency: z.string(), userComment: z.string().optional() }).passthrough().optional(),
    superStickerDetails: z.object({ amountMicros: z.union([z.string(), z.number()]), currency: z.string() }).passthrough().optional(),
    newSponsorDetails: z.object({ memberLevelName: z.string().optional(), isUpgrade: z.boolean().optional() }).optional(),
    memberMilestoneChatDetails: z.object({ memberLevelName: z.string().optional(), memberMonth: z.number().optional(), userComment: z.string().optional() }).optional(),
    membershipGiftingDetails: z.object({ giftMembershipsCount: z.number(), giftMembershipsLevelName: z.string().optional() }).optional(),
    giftMembershipReceivedDetails: z.object({ memberLevelName: z.string().optional(), gifterChannelId: z.string().optional() }).optional(),
    messageDeletedDetails: z.object({ deletedMessageId: z.string() }).optional(),
    userBannedDetails: z
      .object({
        bannedUserDetails: z.object({ channelId: z.string(), displayName: z.string() }).passthrough(),
        banType: z.string(),
        banDurationSeconds: z.union([z.string(), z.number()]).optional(),
      })
      .optional(),
  })
  .passthrough();

export const liveChatMessage = z.object({ id: z.string(), snippet, authorDetails: author.optional() });
export type LiveChatMessage = z.infer<typeof liveChatMessage>;

/** liveChatMessages.list [G8][G21]: `offlineAt` appears once the broadcast ended. */
export const liveChatMessageListResponse = z.object({
  nextPageToken: z.string().optional(),
  pollingIntervalMillis: z.number().optional(),
  offlineAt: z.string().optional(),
  items: z.array(z.unknown()).optional(),
});

const micros = (v: string | number): number => Number(v) / 1_000_000;

function actorOf(m: LiveChatMessage): EventActor | null {
  const a = m.authorDetails;
  return a ? { id: a.channelId, username: a.displayName, display_name: a.displayName } : null;
}

function rolesOf(m: LiveChatMessage): ('broadcaster' | 'moderator' | 'member')[] {
  const a = m.authorDetails;
  const roles: ('broadcaster' | 'moderator' | 'member')[] = [];
  if (a?.isChatOwner) roles.push('broadcaster');
  if (a?.isChatModerator) roles.push('moderator');
  if (a?.isChatSponsor) roles.push('member');
  return roles;
}

/** One chat message as a normalised event, or null for the types the log does not carry. */
export function normaliseLiveChatMessage(m: LiveChatMessage): IncomingEvent | null {
  const s = m.snippet;
  const base = { sourceId: m.id, occurredAt: Date.parse(s.publishedAt) || 0, actor: actorOf(m) };
  switch (s.type) {
    case 'textMessageEvent':
      return { ...base, type: 'chat.message', data: { message_id: m.id, text: s.textMessageDetails?.messageText ?? s.displayMessage ?? '', reply_to: null, roles: rolesOf(m) } };
    case 'superChatEvent': {
      const d = s.superChatDetails;
      if (!d) return null;
      return { ...base, type: 'superchat', data: { amount: micros(d.amountMicros), currency: d.currency, message: d.userComment || null, sticker: false } };
    }
    case 'superStickerEvent': {
      const d = s.superStickerDetails;
      if (!d) return null;
      return { ...base, type: 'superchat', data: { amount: micros(d.amountMicros), currency: d.currency, message: null, sticker: true } };
    }
    case 'newSponsorEvent':
      return { ...base, type: 'membership', data: { level: s.newSponsorDetails?.memberLevelName ?? null, months: null, is_gift: false } };
    case 'memberMilestoneChatEvent': {
      const d = s.memberMilestoneChatDetails;
      return { ...base, type: 'membership', data: { level: d?.memberLevelName ?? null, months: d?.memberMonth ?? null, is_gift: false } };
    }
    case 'membershipGiftingEvent': {
      const d = s.membershipGiftingDetails;
      if (!d) return null;
      return { ...base, type: 'subscription.gift', data: { tier: d.giftMembershipsLevelName ?? null, count: d.giftMembershipsCount, anonymous: false } };
    }
    case 'giftMembershipReceivedEvent':
      return { ...base, type: 'membership', data: { level: s.giftMembershipReceivedDetails?.memberLevelName ?? null, months: null, is_gift: true } };
    case 'messageDeletedEvent': {
      const d = s.messageDeletedDetails;
      return d ? { ...base, type: 'chat.message_deleted', data: { message_id: d.deletedMessageId } } : null;
    }
    case 'userBannedEvent': {
      const d = s.userBannedDetails;
      if (!d) return null;
      const duration = d.banType === 'temporary' && d.banDurationSeconds !== undefined ? Number(d.banDurationSeconds) : null;
      const u = d.bannedUserDetails;
      return { ...base, type: 'moderation.ban', data: { user_id: u.channelId, username: u.displayName, duration_s: duration, reason: null } };
    }
    default:
      return null;
  }
}
