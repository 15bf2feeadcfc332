/** The integration as the API shows it (the documented snake_case fields), mapped from its row. Never tokens. */
import type { Selectable } from 'kysely';
import type { IntegrationsTables } from './tables.ts';
import type { PlatformAdapter } from '../platforms/types.ts';

export type IntegrationRow = Selectable<IntegrationsTables['integrations']>;

export interface IntegrationView {
  id: string;
  platform: string;
  platform_id: number;
  integration_type: 'channel' | 'bot';
  bot_identifier: string | null;
  is_global: boolean;
  platform_user_id: string;
  platform_username: string;
  display_name: string;
  scopes: string[];
  token_expires_at: string;
  status: 'active' | 'degraded' | 'needs_reauth';
  status_reason: string | null;
  has_verified_bot_badge: boolean;
  is_verified_bot: boolean;
  is_active: boolean;
  is_default_bot: boolean;
  connected_at: string;
  updated_at: string;
  last_refreshed_at: string | null;
  /** Token health (the tokens capability): when the worker refreshes next, how the last attempt and validation went. */
  next_refresh_at: string | null;
  last_refresh_attempt_at: string | null;
  last_refresh_result: string | null;
  last_refresh_error: string | null;
  consecutive_failures: number;
  last_validated_at: string | null;
  last_validation_result: string | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function parseScopes(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

export function toView(row: IntegrationRow, adapter: Pick<PlatformAdapter, 'platformId'>): IntegrationView {
  return {
    id: row.id,
    platform: row.platform,
    platform_id: adapter.platformId,
    integration_type: row.integration_type,
    bot_identifier: row.bot_identifier,
    is_global: row.account_id === null,
    platform_user_id: row.platform_user_id,
    platform_username: row.platform_username,
    display_name: row.display_name,
    scopes: parseScopes(row.scopes),
    token_expires_at: iso(row.token_expires_at),
    status: row.status,
    status_reason: row.status_reason,
    has_verified_bot_badge: row.has_verified_bot_badge === 1,
    is_verified_bot: row.is_verified_bot === 1,
    is_active: row.is_active === 1,
    is_default_bot: row.is_default_bot === 1,
    connected_at: iso(row.connected_at),
    updated_at: iso(row.updated_at),
    last_refreshed_at: row.last_refreshed_at === null ? null : iso(row.last_refreshed_at),
    next_refresh_at: row.next_refresh_at === null ? null : iso(row.next_refresh_at),
    last_refresh_attempt_at: row.last_refresh_attempt_at === null ? null : iso(row.last_refresh_attempt_at),
    last_refresh_result: row.last_refresh_result,
    last_refresh_error: row.last_refresh_error,
    consecutive_failures: row.consecutive_failures,
    last_validated_at: row.last_validated_at === null ? null : iso(row.last_validated_at),
    last_validation_result: row.last_validation_result,
  };
}
