/** Row types of the consumers capability (src/consumers): service keys, Companion token servers, and read counts. */
export interface ConsumersTables {
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
    /** JSON array of acting permissions granted to the key (chat:send, moderation:manage); null = token reads only. */
    permissions: string | null;
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
}
