/**
 * Trovo's chat WebSocket: the frames (AUTH → RESPONSE, PING → PONG with the advised `gap`, CHAT with
 * `data.chats`), the chat message types Bifrost maps, and each chat turned into the normalised event.
 * Shared by the connector and the fake.
 */
import { z } from 'zod';
import type { EventActor, IncomingEvent } from '../event-types.ts';

/** An IncomingEvent without the source id and time (per type, so `data` stays tied to `type`). */
type Normalised = IncomingEvent extends infer E ? (E extends IncomingEvent ? Omit<E, 'sourceId' | 'occurredAt'> : never) : never;

/** A frame from the server: RESPONSE (to AUTH), PONG, CHAT. */
export const trovoFrame = z.object({
  type: z.string(),
  nonce: z.string().optional(),
  error: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

const idLike = z.union([z.string(), z.number()]).transform(String);

/** One entry of `data.chats`. Ids arrive as strings or numbers depending on the field. */
export const trovoChat = z
  .object({
    type: z.number().int(),
    message_id: idLike,
    content: z.string().optional().default(''),
    nick_name: z.string().optional(),
    user_name: z.string().optional(),
    sender_id: idLike.optional(),
    uid: idLike.optional(),
    send_time: z.number().optional(),
    roles: z.array(z.string()).nullable().optional(),
    sub_tier: idLike.optional(),
    content_data: z.record(z.string(), z.unknown()).nullable().optional(),
  })
  .passthrough();
export type TrovoChat = z.infer<typeof trovoChat>;

/** Chat message types (Trovo's numbering). */
export const TROVO_CHAT_TYPES = {
  normal: 0,
  spell: 5,
  magicChatSuperCap: 6,
  magicChatColorful: 7,
  magicChatSpell: 8,
  magicChatBulletScreen: 9,
  subscription: 5001,
  follow: 5003,
  welcome: 5004,
  giftSubRandom: 5005,
  giftSub: 5006,
  raid: 5008,
  customSpell: 5009,
} as const;

/** Text messages: normal chat and the paid "magic chat" variants. */
const TEXT_TYPES: readonly number[] = [0, 6, 7, 8, 9];

const ROLE_MAP: Readonly<Record<string, 'broadcaster' | 'moderator' | 'subscriber' | 'vip'>> = {
  streamer: 'broadcaster',
  mod: 'moderator',
  supermod: 'moderator',
  subscriber: 'subscriber',
  vip: 'vip',
};

function roles(chat: TrovoChat): ('broadcaster' | 'moderator' | 'subscriber' | 'vip')[] {
  const out = new Set<'broadcaster' | 'moderator' | 'subscriber' | 'vip'>();
  for (const r of chat.roles ?? []) {
    const mapped = ROLE_MAP[r.toLowerCase()];
    if (mapped) out.add(mapped);
  }
  return (['broadcaster', 'moderator', 'subscriber', 'vip'] as const).filter((r) => out.has(r));
}

function actor(chat: TrovoChat): EventActor | null {
  const username = chat.user_name || chat.nick_name;
  if (!username) return null;
  return { id: chat.sender_id ?? chat.uid ?? null, username, display_name: chat.nick_name ?? null };
}

/** A spell's content: JSON naming the spell, how many, its unit value and currency (Mana is free, Elixir is bought). */
const spellContent = z.object({ gift: z.string().optional(), gift_id: idLike.optional(), num: z.coerce.number().optional(), gift_value: z.coerce.number().optional(), value_type: z.string().optional() }).passthrough();

function spell(content: string): z.infer<typeof spellContent> | null {
  try {
    const parsed = spellContent.safeParse(JSON.parse(content));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The first whole number in a text (gift counts and raid sizes travel in `content`). */
function firstNumber(text: string): number | null {
  const m = /\d+/.exec(text);
  return m ? Number(m[0]) : null;
}

/**
 * A chat as Bifrost's event, or null for types Bifrost does not map (welcome, system, Mana spells).
 * Spells bought with Elixir count as `cheer` (the platform's own currency, like Bits: `bits` is the
 * Elixir value); custom spells as `reward.redemption`.
 */
export function normaliseTrovoChat(chat: TrovoChat): Normalised | null {
  const who = actor(chat);
  if (TEXT_TYPES.includes(chat.type)) return { type: 'chat.message', actor: who, data: { message_id: chat.message_id, text: chat.content, reply_to: null, roles: roles(chat) } };
  switch (chat.type) {
    case TROVO_CHAT_TYPES.follow:
      return { type: 'follow', actor: who, data: {} };
    case TROVO_CHAT_TYPES.subscription:
      return { type: 'subscription', actor: who, data: { tier: chat.sub_tier ?? null, months: null, message: null, is_gift: false } };
    case TROVO_CHAT_TYPES.giftSubRandom:
      return { type: 'subscription.gift', actor: who, data: { tier: chat.sub_tier ?? null, count: firstNumber(chat.content) ?? 1, anonymous: false } };
    case TROVO_CHAT_TYPES.giftSub:
      // One sub gifted to a named viewer.
      return { type: 'subscription.gift', actor: who, data: { tier: chat.sub_tier ?? null, count: 1, anonymous: false } };
    case TROVO_CHAT_TYPES.raid:
      return { type: 'raid', actor: who, data: { viewers: firstNumber(chat.content) ?? 0 } };
    case TROVO_CHAT_TYPES.spell: {
      const s = spell(chat.content);
      if (!s || s.value_type?.toLowerCase() !== 'elixir') return null;
      return { type: 'cheer', actor: who, data: { bits: (s.gift_value ?? 0) * (s.num ?? 1), message: s.gift ?? null } };
    }
    case TROVO_CHAT_TYPES.customSpell: {
      const s = spell(chat.content);
      if (!s) return null;
      return { type: 'reward.redemption', actor: who, data: { reward_id: s.gift_id ?? s.gift ?? '', title: s.gift ?? '', cost: (s.gift_value ?? 0) * (s.num ?? 1), input: null } };
    }
    default:
      return null;
  }
}
