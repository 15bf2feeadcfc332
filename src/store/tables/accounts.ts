/** Row types of the accounts capability's tables (see core.ts for the conventions). */
export interface AccountsTables {
  users: {
    id: string;
    /** Lowercase; unique. */
    username: string;
    /** argon2id PHC string. */
    password_hash: string;
    is_instance_admin: number;
    created_at: number;
    updated_at: number;
  };
  accounts: {
    id: string;
    name: string;
    created_at: number;
    updated_at: number;
  };
  /** A custom role of one account (built-in roles live in code, see builtin-roles.ts). */
  roles: {
    id: string;
    account_id: string;
    name: string;
    /** JSON array of permission strings. */
    permissions: string;
    created_at: number;
    updated_at: number;
  };
  memberships: {
    account_id: string;
    user_id: string;
    /** A built-in role name (owner, admin, editor, viewer) or a custom role id (rol_…). */
    role: string;
    created_at: number;
  };
  sessions: {
    /** sha256 of the cookie value; the value itself is never stored. */
    id_hash: string;
    user_id: string;
    csrf_token: string;
    created_at: number;
    last_seen_at: number;
    ip: string | null;
  };
  invites: {
    id: string;
    account_id: string;
    token_hash: string;
    role: string;
    created_by: string | null;
    created_at: number;
    expires_at: number;
    used_at: number | null;
    used_by: string | null;
  };
  api_keys: {
    id: string;
    account_id: string;
    /** The member who created it; the key never holds more than they do. */
    user_id: string;
    name: string;
    /** The first characters of the key, shown in lists so a key can be recognised. */
    prefix: string;
    key_hash: string;
    /** JSON array of permission strings. */
    permissions: string;
    created_at: number;
    expires_at: number | null;
    last_used_at: number | null;
  };
  app_credentials: {
    id: string;
    account_id: string;
    platform: string;
    client_id: string;
    client_secret_enc: string;
    created_at: number;
    updated_at: number;
  };
  /** One-time setup tokens (hashed), valid while no user exists. */
  setup_tokens: {
    token_hash: string;
    created_at: number;
    expires_at: number;
  };
  /** Login throttle buckets shared by every instance: `ip:<address>`, `pair:<address>|<username>`, `user:<username>` (throttle.ts). */
  login_throttle: {
    key: string;
    /** Failures in the current streak. */
    failures: number;
    /** The streak's previous counted failure (0: none), so a refunded attempt restores it. */
    window_start: number;
    /** Unused since locks are derived from the streak; kept for the schema. */
    locked_until: number;
    /** The streak's last counted failure. */
    updated_at: number;
  };
}
