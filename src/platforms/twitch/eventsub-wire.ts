/**
 * Twitch EventSub over WebSocket: the subscription types Bifrost creates (version, scopes, condition),
 * the frames the server sends (`metadata` + `payload`), and each notification's event turned into the
 * normalised IncomingEvent. Shared by the connector and the fake.
 */
import { z } from 'zod';
import type { EventActor, IncomingEvent } from '../event-types.ts';

export interface EventSubType {
  type: string;
  version: string;
  /** The grant needs one of these; empty: none needed. */
  scopes: readonly string[];
  /** The condition for a channel whose broadcaster id is `b` (the token's user is the broadcaster). */
  condition(b: string): Record<string, string>;
}

const byBroadcaster = (b: string) => ({ broadcaster_user_id: b });

/** What Bifrost subscribes to for a channel, in this order. */
export const EVENTSUB_TYPES: readonly EventSubType[] = [
  { type: 'channel.chat.message', version: '1', scopes: ['user:read:chat'], condition: (b) => ({ broadcaster_user_id: b, user_id: b }) },
  { type: 'channel.chat.message_delete', version: '1', scopes: ['user:read:chat'], condition: (b) => ({ broadcaster_user_id: b, user_id: b }) },
  // v2 needs a moderator of the channel: the broadcaster is one.
  { type: 'channel.follow', version: '2', scopes: ['moderator:read:followers'], condition: (b) => ({ broadcaster_user_id: b, moderator_user_id: b }) },
  { type: 'channel.subscribe', version: '1', scopes: ['channel:read:subscriptions'], condition: byBroadcaster },
  { type: 'channel.subscription.message', version: '1', scopes: ['channel:read:subscriptions'], condition: byBroadcaster },
  { type: 'channel.subscription.gift', version: '1', scopes: ['channel:read:subscriptions'], condition: byBroadcaster },
  { type: 'channel.cheer', version: '1', scopes: ['bits:read'], condition: byBroadcaster },
  // Raids into the channel: the condition names the receiving side.
  { type: 'channel.raid', version: '1', scopes: [], condition: (b) => ({ to_broadcaster_user_id: b }) },
  { type: 'channel.channel_points_custom_reward_redemption.add', version: '1', scopes: ['channel:read:redemptions', 'channel:manage:redemptions'], condition: byBroadcaster },
  { type: 'stream.online', version: '1', scopes: [], condition: byBroadcaster },
  { type: 'stream.offline', version: '1', scopes: [], condition: byBroadcaster },
  { type: 'channel.ban', version: '1', scopes: ['channel:moderate'], condition: byBroadcaster },
];

/** Every frame: `metadata.message_type` says which. */
export const eventSubFrame = z.object({
  metadata: z.object({
    message_id: z.string().min(1),
    message_type: z.string(),
    message_timestamp: z.string(),
    subscription_type: z.string().optional(),
    subscription_version: z.string().optional(),
  }),
  payload: z.record(z.string(), z.unknown()),
});
export type EventSubFrame = z.infer<typeof eventSubFrame>;

/** `payload.session` of session_welcome and session_reconnect. */
export const eventSubSession = z.object({
  id: z.string().min(1),
  status: z.string(),
  keepalive_timeout_seconds: z.number().positive().nullable().optional(),
  reconnect_url: z.string().nullable().optional(),
});

/** `payload.subscription` of notification and revocation. */
export const eventSubSubscription = z.object({ id: z.string(), type: z.string(), status: z.string() }).passthrough();

/** A Helix subscription as POST/GET …/eventsub/subscriptions answers it. */
export const helixSubscriptionList = z.object({ data: z.array(z.object({ id: z.string(), type: z.string(), status: z.string() }).passthrough()) });

type Fields = Record<string, unknown>;

const str = (o: Fields, k: string): string | null => (typeof o[k] === 'string' && o[k] !== '' ? (o[k] as string) : null);
const num = (o: Fields, k: string): number | null => (typeof o[k] === 'number' && Number.isFinite(o[k]) ? (o[k] as number) : null);
const obj = (o: Fields, k: string): Fields => (o[k] && typeof o[k] === 'object' ? (o[k] as Fields) : {});

/** An actor from `<prefix>id`, `<prefix>login`, `<prefix>name` (Twitch's id / login / display name triple). */
function actor(e: Fields, prefix: string): EventActor | null {
  const username = str(e, `${prefix}login`);
  if (!username) return null;
  return { id: str(e, `${prefix}id`), username, display_name: str(e, `${prefix}name`) };
}

const ROLE_BADGES = ['broadcaster', 'moderator', 'subscriber', 'vip'] as const;

function roles(e: Fields): ('broadcaster' | 'moderator' | 'subscriber' | 'vip')[] {
  const badges = Array.isArray(e.badges) ? (e.badges as Fields[]) : [];
  const sets = new Set(badges.map((b) => str(b, 'set_id')));
  return ROLE_BADGES.filter((r) => sets.has(r));
}

/** Seconds between two ISO times, or null. */
function secondsBetween(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  const s = Math.round((Date.parse(to) - Date.parse(from)) / 1000);
  return Number.isFinite(s) && s > 0 ? s : null;
}

/** An IncomingEvent without the ids and times the frame's metadata supplies (per type, so `data` stays tied to `type`). */
export type Normalised = IncomingEvent extends infer E ? (E extends IncomingEvent ? Omit<E, 'sourceId' | 'occurredAt'> : never) : never;

/** One notification's `payload.event` as Bifrost's type, actor and data; null for a type Bifrost does not map. */
export function normaliseEventSub(subscriptionType: string, e: Fields): Normalised | null {
  switch (subscriptionType) {
    case 'channel.chat.message':
      return {
        type: 'chat.message',
        actor: actor(e, 'chatter_user_'),
        data: { message_id: str(e, 'message_id') ?? '', text: str(obj(e, 'message'), 'text') ?? '', reply_to: str(obj(e, 'reply'), 'parent_message_id'), roles: roles(e) },
      };
    case 'channel.chat.message_delete':
      return { type: 'chat.message_deleted', actor: null, data: { message_id: str(e, 'message_id') ?? '' } };
    case 'channel.follow':
      return { type: 'follow', actor: actor(e, 'user_'), data: {} };
    case 'channel.subscribe':
      return { type: 'subscription', actor: actor(e, 'user_'), data: { tier: str(e, 'tier'), months: null, message: null, is_gift: e.is_gift === true } };
    case 'channel.subscription.message':
      return { type: 'subscription', actor: actor(e, 'user_'), data: { tier: str(e, 'tier'), months: num(e, 'cumulative_months'), message: str(obj(e, 'message'), 'text'), is_gift: false } };
    case 'channel.subscription.gift': {
      const anonymous = e.is_anonymous === true;
      return { type: 'subscription.gift', actor: anonymous ? null : actor(e, 'user_'), data: { tier: str(e, 'tier'), count: num(e, 'total') ?? 1, anonymous } };
    }
    case 'channel.cheer':
      return { type: 'cheer', actor: e.is_anonymous === true ? null : actor(e, 'user_'), data: { bits: num(e, 'bits') ?? 0, message: str(e, 'message') } };
    case 'channel.raid':
      return { type: 'raid', actor: actor(e, 'from_broadcaster_user_'), data: { viewers: num(e, 'viewers') ?? 0 } };
    case 'channel.channel_points_custom_reward_redemption.add': {
      const reward = obj(e, 'reward');
      return { type: 'reward.redemption', actor: actor(e, 'user_'), data: { reward_id: str(reward, 'id') ?? '', title: str(reward, 'title') ?? '', cost: num(reward, 'cost') ?? 0, input: str(e, 'user_input') } };
    }
    case 'stream.online':
      // stream.online carries no title (Helix "Get Channel Information" has it).
      return { type: 'stream.online', actor: null, data: { title: null } };
    case 'stream.offline':
      return { type: 'stream.offline', actor: null, data: {} };
    case 'channel.ban':
      return {
        type: 'moderation.ban',
        actor: actor(e, 'moderator_user_'),
        data: { user_id: str(e, 'user_id'), username: str(e, 'user_login') ?? '', duration_s: e.is_permanent === true ? null : secondsBetween(str(e, 'banned_at'), str(e, 'ends_at')), reason: str(e, 'reason') },
      };
    default:
      return null;
  }
}
