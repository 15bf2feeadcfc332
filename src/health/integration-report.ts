/**
 * Every integration's health in one read for `bifrost status`: who it is, its state, when its token
 * expires and how its last refresh went. Reads only plain columns (no token is decrypted), so it
 * needs the database but not the keys.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';

export interface IntegrationHealth {
  id: string;
  platform: string;
  /** `channel` or `bot`, the bot's identifier after a colon (`bot:moderator`); `global bot` for an instance-wide one. */
  kind: string;
  /** The owning account's name, or null for a global bot. */
  account: string | null;
  username: string;
  /** active | degraded | needs_reauth, or `disabled` when switched off. */
  state: string;
  /** Why it is degraded or needs a reconnect, when it does. */
  reason: string | null;
  tokenExpiresAt: number;
  lastRefreshedAt: number | null;
  lastAttemptAt: number | null;
  /** ok | transient | throttled | invalid_grant | … (null: never attempted). */
  lastResult: string | null;
  /** A short, safe description of the last failure; never a body or a token. */
  lastError: string | null;
}

/** Ordered by platform, then channel before bots, then account and username. */
export async function integrationHealthReport(db: Kysely<Database>): Promise<IntegrationHealth[]> {
  const rows = await db
    .selectFrom('integrations')
    .leftJoin('accounts', 'accounts.id', 'integrations.account_id')
    .select([
      'integrations.id',
      'integrations.platform',
      'integrations.integration_type',
      'integrations.bot_identifier',
      'integrations.account_id',
      'accounts.name as account_name',
      'integrations.platform_username',
      'integrations.status',
      'integrations.status_reason',
      'integrations.is_active',
      'integrations.token_expires_at',
      'integrations.last_refreshed_at',
      'integrations.last_refresh_attempt_at',
      'integrations.last_refresh_result',
      'integrations.last_refresh_error',
    ])
    .orderBy('integrations.platform')
    .orderBy('integrations.integration_type', 'desc')
    .orderBy('accounts.name')
    .orderBy('integrations.platform_username')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    platform: r.platform,
    kind: r.account_id === null ? 'global bot' : r.integration_type === 'bot' && r.bot_identifier ? `bot:${r.bot_identifier}` : r.integration_type,
    account: r.account_name ?? null,
    username: r.platform_username,
    state: Number(r.is_active) === 0 ? 'disabled' : r.status,
    reason: r.status_reason,
    tokenExpiresAt: Number(r.token_expires_at),
    lastRefreshedAt: r.last_refreshed_at === null ? null : Number(r.last_refreshed_at),
    lastAttemptAt: r.last_refresh_attempt_at === null ? null : Number(r.last_refresh_attempt_at),
    lastResult: r.last_refresh_result,
    lastError: r.last_refresh_error,
  }));
}
