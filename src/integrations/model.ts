/** The integration domain object, mapped from its row: what every API shows of a connected account. Never tokens. */
import type { Selectable } from 'kysely';
import type { IntegrationsTables } from '../store/tables/integrations.ts';
import type { PlatformAdapter } from '../platforms/types.ts';

export type IntegrationRow = Selectable<IntegrationsTables['integrations']>;

/** One connected platform account, as every API shows it (REST in snake_case, GraphQL as is). Times are epoch ms. */
export interface Integration {
  id: string;
  platform: string;
  platformId: number;
  integrationType: 'channel' | 'bot';
  botIdentifier: string | null;
  isGlobal: boolean;
  platformUserId: string;
  platformUsername: string;
  displayName: string;
  scopes: string[];
  tokenExpiresAt: number;
  status: 'active' | 'degraded' | 'needs_reauth';
  statusReason: string | null;
  hasVerifiedBotBadge: boolean;
  isVerifiedBot: boolean;
  isActive: boolean;
  isDefaultBot: boolean;
  connectedAt: number;
  updatedAt: number;
  lastRefreshedAt: number | null;
  /** Token health (the refresh worker): when it refreshes next, how the last attempt and validation went. */
  nextRefreshAt: number | null;
  lastRefreshAttemptAt: number | null;
  lastRefreshResult: string | null;
  lastRefreshError: string | null;
  consecutiveFailures: number;
  lastValidatedAt: number | null;
  lastValidationResult: string | null;
}

export function parseScopes(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

export function toIntegration(row: IntegrationRow, adapter: Pick<PlatformAdapter, 'platformId'>): Integration {
  return {
    id: row.id,
    platform: row.platform,
    platformId: adapter.platformId,
    integrationType: row.integration_type,
    botIdentifier: row.bot_identifier,
    isGlobal: row.account_id === null,
    platformUserId: row.platform_user_id,
    platformUsername: row.platform_username,
    displayName: row.display_name,
    scopes: parseScopes(row.scopes),
    tokenExpiresAt: row.token_expires_at,
    status: row.status,
    statusReason: row.status_reason,
    hasVerifiedBotBadge: row.has_verified_bot_badge === 1,
    isVerifiedBot: row.is_verified_bot === 1,
    isActive: row.is_active === 1,
    isDefaultBot: row.is_default_bot === 1,
    connectedAt: row.connected_at,
    updatedAt: row.updated_at,
    lastRefreshedAt: row.last_refreshed_at,
    nextRefreshAt: row.next_refresh_at,
    lastRefreshAttemptAt: row.last_refresh_attempt_at,
    lastRefreshResult: row.last_refresh_result,
    lastRefreshError: row.last_refresh_error,
    consecutiveFailures: row.consecutive_failures,
    lastValidatedAt: row.last_validated_at,
    lastValidationResult: row.last_validation_result,
  };
}
