/** Row types of the token lifecycle: lease and health columns on integrations, and the tokens capability's own tables. */
import type { Generated } from 'kysely';

/**
 * Columns migration 030 adds to `integrations` (joined into its row type in src/integrations/tables.ts).
 * Times are epoch ms. Null means "never" / "none".
 */
export interface IntegrationLifecycleColumns {
  /** Cross-process refresh lease: held until this time by `refresh_lease_owner`. */
  refresh_lease_until: number | null;
  refresh_lease_owner: string | null;
  /** Fencing epoch: bumped on every lease grant; a write carrying an older epoch is discarded. */
  refresh_epoch: Generated<number>;
  /**
   * Set before a refresh request leaves for the platform, cleared when its outcome is known. Still set
   * at the next attempt means the previous one may have rotated the refresh token unseen (crash, lost
   * response): a strict platform's invalid_grant then means `lost_rotation`, not a retry.
   */
  refresh_started_at: number | null;
  /** When the worker should refresh next (expiry minus margin, at most a day after the last refresh). */
  next_refresh_at: number | null;
  /** Backoff after transient failures: no automatic attempt before this time. */
  next_attempt_at: number | null;
  consecutive_failures: Generated<number>;
  last_refresh_attempt_at: number | null;
  /** ok | transient | throttled | invalid_grant | lost_rotation | invalid_client | no_credentials | … */
  last_refresh_result: string | null;
  /** Short, safe description of the last failure (error kind and platform error code; never a body). */
  last_refresh_error: string | null;
  /** Validation (Twitch: at start-up and hourly): when the next one is due, the last one and its result. */
  validation_due_at: number | null;
  last_validated_at: number | null;
  last_validation_result: string | null;
  /** The open incident ('degraded' | 'needs_reauth'), so each is notified once and its recovery once. */
  incident: string | null;
}

export interface TokensTables {
  /** Per-consumer service keys (`bfs_…`), stored hashed; an account's bots read tokens with them. */
  service_keys: {
    id: string;
    account_id: string;
    name: string;
    /** First characters of the key, shown in lists so a key can be recognised. */
    prefix: string;
    key_hash: string;
    /** JSON array of integration ids this key may read; null = any of the account's. */
    integration_ids: string | null;
    /** JSON array of platform slugs this key may read; null = any. */
    platforms: string | null;
    created_by: string | null;
    created_at: number;
    last_used_at: number | null;
  };
  /** Companion token-server ids (Companion sends GET url?id=<id>), one per integration, stored hashed. */
  token_servers: {
    integration_id: string;
    account_id: string | null;
    id_hash: string;
    created_by: string | null;
    created_at: number;
    last_used_at: number | null;
  };
  /** Token reads per consumer and integration (counts flushed in batches). */
  consumer_reads: {
    consumer: string;
    integration_id: string;
    account_id: string | null;
    read_count: number;
    last_read_at: number;
    /** Last `integration.token_read` audit event for this pair (at most one per hour). */
    last_audited_at: number | null;
  };
  /** 429 from a platform: no call to it before `not_before`, shared by every instance. */
  platform_throttle: {
    platform: string;
    not_before: number;
    updated_at: number;
  };
  /** invalid_client from a platform for one client id: one alarm, refreshes paused, probed now and then. */
  platform_alarms: {
    platform: string;
    client_id: string;
    reason: string;
    opened_at: number;
    next_probe_at: number;
  };
  /** Outbox of token lifecycle events: read by SSE streams on every instance and fanned out to webhooks. */
  token_events: {
    id: string;
    type: string;
    account_id: string | null;
    integration_id: string | null;
    platform: string | null;
    /** JSON object, never secrets. */
    payload: string;
    created_at: number;
  };
  /** Operator notifications: one per incident and one per recovery. */
  notifications: {
    id: string;
    account_id: string | null;
    integration_id: string | null;
    platform: string | null;
    kind: string;
    reason: string | null;
    created_at: number;
  };
  webhooks: {
    id: string;
    account_id: string;
    url: string;
    /** JSON array of event types. */
    events: string;
    /** AES-GCM envelope of the signing secret (AAD webhooks.secret_enc.<id>). */
    secret_enc: string;
    created_by: string | null;
    created_at: number;
  };
  /** Webhook delivery outbox: any instance claims due rows with a lease and posts them. */
  webhook_deliveries: {
    id: string;
    webhook_id: string;
    event_id: string;
    event_type: string;
    /** The JSON body exactly as signed and sent. */
    body: string;
    state: 'pending' | 'delivered' | 'failed';
    attempts: number;
    next_attempt_at: number;
    lease_until: number | null;
    lease_owner: string | null;
    last_status: number | null;
    last_error: string | null;
    created_at: number;
    delivered_at: number | null;
  };
}
