/** Kick chat and moderation wire shapes [K3][K6]: `{data, message}` envelopes, integer user ids, UUID message ids. */
import { z } from 'zod';

/** POST /public/v1/chat 200: `{"data":{"is_sent":true,"message_id":"…"},"message":"OK"}`. */
export const chatSendResponse = z.object({
  data: z.object({ is_sent: z.boolean(), message_id: z.string().optional() }),
  message: z.string().optional(),
});

/** The send body: `type: "user"` posts into `broadcaster_user_id`'s chat (an integer). */
export interface ChatSendBody {
  broadcaster_user_id: number;
  content: string;
  type: 'user';
  reply_to_message_id?: string;
}

/** POST /public/v1/moderation/bans: `duration` in minutes (1…10,080) for a timeout, absent for a ban; reason ≤ 100. */
export interface BanBody {
  broadcaster_user_id: number;
  user_id: number;
  duration?: number;
  reason?: string;
}
