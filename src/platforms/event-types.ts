/**
 * The live-event contract: the normalised event every connector produces (the envelope the event log
 * stores and hands out), and what a connector gets from the events capability to run. Connectors live
 * in their platform's folder and speak its protocol; the capability (src/events/) owns the log, the
 * leases, the delivery and the state shown to users. Wire keys of `data` are snake_case already.
 */
import type { ClientCredentials, PlatformSlug } from './types.ts';

export const EVENT_TYPES = [
  'chat.message',
  'chat.message_deleted',
  'follow',
  'subscription',
  'subscription.gift',
  'cheer',
  'raid',
  'reward.redemption',
  'tip',
  'superchat',
  'membership',
  'stream.online',
  'stream.offline',
  'moderation.ban',
  'obs.scene_changed',
  'obs.stream_state',
  'obs.record_state',
  'obs.input_mute',
  'streamerbot.event',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Who did it (the chatter, follower, tipper, raiding channel, moderator). */
export interface EventActor {
  id: string | null;
  username: string;
  display_name: string | null;
}

/** `data` of each type. Amounts are in the currency's main unit (4.99, not 4990000 micros). */
export interface EventData {
  'chat.message': { message_id: string; text: string; reply_to: string | null; roles: ('broadcaster' | 'moderator' | 'subscriber' | 'vip' | 'member')[] };
  'chat.message_deleted': { message_id: string };
  follow: Record<string, never>;
  /** `months` cumulative where the platform says; `is_gift` when received as a gift. */
  subscription: { tier: string | null; months: number | null; message: string | null; is_gift: boolean };
  'subscription.gift': { tier: string | null; count: number; anonymous: boolean };
  cheer: { bits: number; message: string | null };
  raid: { viewers: number };
  'reward.redemption': { reward_id: string; title: string; cost: number; input: string | null };
  tip: { amount: number; currency: string; message: string | null };
  /** YouTube Super Chat, or a Super Sticker (`sticker: true`). */
  superchat: { amount: number; currency: string; message: string | null; sticker: boolean };
  membership: { level: string | null; months: number | null; is_gift: boolean };
  'stream.online': { title: string | null };
  'stream.offline': Record<string, never>;
  /** The banned or timed-out user; `duration_s` null for a permanent ban. The actor is the moderator. */
  'moderation.ban': { user_id: string | null; username: string; duration_s: number | null; reason: string | null };
  /** OBS switched its program scene (CurrentProgramSceneChanged). `tool_id` is the Bifrost tool. */
  'obs.scene_changed': { tool_id: string; scene: string };
  /** OBS's stream output changed (StreamStateChanged); `state` is OBS's own, e.g. OBS_WEBSOCKET_OUTPUT_STARTED. */
  'obs.stream_state': { tool_id: string; active: boolean; state: string };
  /** OBS's record output changed (RecordStateChanged). */
  'obs.record_state': { tool_id: string; active: boolean; state: string };
  /** An OBS input was muted or unmuted (InputMuteStateChanged). */
  'obs.input_mute': { tool_id: string; input: string; muted: boolean };
  /** A Streamer.bot event the tool subscribes to: its source and type (e.g. General, Custom) and its data as sent. */
  'streamerbot.event': { tool_id: string; event_source: string; event_type: string; payload: Record<string, unknown> };
}

/** Which connector an event came from: a platform's own (`twitch.eventsub`, `kick.webhook` …), StreamElements, or a tool's live connection. */
export type EventSource = `${PlatformSlug}.${string}` | 'streamelements' | 'obs' | 'streamerbot';

/** What a connector hands the log: the envelope without the ids and times the log assigns. */
export type IncomingEvent = {
  [T in EventType]: {
    type: T;
    /** The platform's own id of this message/notification: the log keeps each (source, source_id) once. */
    sourceId: string;
    occurredAt: number;
    actor: EventActor | null;
    data: EventData[T];
  };
}[EventType];

/** A stored event (camelCase domain object; REST turns it into the snake_case envelope). Times are epoch ms. */
export type StoredEvent = IncomingEvent & {
  id: string;
  /** Monotonic per account, no gaps from the consumer's point of view: resume with `after=<seq>`. */
  seq: number;
  accountId: string;
  platform: PlatformSlug;
  integrationId: string | null;
  source: EventSource;
  receivedAt: number;
};

/** The state of one live connection, as REST, GraphQL and the dashboard show it. */
/** `reason` on `connected`: what works only partly (a subscription skipped for a missing scope, one the platform revoked). */
export type ConnectorState = { state: 'connected'; reason?: string } | { state: 'connecting' | 'off' } | { state: 'error'; reason: string };

/** The `[events]` settings connectors are built with (the config's events section has them). */
export interface ConnectorSettings {
  /** Quota units YouTube live-chat reading may spend a day, per channel. */
  readonly youtube_quota_units_per_day: number;
}

/**
 * What the events capability gives a running connector. `run()` resolves or rejects when the
 * connection ends; the capability reconnects with jittered backoff while the integration stays
 * connected and this instance holds its lease, and aborts `signal` when it must stop at once.
 */
export interface ConnectorContext {
  readonly signal: AbortSignal;
  readonly integrationId: string;
  readonly accountId: string;
  readonly credentials: ClientCredentials;
  /** The channel's identity on the platform (broadcaster id; Trovo channel id). */
  readonly channel: { platformUserId: string; username: string; channelId?: string | undefined };
  /** Endpoint base URLs of this platform (fakes in tests and sandbox), as the adapter has them. */
  readonly baseUrls: Readonly<Record<string, string>>;
  readonly fetch: typeof fetch;
  readonly now: () => number;
  /** A valid access token, through the one refresh path. */
  accessToken(): Promise<string>;
  /** The platform said the token is invalid or expired: one forced refresh (shared by every reader); the new token. */
  tokenRejected(): Promise<string>;
  /** Appends to the log (deduplicated by source and sourceId); resolves once stored. */
  emit(source: EventSource, events: readonly IncomingEvent[]): Promise<void>;
  setState(state: ConnectorState): void;
  /** Small state that survives restarts and moves with the lease (YouTube's page token, Kick's subscription ids). */
  cursor: { get(): Promise<string | null>; set(value: string | null): Promise<void> };
  /** Real-time wait that ends early (rejects) when `signal` aborts; tests replace it. */
  sleep(ms: number): Promise<void>;
  /** `server.public_url`: where platforms that push by webhook (Kick) deliver; absent when unknown. */
  readonly publicUrl?: string | undefined;
  /**
   * Platform-side subscriptions whose deliveries arrive over HTTP (Kick webhooks): the connector
   * records the full current list so the ingest route can match a delivery to this integration.
   */
  readonly webhookSubscriptions?: { save(list: readonly WebhookSubscription[]): Promise<void> } | undefined;
}

/** One platform-side webhook subscription: the platform's id, event name and version. */
export interface WebhookSubscription {
  id: string;
  event: string;
  version: number;
}

export interface Connector {
  /** Connects and delivers until the connection ends or `ctx.signal` aborts. */
  run(ctx: ConnectorContext): Promise<void>;
  /** Removes the platform-side subscriptions (disconnect means stop); best effort. */
  unsubscribe?(ctx: ConnectorContext): Promise<void>;
}

/**
 * Thrown by a connector when retrying cannot help until a person acts (StreamElements rejected the
 * JWT, the grant lacks a scope): the capability shows `error` with the reason and stops reconnecting
 * until the connection is changed.
 */
export class ConnectorGaveUp extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    this.name = 'ConnectorGaveUp';
    this.reason = reason;
  }
}
