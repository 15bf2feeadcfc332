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
}
