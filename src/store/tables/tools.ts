/** Row types of the tools capability's tables (see core.ts for the conventions). */
export interface ToolsTables {
  tools: {
    /** `tool_…` */
    id: string;
    account_id: string;
    kind: 'obs' | 'streamerbot';
    label: string;
    host: string;
    port: number;
    /** WebSocket path, starting with "/". */
    endpoint: string;
    /** AES-GCM envelope (AAD tools.password_enc.<id>); null when the tool has no password. */
    password_enc: string | null;
    /** OBS only: 1 when the user opted into a remote host; otherwise host is 127.0.0.1. */
    remote_access: number;
    enabled: number;
    last_test_at: number | null;
    last_test_ok: number | null;
    last_test_message: string | null;
    /** Streamer.bot only: JSON array of "Source.Type" events its link subscribes to; null means the default (General.Custom). */
    event_subscriptions: string | null;
    created_at: number;
    updated_at: number;
  };
  streamelements_tokens: {
    /** `se_…` */
    id: string;
    account_id: string;
    platform: string;
    label: string | null;
    /** AES-GCM envelope of the JWT (AAD streamelements_tokens.token_enc.<id>). */
    token_enc: string;
    /** Last 4 characters of the JWT, shown as "Token: …xxxx". */
    token_hint: string;
    /** From the JWT's `exp` when present. */
    expires_at: number | null;
    created_at: number;
    /** `failing` once StreamElements refused the JWT (migration 061); a new token is needed. */
    status: 'ok' | 'failing';
    status_reason: string | null;
  };
  tool_states: {
    tool_id: string;
    /** The instance holding the tool's live connection (its lease is `connection_leases` key `tool:<id>`), null when nobody does. */
    owner: string | null;
    state: 'connected' | 'connecting' | 'auth_failed' | 'unreachable' | 'disabled';
    /** Why it is not connected, in words for the member. */
    reason: string | null;
    /** The connected program's version. */
    version: string | null;
    updated_at: number;
  };
  tool_requests: {
    /** `treq_…` */
    id: string;
    tool_id: string;
    /** JSON of the ToolMessage to send. */
    message: string;
    status: 'pending' | 'done';
    /** JSON of the ToolAnswer, once done. */
    answer: string | null;
    created_at: number;
  };
}
