/** Row types of the events capability's tables (migration 060; see core.ts for the conventions). */
export interface EventsTables {
  /** The per-account counter `events.seq` takes its next value from, in the inserting transaction. */
  event_sequences: { account_id: string; last_seq: number };
  events: {
    /** `evt_…` */
    id: string;
    account_id: string;
    /** Monotonic and gap-free per account. */
    seq: number;
    type: string;
    platform: string;
    integration_id: string | null;
    /** Which connector delivered it (`twitch.eventsub`, `streamelements` …). */
    source: string;
    /** The platform's own id of the message: unique per account and source. */
    source_id: string;
    occurred_at: number;
    received_at: number;
    /** JSON of EventActor, or null. */
    actor: string | null;
    /** JSON of the type's data. */
    data: string;
  };
  /** One owner per live connection (or any other single-owner connection), by key. */
  connection_leases: { key: string; owner: string; expires_at: number };
  connector_states: {
    /** `integration:<id>` or `streamelements:<id>` */
    key: string;
    account_id: string;
    kind: 'integration' | 'streamelements';
    integration_id: string | null;
    streamelements_token_id: string | null;
    platform: string;
    state: 'connected' | 'connecting' | 'error' | 'off';
    reason: string | null;
    /** The instance running it. */
    owner: string | null;
    updated_at: number;
  };
  connector_cursors: { key: string; value: string; updated_at: number };
}
