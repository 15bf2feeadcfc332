/** Row types of the integrations capability: connected platform accounts and pending OAuth transactions. */
import type { IntegrationLifecycleColumns } from './token-lifecycle.ts';

export interface IntegrationsTables {
  /** Plus the refresh lease and health columns of the token lifecycle (migration 030). */
  integrations: IntegrationLifecycleColumns & {
    id: string;
    /** Owning account; null for an instance-wide global bot. */
    account_id: string | null;
    platform: string;
    integration_type: 'channel' | 'bot';
    bot_identifier: string | null;
    platform_user_id: string;
    platform_username: string;
    display_name: string;
    /** JSON array of granted scopes. */
    scopes: string;
    /** Client id the tokens were issued to (refresh must use the same client). */
    client_id: string;
    access_token_enc: string;
    refresh_token_enc: string | null;
    token_expires_at: number;
    status: 'active' | 'degraded' | 'needs_reauth';
    status_reason: string | null;
    has_verified_bot_badge: number;
    is_verified_bot: number;
    is_active: number;
    is_default_bot: number;
    connected_at: number;
    updated_at: number;
    last_refreshed_at: number | null;
    /** Fencing version: bumped on every token write so a stale writer's update is discarded. */
    token_version: number;
  };
  oauth_transactions: {
    /** sha256(state): the state itself is never stored. */
    id: string;
    platform: string;
    account_id: string | null;
    user_id: string;
    /** Hash of the browser session that started the flow; the callback must come from it. */
    session_hash: string;
    integration_type: 'channel' | 'bot';
    bot_identifier: string | null;
    /** Set for a reconnect: the integration whose tokens are replaced. */
    integration_id: string | null;
    is_global: number;
    /** JSON array of requested scopes. */
    scopes: string;
    pkce_verifier_enc: string | null;
    created_at: number;
    expires_at: number;
  };
}
