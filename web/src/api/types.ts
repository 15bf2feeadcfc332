/** Shapes of Bifrost's REST API as the dashboard reads them (snake_case, as the server sends them). */

export type PlatformSlug = 'twitch' | 'youtube' | 'kick' | 'trovo' | (string & {});

export interface User {
  id: string;
  username: string;
  is_instance_admin: boolean;
}

export interface AccountSummary {
  id: string;
  name: string;
  /** Built-in role name or custom role id; role_name is what to show. */
  role: string;
  role_name?: string;
  permissions: string[];
}

export interface Me {
  user: User;
  accounts: AccountSummary[];
  current_account_id: string | null;
  csrf_token: string;
}

export interface SetupStatus {
  needs_setup: boolean;
}

export interface AuthResult {
  user: User;
  csrf_token: string;
  account?: { id: string; name: string };
}

export type CardState = 'unavailable' | 'not_configured' | 'configured' | 'connected';

export interface PlatformInfo {
  slug: PlatformSlug;
  platform_id: number;
  name: string;
  is_configured: boolean;
  enabled: boolean;
  state: CardState;
  credentials_source?: 'account' | 'instance' | 'sandbox' | 'none';
  sandbox?: boolean;
}

export type IntegrationStatus = 'active' | 'degraded' | 'needs_reauth';

export interface Integration {
  id: string;
  platform: PlatformSlug;
  platform_id: number;
  integration_type: 'channel' | 'bot';
  bot_identifier: string | null;
  is_global?: boolean;
  platform_user_id: string;
  platform_username: string;
  display_name: string;
  scopes: string[];
  token_expires_at: string | null;
  status: IntegrationStatus;
  status_reason: string | null;
  has_verified_bot_badge: boolean;
  is_verified_bot: boolean;
  is_active: boolean;
  is_default_bot: boolean;
  connected_at: string;
  updated_at: string;
  last_refreshed_at: string | null;
}

export interface PlatformIntegrations {
  platform_id: number;
  platform_slug: PlatformSlug;
  platform_name: string;
  channel: Integration | null;
  bots: Integration[];
  global_bot: Integration | null;
}

export interface ConnectResult {
  authorization_url: string;
  state: string;
}

export interface AppCredential {
  platform: PlatformSlug;
  source: 'account' | 'instance' | 'sandbox' | 'none';
  client_id_hint: string | null;
  redirect_uri: string;
  created_at: string | null;
  updated_at: string | null;
}

export interface AdminPlatform {
  slug: PlatformSlug;
  name?: string;
  enabled: boolean;
  updated_at?: string | null;
}

export interface Member {
  user_id: string;
  username: string;
  /** A built-in role name or a custom role id (rol_…). */
  role: string;
  role_name?: string;
  joined_at?: string | number;
}

export interface Role {
  /** The built-in name (owner, admin, editor, viewer) or the custom role id. */
  id: string;
  name: string;
  permissions: string[];
  builtin?: boolean;
}

export interface Invite {
  invite_url: string;
  expires_at: string;
}

/** An unused invite (its link is never shown again). */
export interface PendingInvite {
  id: string;
  role: string;
  role_name: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix?: string;
  created_by?: { id: string; username: string };
  key_hint?: string;
  permissions: string[];
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
}

export interface ServiceKey {
  id: string;
  name: string;
  prefix?: string;
  key_hint?: string;
  integration_ids?: string[] | null;
  platforms?: string[] | null;
  created_at: string;
  last_used_at: string | null;
}

/** The one response that carries a new secret; shown once, then dropped from memory. */
export interface CreatedSecret {
  key?: string;
  secret?: string;
}

export interface TokenServerId {
  token_server_id: string;
  url: string;
}

export interface Webhook {
  id: string;
  url: string;
  events: string[];
  created_at: string;
  last_delivery_at?: string | null;
  last_status?: string | number | null;
}

export type ToolKind = 'obs' | 'streamerbot';

export interface Tool {
  id: string;
  kind: ToolKind;
  label: string;
  host: string;
  port: number;
  endpoint: string;
  remote_access: boolean;
  enabled: boolean;
  has_password: boolean;
  last_test_at?: string | null;
  last_test_ok?: boolean | null;
  last_test_message?: string | null;
  created_at: string;
  updated_at: string;
}

export interface ToolTestResult {
  ok: boolean;
  message: string;
  version?: string;
  outcome?: string;
}

export interface StreamElementsToken {
  id: string;
  platform: PlatformSlug;
  label: string | null;
  token_hint: string;
  /** "Token: …xxxx", as the StreamElements panel shows it. */
  display_hint?: string;
  created_at: string;
  expires_at?: string | null;
}

export type AuditActor = string | { type: string; id: string | null; label?: string | null } | null;
export type AuditTarget = string | { type: string; id: string } | null;

export interface AuditEntry {
  id: string;
  action: string;
  actor: AuditActor;
  target: AuditTarget;
  ip: string | null;
  created_at: string;
  details?: Record<string, unknown> | null;
}

export interface AuditPage {
  items: AuditEntry[];
  next_cursor: string | null;
}
