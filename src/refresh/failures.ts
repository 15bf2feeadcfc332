/**
 * What a failed refresh does, by class of failure (README "How tokens stay fresh"). Every write is
 * guarded by the lease epoch and releases the lease in the same statement; tokens are never touched,
 * so a failure never loses one.
 * - invalid_grant: re-read (a sibling may have rotated) → needs_reauth, or `lost_rotation` when an
 *   earlier attempt's outcome was unknown (crash or lost response after the platform rotated);
 * - invalid_client / unauthorized_client: one platform-level alarm, refreshes with that client paused;
 * - 429: "no calls before" for the whole platform, shared by every instance;
 * - anything else (network, 5xx, garbage): keep the tokens, full-jitter backoff, degraded after N.
 */
import type { RefreshContext } from './context.ts';
import type { IntegrationRow } from '../integrations/model.ts';
import type { PlatformError } from '../platforms/errors.ts';
import { AppError } from '../errors/app-error.ts';
import { recordAudit } from '../audit/record.ts';
import { findIntegrationById } from '../integrations/repository.ts';
import type { Updateable } from 'kysely';
import type { Database } from '../store/schema.ts';
import { SYSTEM, type Attribution } from '../access/caller.ts';
import { backoffDelay } from '../net/backoff.ts';
import { DEFAULT_THROTTLE_MS, findAlarm, openAlarm, throttlePlatform } from '../health/platform-gates.ts';
import { notify, openIncident } from '../health/incidents.ts';
import { settleLease } from './lease.ts';

export interface Attempt {
  row: IntegrationRow;
  epoch: number;
  clientId: string;
  /** A previous attempt with this refresh token may have reached the platform (refresh_started_at was set). */
  uncertain: boolean;
  actor?: Attribution | undefined;
}

export type FailureOutcome = { error: AppError } | { row: IntegrationRow };

export function unavailable(platform: string, reason: string, retryAfterMs: number, cause?: unknown): AppError {
  return new AppError('PLATFORM_UNAVAILABLE', `${platform} cannot refresh this token right now (${reason}); retry later`, {
    retryAfter: Math.max(1, Math.ceil(retryAfterMs / 1000)),
    details: { platform, reason },
    cause,
  });
}

/** One guarded write: only while this epoch holds the lease; always releases it. */
async function settle(deps: RefreshContext, attempt: Attempt, set: Updateable<Database['integrations']>): Promise<void> {
  await settleLease(deps, attempt.row.id, attempt.epoch, { ...set, last_refresh_attempt_at: deps.clock.now() });
}

function describe(err: PlatformError): string {
  return [err.kind, err.oauthError, err.httpStatus].filter((p) => p !== undefined && p !== null).join(':');
}

export async function handleRefreshFailure(deps: RefreshContext, attempt: Attempt, err: PlatformError): Promise<FailureOutcome> {
  const { row } = attempt;
  const now = deps.clock.now();
  const platform = row.platform;
  const oauth = err.kind === 'oauth' ? err.oauthError : undefined;

  if (oauth === 'invalid_grant') {
    // OA-14: a dead grant only if nobody replaced the refresh token since we read it.
    const current = await findIntegrationById(deps.store.db, row.id);
    if (current && (current.refresh_token_enc !== row.refresh_token_enc || current.token_version !== row.token_version)) {
      await settle(deps, attempt, { refresh_started_at: null });
      deps.metrics.refreshes.inc({ platform, outcome: 'sibling_rotated' });
      return { row: current };
    }
    const reason = attempt.uncertain ? 'lost_rotation' : 'invalid_grant';
    await settle(deps, attempt, { refresh_started_at: null, last_refresh_result: reason, last_refresh_error: describe(err) });
    deps.metrics.refreshes.inc({ platform, outcome: reason });
    await openIncident(deps, row, { kind: 'needs_reauth', reason, action: 'integration.token_error', actor: attempt.actor, details: { platform_error: oauth } });
    const message =
      reason === 'lost_rotation'
        ? 'the platform rotated this refresh token in an attempt whose answer was lost; reconnect the integration'
        : 'the platform no longer accepts this grant; reconnect the integration';
    return { error: new AppError('NEEDS_REAUTH', message, { details: { reason }, cause: err }) };
  }

  if (oauth === 'invalid_client' || oauth === 'unauthorized_client') {
    if (await openAlarm(deps, platform, attempt.clientId, oauth)) {
      const actor = attempt.actor ?? SYSTEM;
      await recordAudit(deps, {
        accountId: row.account_id,
        actor: actor.actor,
        action: 'integration.token_error',
        target: { type: 'integration', id: row.id },
        ip: actor.ip ?? null,
        details: { platform, status: 'platform_alarm', reason: oauth },
      });
      await notify(deps, { accountId: row.account_id, integrationId: null, platform, kind: 'platform_alarm', reason: oauth });
    }
    const alarm = await findAlarm(deps, platform, attempt.clientId);
    const nextProbe = alarm?.next_probe_at ?? now + DEFAULT_THROTTLE_MS;
    await settle(deps, attempt, { refresh_started_at: null, next_attempt_at: nextProbe, last_refresh_result: 'invalid_client', last_refresh_error: describe(err) });
    deps.metrics.refreshes.inc({ platform, outcome: 'invalid_client' });
    return { error: unavailable(platform, 'invalid_client', nextProbe - now, err) };
  }

  if (err.kind === 'status' && err.httpStatus === 429) {
    const notBefore = now + (err.retryAfter !== undefined ? err.retryAfter * 1000 : DEFAULT_THROTTLE_MS);
    await throttlePlatform(deps, platform, notBefore);
    // A 429 means the request was not processed: no rotation can have happened.
    await settle(deps, attempt, { refresh_started_at: null, next_attempt_at: notBefore, last_refresh_result: 'throttled', last_refresh_error: describe(err) });
    deps.metrics.refreshes.inc({ platform, outcome: 'throttled' });
    return { error: unavailable(platform, 'rate_limited', notBefore - now, err) };
  }

  // Transient (or unexpected but not definitive): keep the tokens and back off.
  const cfg = deps.config.tokens;
  const failures = row.consecutive_failures + 1;
  const delay = backoffDelay(failures, { baseMs: cfg.backoff_base, capMs: cfg.backoff_cap }, deps.random, err.retryAfter);
  // No answer or an unreadable one: the platform may have rotated; a 5xx answer means it did not.
  const outcomeUnknown = err.kind === 'network' || err.kind === 'body';
  await settle(deps, attempt, {
    consecutive_failures: failures,
    next_attempt_at: now + delay,
    last_refresh_result: 'transient',
    last_refresh_error: describe(err),
    ...(outcomeUnknown ? {} : { refresh_started_at: null }),
  });
  deps.metrics.refreshes.inc({ platform, outcome: 'transient' });
  if (failures >= cfg.degraded_after) {
    await openIncident(deps, row, {
      kind: 'degraded',
      reason: err.kind === 'network' ? 'platform_unreachable' : 'platform_error',
      action: 'integration.token_error',
      actor: attempt.actor,
      details: { failures, error: describe(err) },
    });
  }
  return { error: unavailable(platform, err.kind === 'network' ? 'platform_unreachable' : 'platform_error', delay, err) };
}
