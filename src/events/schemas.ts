/**
 * zod schemas of the live-event wire: the envelope every delivery hands out (SSE `data:`, one
 * WebSocket message, a history item) and each type's `data`, so the OpenAPI document describes them.
 */
import { z } from 'zod';
import { EVENT_TYPES } from '../platforms/event-types.ts';

const text = z.string();
const nullableText = z.string().nullable();

/** `data` of each event type (amounts in the currency's main unit). */
export const eventDataSchemas = {
  'chat.message': z.object({
    message_id: text,
    text,
    reply_to: nullableText,
    roles: z.array(z.enum(['broadcaster', 'moderator', 'subscriber', 'vip', 'member'])),
  }),
  'chat.message_deleted': z.object({ message_id: text }),
  follow: z.object({}),
  subscription: z.object({ tier: nullableText, months: z.number().nullable(), message: nullableText, is_gift: z.boolean() }),
  'subscription.gift': z.object({ tier: nullableText, count: z.number(), anonymous: z.boolean() }),
  cheer: z.object({ bits: z.number(), message: nullableText }),
  raid: z.object({ viewers: z.number() }),
  'reward.redemption': z.object({ reward_id: text, title: text, cost: z.number(), input: nullableText }),
  tip: z.object({ amount: z.number(), currency: text, message: nullableText }),
  superchat: z.object({ amount: z.number(), currency: text, message: nullableText, sticker: z.boolean() }),
  membership: z.object({ level: nullableText, months: z.number().nullable(), is_gift: z.boolean() }),
  'stream.online': z.object({ title: nullableText }),
  'stream.offline': z.object({}),
  'moderation.ban': z.object({ user_id: nullableText, username: text, duration_s: z.number().nullable(), reason: nullableText }),
} as const satisfies Record<(typeof EVENT_TYPES)[number], z.ZodType>;

export const eventActorSchema = z.object({ id: nullableText, username: text, display_name: nullableText });

const common = {
  id: text.describe('evt_…'),
  seq: z.number().int().describe('Monotonic per account: resume with ?after=<seq> or Last-Event-ID'),
  account_id: text,
  platform: text,
  integration_id: nullableText,
  source: text.describe('The connector it came from: twitch.eventsub, kick.webhook, youtube.live_chat, trovo.chat, streamelements …'),
  occurred_at: text,
  received_at: text,
  actor: eventActorSchema.nullable(),
};

/** The envelope: one variant per type, `type` telling which `data` it carries. */
export const eventEnvelopeSchema = z.discriminatedUnion(
  'type',
  EVENT_TYPES.map((t) => z.object({ ...common, type: z.literal(t), data: eventDataSchemas[t] })) as unknown as [z.ZodObject, z.ZodObject, ...z.ZodObject[]],
);

export const eventConnectionSchema = z.object({
  key: text,
  kind: z.enum(['integration', 'streamelements']),
  integration_id: nullableText,
  streamelements_token_id: nullableText,
  platform: text,
  state: z.enum(['connected', 'connecting', 'error', 'off']),
  reason: nullableText,
  updated_at: nullableText,
});
