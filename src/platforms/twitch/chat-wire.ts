/** Twitch Helix chat and moderation wire shapes [T7][T26]: string ids, `data` arrays, drop reasons on HTTP 200. */
import { z } from 'zod';

/** POST /helix/chat/messages 200: a dropped message is still 200, with `is_sent: false` and a drop code [T7][T20]. */
export const sendChatResponse = z.object({
  data: z
    .array(
      z.object({
        message_id: z.string(),
        is_sent: z.boolean(),
        drop_reason: z.object({ code: z.string(), message: z.string().optional() }).nullable().optional(),
      }),
    )
    .min(1),
});

/** GET /helix/moderation/channels: the channels the user moderates, paginated by cursor [T7]. */
export const moderatedChannelsResponse = z.object({
  data: z.array(z.object({ broadcaster_id: z.string(), broadcaster_login: z.string().optional(), broadcaster_name: z.string().optional() })),
  pagination: z.object({ cursor: z.string().optional() }).optional(),
});

/** POST /helix/moderation/bans body: wrapped in `data`; no `duration` is a permanent ban [T7][T26]. */
export interface BanUserBody {
  data: { user_id: string; duration?: number; reason?: string };
}
