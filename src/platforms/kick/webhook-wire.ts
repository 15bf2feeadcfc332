/**
 * Kick webhook deliveries: the headers, the signature and the bodies [K5]. Kick signs
 * `<Kick-Event-Message-Id>.<Kick-Event-Message-Timestamp>.<raw body>` with RSA PKCS#1 v1.5 and
 * SHA-256 (base64 in `Kick-Event-Signature`), with one key pair for every app, published at
 * `GET /public/v1/public-key` as `{data: {public_key: "<PEM>"}}`. Only the id, timestamp and body are
 * signed; the type, version and subscription-id headers are not, so each body is parsed for the
 * type it claims and refused when it lacks that type's own fields.
 */
import { createVerify } from 'node:crypto';
import { z } from 'zod';
import type { EventActor, IncomingEvent } from '../event-types.ts';

/** The event names Bifrost subscribes to, all version 1 [K5]. */
export const KICK_WEBHOOK_EVENTS = [
  'chat.message.sent',
  'channel.followed',
  'channel.subscription.new',
  'channel.subscription.renewal',
  'channel.subscription.gifts',
  'channel.reward.redemption.updated',
  'livestream.status.updated',
  'moderation.banned',
  'kicks.gifted',
] as const;

export const KICK_HEADERS = {
  messageId: 'kick-event-message-id',
  subscriptionId: 'kick-event-subscription-id',
  signature: 'kick-event-signature',
  timestamp: 'kick-event-message-timestamp',
  type: 'kick-event-type',
  version: 'kick-event-version',
} as const;

export const publicKeyResponse = z.object({ data: z.object({ public_key: z.string().min(1) }) });

/** Whether `signature` (base64) is Kick's over message id, timestamp and the raw body. */
export function verifyKickSignature(publicKeyPem: string, messageId: string, timestamp: string, rawBody: string | Buffer, signature: string): boolean {
  try {
    const verifier = createVerify('RSA-SHA256');
    verifier.update(`${messageId}.${timestamp}.`);
    verifier.update(rawBody);
    return verifier.verify(publicKeyPem, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

const user = z
  .object({ user_id: z.number().nullable().optional(), username: z.string().nullable().optional(), channel_slug: z.string().nullable().optional(), is_anonymous: z.boolean().optional() })
  .passthrough();
const broadcaster = z.object({ broadcaster: z.object({ user_id: z.number() }).passthrough() });
const badge = z.object({ type: z.string() }).passthrough();

const bodies = {
  'chat.message.sent': broadcaster.extend({
    message_id: z.string(),
    replies_to: z.object({ message_id: z.string() }).passthrough().nullable().optional(),
    sender: user.extend({ identity: z.object({ badges: z.array(badge).optional() }).passthrough().nullable().optional() }),
    content: z.string(),
    created_at: z.string().optional(),
  }),
  'channel.followed': broadcaster.extend({ follower: user }),
  'channel.subscription.new': broadcaster.extend({ subscriber: user, duration: z.number(), created_at: z.string().optional() }),
  'channel.subscription.renewal': broadcaster.extend({ subscriber: user, duration: z.number(), created_at: z.string().optional() }),
  'channel.subscription.gifts': broadcaster.extend({ gifter: user.nullable(), giftees: z.array(user), created_at: z.string().optional() }),
  'channel.reward.redemption.updated': broadcaster.extend({
    id: z.string(),
    user_input: z.string().nullable().optional(),
    status: z.string(),
    redeemed_at: z.string().optional(),
    reward: z.object({ id: z.string(), title: z.string(), cost: z.number() }).passthrough(),
    redeemer: user,
  }),
  'livestream.status.updated': broadcaster.extend({ is_live: z.boolean(), title: z.string().nullable().optional(), started_at: z.string().nullable().optional(), ended_at: z.string().nullable().optional() }),
  'moderation.banned': broadcaster.extend({
    moderator: user,
    banned_user: user,
    metadata: z.object({ reason: z.string().nullable().optional(), created_at: z.string().optional(), expires_at: z.string().nullable().optional() }),
  }),
  'kicks.gifted': broadcaster.extend({
    sender: user,
    gift: z.object({ amount: z.number(), name: z.string().optional(), message: z.string().nullable().optional() }).passthrough(),
    created_at: z.string().optional(),
  }),
} as const;

type KickEvent = keyof typeof bodies;
const isKickEvent = (t: string): t is KickEvent => Object.hasOwn(bodies, t);

function actor(u: z.infer<typeof user> | null | undefined): EventActor | null {
  if (!u || u.is_anonymous || !u.username) return null;
  return { id: u.user_id == null ? null : String(u.user_id), username: u.channel_slug ?? u.username, display_name: u.username };
}

const time = (iso: string | null | undefined, fallback: number): number => (iso ? Date.parse(iso) || fallback : fallback);

export type ParsedDelivery = { broadcasterUserId: string; events: IncomingEvent[] };

/**
 * A verified delivery as the log's events (none for a type the log does not carry, such as a
 * redemption that is still pending); null when the body does not match the type it claims.
 * `sourceId` is the message id, so a redelivery is the same event.
 */
export function parseKickDelivery(type: string, body: unknown, messageId: string, timestamp: number): ParsedDelivery | null {
  if (!isKickEvent(type)) return null;
  const parsed = bodies[type].safeParse(body);
  if (!parsed.success) return null;
  const broadcasterUserId = String(parsed.data.broadcaster.user_id);
  const base = { sourceId: messageId, occurredAt: timestamp };
  const one = (e: IncomingEvent): ParsedDelivery => ({ broadcasterUserId, events: [e] });
  switch (type) {
    case 'chat.message.sent': {
      const d = bodies[type].parse(body);
      const badges = new Set((d.sender.identity?.badges ?? []).map((b) => b.type));
      const roles = (['broadcaster', 'moderator', 'subscriber', 'vip'] as const).filter((r) => badges.has(r) || (r === 'broadcaster' && d.sender.user_id === d.broadcaster.user_id));
      return one({ ...base, occurredAt: time(d.created_at, timestamp), type: 'chat.message', actor: actor(d.sender), data: { message_id: d.message_id, text: d.content, reply_to: d.replies_to?.message_id ?? null, roles } });
    }
    case 'channel.followed':
      return one({ ...base, type: 'follow', actor: actor(bodies[type].parse(body).follower), data: {} });
    case 'channel.subscription.new':
    case 'channel.subscription.renewal': {
      const d = bodies[type].parse(body);
      // `duration` is the months subscribed in total; a renewal's created_at is when it first started, so the delivery time is used.
      return one({ ...base, type: 'subscription', actor: actor(d.subscriber), data: { tier: null, months: d.duration, message: null, is_gift: false } });
    }
    case 'channel.subscription.gifts': {
      const d = bodies[type].parse(body);
      const anonymous = !d.gifter || d.gifter.is_anonymous === true;
      return one({ ...base, type: 'subscription.gift', actor: anonymous ? null : actor(d.gifter), data: { tier: null, count: d.giftees.length, anonymous } });
    }
    case 'channel.reward.redemption.updated': {
      const d = bodies[type].parse(body);
      // Kick reports each status change; the redemption itself is the first one (pending).
      if (d.status !== 'pending') return { broadcasterUserId, events: [] };
      return one({ ...base, occurredAt: time(d.redeemed_at, timestamp), type: 'reward.redemption', actor: actor(d.redeemer), data: { reward_id: d.reward.id, title: d.reward.title, cost: d.reward.cost, input: d.user_input ?? null } });
    }
    case 'livestream.status.updated': {
      const d = bodies[type].parse(body);
      return one(d.is_live ? { ...base, type: 'stream.online', actor: null, data: { title: d.title ?? null } } : { ...base, type: 'stream.offline', actor: null, data: {} });
    }
    case 'moderation.banned': {
      const d = bodies[type].parse(body);
      const from = time(d.metadata.created_at, timestamp);
      const until = d.metadata.expires_at ? Date.parse(d.metadata.expires_at) : NaN;
      const duration = Number.isFinite(until) ? Math.max(0, Math.round((until - from) / 1000)) : null;
      const u = d.banned_user;
      return one({ ...base, occurredAt: from, type: 'moderation.ban', actor: actor(d.moderator), data: { user_id: u.user_id == null ? null : String(u.user_id), username: u.username ?? '', duration_s: duration, reason: d.metadata.reason || null } });
    }
    case 'kicks.gifted': {
      const d = bodies[type].parse(body);
      // Kicks are Kick's paid currency cheered in chat, like Twitch Bits: a cheer of `amount` kicks.
      return one({ ...base, occurredAt: time(d.created_at, timestamp), type: 'cheer', actor: actor(d.sender), data: { bits: d.gift.amount, message: d.gift.message || null } });
    }
  }
}
