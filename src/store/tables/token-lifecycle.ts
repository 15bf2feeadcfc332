/**
 * The token lifecycle's columns on `integrations` (lease, schedule, failures, validation, incident),
 * beside the token columns that only the token store (src/tokens) writes.
 */
import type { Generated } from 'kysely';

/**
 * Columns migration 030 adds to `integrations` (joined into its row type in src/integrations/tables.ts).
 * Times are epoch ms. Null means "never" / "none".
 */
export interface IntegrationLifecycleColumns {
  /** Cross-process refresh lease: held until this time by `refresh_lease_owner`. */
  refresh_lease_until: number | null;
  refresh_lease_owner: string | null;
  /** Fencing epoch: bumped on every lease grant; a write carrying an older epoch is discarded. */
  refresh_epoch: Generated<number>;
  /**
   * Set before a refresh request leaves for the platform, cleared when its outcome is known. Still set
   * at the next attempt means the previous one may have rotated the refresh token unseen (crash, lost
   * response): a strict platform's invalid_grant then means `lost_rotation`, not a retry.
   */
  refresh_started_at: number | null;
  /** When the worker should refresh next (expiry minus margin, at most a day after the last refresh). */
  next_refresh_at: number | null;
  /** Backoff after transient failures: no automatic attempt before this time. */
  next_attempt_at: number | null;
  consecutive_failures: Generated<number>;
  last_refresh_attempt_at: number | null;
  /** ok | transient | throttled | invalid_grant | lost_rotation | invalid_client | no_credentials | … */
  last_refresh_result: string | null;
  /** Short, safe description of the last failure (error kind and platform error code; never a body). */
  last_refresh_error: string | null;
  /** Validation (Twitch: at start-up and hourly): when the next one is due, the last one and its result. */
  validation_due_at: number | null;
  last_validated_at: number | null;
  last_validation_result: string | null;
  /** The open incident ('degraded' | 'needs_reauth'), so each is notified once and its recovery once. */
  incident: string | null;
}
