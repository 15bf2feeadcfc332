/**
 * A refresh that failed for a reason of Bifrost's own rather than one of the platform's outcomes
 * (failures.ts): a secret that cannot be decrypted, a database error, a bug. It is recorded on the
 * row like a platform failure, so that no trigger (the worker least of all) retries it at once, and
 * logged at error with the integration id and the error code. Refresh tokens are never touched, and
 * refresh_started_at stays as it was: a failure after the platform answered may have lost a rotation.
 */
import type { Updateable } from 'kysely';
import type { RefreshContext } from './context.ts';
import type { Database } from '../store/schema.ts';
import type { IntegrationRow } from '../integrations/model.ts';
import type { Attribution } from '../access/caller.ts';
import { AppError, isAppError } from '../errors/app-error.ts';
import { backoffDelay } from '../net/backoff.ts';
import { openIncident } from '../health/incidents.ts';
import { isUndecryptable, markUndecryptable, UNDECRYPTABLE } from './undecryptable.ts';
import { settleLease } from './lease.ts';

/** Outcomes the refresh path has already recorded on the row (or that need no record): not internal failures. */
const RECORDED_OUTCOMES: ReadonlySet<string> = new Set([
  'NEEDS_REAUTH',
  'PLATFORM_UNAVAILABLE',
  'REFRESH_IN_PROGRESS',
  'REFRESH_FAILED',
  'NO_REFRESH_TOKEN',
]);

export function isRecordedOutcome(err: unknown): boolean {
  return isAppError(err) && RECORDED_OUTCOMES.has(err.code);
}

interface Attempt {
  row: IntegrationRow;
  epoch: number;
  actor?: Attribution | undefined;
}

/** Writes the outcome under the lease epoch; when the database itself fails, the lease expiring is the backoff. */
async function record(deps: RefreshContext, attempt: Attempt, set: Updateable<Database['integrations']>): Promise<void> {
  try {
    await settleLease(deps, attempt.row.id, attempt.epoch, { ...set, last_refresh_attempt_at: deps.clock.now() });
  } catch (err) {
    deps.log.error({ err, integration: attempt.row.id }, 'could not record the failed refresh; its lease expires on its own');
  }
}

/** Records the failure and returns the error the caller throws instead. */
export async function handleInternalFailure(deps: RefreshContext, attempt: Attempt, err: unknown): Promise<AppError> {
  const { row } = attempt;
  const code = isAppError(err) ? err.code : 'INTERNAL';
  if (isUndecryptable(err)) {
    await record(deps, attempt, { last_refresh_result: UNDECRYPTABLE, last_refresh_error: code });
    deps.metrics.refreshes.inc({ platform: row.platform, outcome: UNDECRYPTABLE });
    return markUndecryptable(deps, row, attempt.actor);
  }
  const cfg = deps.config.tokens;
  const failures = row.consecutive_failures + 1;
  const delay = backoffDelay(failures, { baseMs: cfg.backoff_base, capMs: cfg.backoff_cap }, deps.random);
  deps.log.error({ err, integration: row.id, platform: row.platform, code, failures, retry_in_ms: delay }, 'token refresh failed inside Bifrost; backing off');
  await record(deps, attempt, { consecutive_failures: failures, next_attempt_at: deps.clock.now() + delay, last_refresh_result: 'error', last_refresh_error: code });
  deps.metrics.refreshes.inc({ platform: row.platform, outcome: 'error' });
  if (failures >= cfg.degraded_after) {
    await openIncident(deps, row, { kind: 'degraded', reason: 'internal_error', action: 'integration.token_error', actor: attempt.actor, details: { failures, error: code } }).catch(
      (failure: unknown) => deps.log.error({ err: failure, integration: row.id }, 'could not record the degraded incident'),
    );
  }
  return new AppError('REFRESH_FAILED', `Bifrost could not refresh this token (${code}); it tries again later`, {
    retryAfter: Math.max(1, Math.ceil(delay / 1000)),
    details: { reason: 'internal_error', error: code },
    cause: err,
  });
}
