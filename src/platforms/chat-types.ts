/**
 * The chat and moderation contract of a platform: what it can do and within which limits (data the
 * chat capability reads, never `if (slug === …)`), and the calls its adapter makes. Identities are the
 * platform's own ids; conversions of units (Kick's minutes) and of targets (Trovo's nicknames) happen
 * inside the adapter, which reports what it actually applied.
 */
import type { ClientCredentials } from './types.ts';

/** How a platform limits sending, as data. */
export type ChatLimit =
  /** A sliding window per (sender, channel): Twitch, Kick. */
  | {
      readonly kind: 'window';
      readonly windowMs: number;
      readonly messages: number;
      /** The limit when the sender is the broadcaster or a moderator of the channel (Twitch 100/30 s). */
      readonly elevatedMessages?: number;
      /** The limit of a verified bot (Twitch); channel limits still apply, so this is per channel too. */
      readonly verifiedMessages?: number;
    }
  /** A daily budget of quota units per app (YouTube; resets at midnight Pacific time). */
  | { readonly kind: 'quota'; readonly dailyUnits: number; readonly costs: Readonly<Record<ChatOperation, number>> }
  /** Requests per minute for the whole app (client id): Trovo. */
  | { readonly kind: 'app'; readonly windowMs: number; readonly requests: number };

export type ChatOperation = 'send' | 'delete' | 'ban' | 'unban' | 'discover';

export interface ChatCapabilities {
  /** Longest message in characters (Unicode code points). */
  readonly maxMessageLength: number;
  /** `reply_to` is supported. */
  readonly replies: boolean;
  /** Deleting a single message is supported. */
  readonly deleteMessage: boolean;
  /** How a moderation target is named on the wire: the platform user id, or the username (Trovo: nicknames in chat commands). */
  readonly moderationTarget: 'user_id' | 'username';
  /**
   * Timeouts in the platform's unit: `unitSeconds` 60 for minutes (Kick). A requested `duration_s` is
   * rounded up to whole units and clamped to [min, max] seconds; the applied value is reported.
   * null: the platform has no timeouts (bans only).
   */
  readonly timeout: { readonly unitSeconds: number; readonly minSeconds: number; readonly maxSeconds: number } | null;
  /** Longest ban reason the platform takes; null when it takes none. */
  readonly maxReasonLength: number | null;
  /** Unbanning needs the ban's own id, returned when banning (YouTube): the capability keeps it. */
  readonly unbanByBanId: boolean;
  /** Sending needs the channel's live chat to be found first (YouTube liveChatId): `discover` is called with the channel's token. */
  readonly needsLiveChat: boolean;
  /** Scopes each operation needs of the sender's grant (platform spellings). */
  readonly scopes: { readonly send: readonly string[]; readonly delete: readonly string[]; readonly moderate: readonly string[] };
  /**
   * Scopes the channel owner's own grant must hold for another account (a bot) to act in the channel
   * (Trovo: `send_to_my_channel`); absent when the platform asks nothing of the channel.
   */
  readonly channelScopes?: { readonly send?: readonly string[]; readonly delete?: readonly string[]; readonly moderate?: readonly string[] };
  readonly limit: ChatLimit;
}

/** Who acts, in which channel, with which token. */
export interface ChatCall {
  credentials: ClientCredentials;
  /** The sender's access token. */
  accessToken: string;
  /** The sender's platform user id (Twitch `sender_id`, `moderator_id`). */
  senderId: string;
  /** The channel owner's platform user id (Twitch `broadcaster_id`, Kick `broadcaster_user_id`). */
  broadcasterId: string;
  /** The channel id where it differs from the user id (Trovo). */
  channelId?: string | undefined;
  /** YouTube: the live chat found by `discover` (the capability caches it). */
  liveChatId?: string | undefined;
}

export interface SentMessage {
  /** The platform's message id; null when the platform answers none (Trovo's `{}`). */
  messageId: string | null;
}

export interface ModerationTarget {
  userId?: string | undefined;
  username?: string | undefined;
}

export interface BanResult {
  /** The seconds actually applied after unit conversion and clamping; undefined for a permanent ban. */
  appliedDurationS?: number | undefined;
  /** The platform's id of the ban (YouTube: needed to unban). */
  banId?: string | undefined;
}

/**
 * A platform's chat calls. Errors are PlatformErrors (`status` 429 carries retryAfter; a refused
 * message — Twitch's `is_sent: false` — is `ChatRefused`), thrown before or after the platform was
 * reached; `maybeDelivered` on a network error after the request was written means the send must not
 * be retried.
 */
export interface ChatAdapter {
  send(call: ChatCall, message: { text: string; replyTo?: string | undefined }): Promise<SentMessage>;
  deleteMessage(call: ChatCall, messageId: string): Promise<void>;
  /** With `durationS` a timeout, without a permanent ban. */
  ban(call: ChatCall, target: ModerationTarget, options: { durationS?: number | undefined; reason?: string | undefined }): Promise<BanResult>;
  unban(call: ChatCall, target: ModerationTarget & { banId?: string | undefined }): Promise<void>;
  /** YouTube: the active broadcast's liveChatId with the channel's own token; null when the channel is not live. */
  discover?(call: ChatCall): Promise<string | null>;
  /** Twitch: whether the sender moderates the channel (raises its window); the capability caches the answer. */
  senderRole?(call: ChatCall): Promise<'broadcaster' | 'moderator' | 'viewer'>;
}
