/** zod shapes of the chat and moderation API: REST bodies and the views returned (snake_case wire). */
import { z } from 'zod';
import { platformSlug } from '../integrations/schemas.ts';
import { MAX_WAIT_MS } from './input.ts';

const sender = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .describe('"bot" (default: the account\'s default bot, else the global bot), "channel" (the broadcaster\'s own integration), or a bot identifier');

export const chatPlatformParams = z.object({ platform: platformSlug });
export const messageParams = z.object({ platform: platformSlug, message_id: z.string().min(1).max(200).describe("The platform's message id") });
export const unbanParams = z.object({ platform: platformSlug, user: z.string().min(1).max(200).describe('User id, or username where the platform moderates by name (Trovo)') });
export const senderQuery = z.object({ sender: sender.optional() });

export const sendMessageBody = z.strictObject({
  // The platform's own limit (capability table) is checked by the service, with a message naming it.
  text: z.string().max(10_000, 'must be at most 10000 characters'),
  sender: sender.optional(),
  reply_to: z.string().min(1).max(200).optional().describe('Message id to reply to (platforms with replies only)'),
  wait_ms: z.number().int('must be a whole number').min(0).max(MAX_WAIT_MS, `must be at most ${MAX_WAIT_MS}`).optional().describe('Wait up to this long for a free slot of the limit (default 0: answer 429 at once)'),
});

export const banBody = z.strictObject({
  user_id: z.string().min(1).max(200).optional(),
  username: z.string().min(1).max(200).optional(),
  duration_s: z.number().int('must be a whole number').min(1).max(1_209_600 * 100).optional().describe('Seconds: a timeout (converted and clamped to the platform\'s unit and range); leave out for a permanent ban'),
  reason: z.string().max(1000).optional(),
  sender: sender.optional(),
});

const senderView = z.object({ integration_id: z.string(), username: z.string(), global: z.boolean() });

export const sentMessageView = z.object({
  message_id: z.string().nullable().describe("The platform's id of the message (null where the platform answers none)"),
  platform: z.string(),
  sender: senderView,
  sent_at: z.string(),
});

export const moderationView = z.object({
  platform: z.string(),
  action: z.enum(['banned', 'timed_out']),
  target: z.object({ user_id: z.string().nullable(), username: z.string().nullable() }),
  requested_duration_s: z.number().nullable(),
  applied_duration_s: z.number().nullable().describe('Seconds actually applied after unit conversion and clamping'),
  clamped: z.boolean(),
  sender: senderView,
  applied_at: z.string(),
});

export const chatLogQuery = z.object({
  platform: platformSlug.optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const chatLogView = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      platform: z.string(),
      action: z.enum(['sent', 'deleted', 'banned', 'timed_out', 'unbanned']),
      sender: z.object({ integration_id: z.string(), username: z.string() }),
      target: z.string().nullable(),
      text: z.string().nullable().describe('Our own message (sends only)'),
      message_id: z.string().nullable(),
      duration_s: z.number().nullable(),
      created_at: z.string(),
    }),
  ),
});
