/** Row types of the chat capability (src/chat): shared send limits, platform blocks, ban ids and the chat log. */
import type { Generated } from 'kysely';

export interface ChatTables {
  /**
   * One row per limit key (a sender in a channel, an app's quota or request window): locked while a
   * slot is taken so every instance sees the same count; `blocked_until` holds a platform's 429.
   */
  chat_limits: {
    key: string;
    /** Epoch ms until which the platform refused this sender (its Retry-After); null when not blocked. */
    blocked_until: number | null;
    /** Quota limits: units spent in `period`. */
    units_used: number;
    /** Quota limits: the budget's day (YYYY-MM-DD in the platform's reset zone). */
    period: string | null;
    /**
     * Window limits: how many `chat_slots` rows the key holds, in the window or past it (those are
     * pruned, and this recounted, only when it reaches the limit). Never fewer than the rows.
     */
    slots: Generated<number>;
    updated_at: number;
  };
  /** Slots taken in a sliding window: one row per send (or request) at its time, pruned past the window once the limit row counts the limit. */
  chat_slots: {
    id: string;
    key: string;
    at: number;
  };
  /** Bans whose unban needs the platform's ban id (YouTube). */
  chat_bans: {
    platform: string;
    /** The channel integration the ban applies in. */
    channel_id: string;
    target: string;
    ban_id: string;
    created_at: number;
  };
  /** Own sends and moderation actions of an account, for the dashboard; pruned to the last few hundred. */
  chat_log: {
    id: string;
    account_id: string;
    platform: string;
    action: 'sent' | 'deleted' | 'banned' | 'timed_out' | 'unbanned';
    sender_integration_id: string;
    sender_username: string;
    /** The target user (id or username) or message id; null for a send. */
    target: string | null;
    /** Our own message's text (sends only; never another user's text). */
    text: string | null;
    message_id: string | null;
    duration_s: number | null;
    created_at: number;
  };
}
