/** YouTube Live Streaming API wire shapes for chat [G7][G11][G13][G20]: liveBroadcasts, liveChatMessage, liveChatBan. */
import { z } from 'zod';

/** liveBroadcasts.list?part=snippet&broadcastStatus=active: the live chat is `items[].snippet.liveChatId` [G13]. */
export const liveBroadcastsResponse = z.object({
  items: z.array(z.object({ id: z.string(), snippet: z.object({ liveChatId: z.string().optional() }).optional() })).optional(),
});

/** The answer to liveChatMessages.insert: a liveChatMessage resource [G7][G20]. */
export const liveChatMessageResponse = z.object({ id: z.string().min(1), kind: z.string().optional() });

/** The answer to liveChatBans.insert: a liveChatBan resource, whose `id` unbans [G11]. */
export const liveChatBanResponse = z.object({ id: z.string().min(1), kind: z.string().optional() });

/** liveChatMessages.insert body: a text message [G7]. */
export function textMessageBody(liveChatId: string, text: string) {
  return { snippet: { liveChatId, type: 'textMessageEvent', textMessageDetails: { messageText: text } } };
}

/** liveChatBans.insert body: `temporary` with `banDurationSeconds`, or `permanent`; the target is a channel id [G11]. */
export function banBody(liveChatId: string, channelId: string, durationS: number | undefined) {
  return {
    snippet: {
      liveChatId,
      type: durationS === undefined ? 'permanent' : 'temporary',
      ...(durationS === undefined ? {} : { banDurationSeconds: durationS }),
      bannedUserDetails: { channelId },
    },
  };
}

/** `errors[0].reason` of Google's API error envelope [G7]. */
export function googleReason(body: unknown): string | undefined {
  const env = (body as { error?: { errors?: { reason?: unknown }[] } } | undefined)?.error;
  const reason = Array.isArray(env?.errors) ? env.errors[0]?.reason : undefined;
  return typeof reason === 'string' ? reason : undefined;
}
