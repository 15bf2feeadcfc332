import type { Generated } from 'kysely';

/** Row types of the push capability (src/push): the token event outbox, webhooks and their delivery outbox. */
export interface PushTables {
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
  webhooks: {
    id: string;
    account_id: string;
    url: string;
    /** JSON array of token event types. */
    events: string;
    /** JSON array of live event types (migration 060). */
    event_types: Generated<string>;
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
