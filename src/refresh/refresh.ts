/**
 * The one refresh path. Every refresh (the Refresh button, the worker, a consumer's read, a 401
 * report, a failed validation) goes through `refreshIntegration`: single-flight in the process (with
 * a hard timeout), a fenced database lease across processes, a re-read after taking the lease, and
 * the new token pair committed in one guarded statement before anyone sees it. No database
 * transaction is held across the platform call (SQLite has one connection per process).
 */
import type { Kysely } from 'kysely';
import type { Runtime } from '../runtime.ts';
import type { Database } from '../store/schema.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { decryptSecret } from '../crypto/envelope.ts';
import { isPlatformError } from '../platforms/errors.ts';
import type { TokenSet } from '../platforms/types.ts';
import { findIntegrationById } from '../integrations/repository.ts';
import type { IntegrationRow } from '../integrations/model.ts';
import { credentialsFor } from '../integrations/credentials.ts';
import { tokenColumns } from '../integrations/store-tokens.ts';
import { recordAudit } from '../audit/write.ts';
import { requirePlatform } from '../integrations/platform.ts';
import { SYSTEM_ACTOR, type AuditActor } from '../integrations/audit-actor.ts';
import { tokensState } from './state.ts';
import { singleFlight } from './single-flight.ts';
import { leaseMs, releaseLease, settleLease, takeLease, type HeldLease } from './lease.ts';
import { floorEndsAt, isDue, msOf, nextRefreshAt, readWantsRefresh, validFor } from './schedule.ts';
import { claimProbe, clearAlarm, findAlarm, throttledUntil, type Alarm } from '../health/platform-gates.ts';
import { handleRefreshFailure, unavailable } from './failures.ts';
import { handleInternalFailure, isRecordedOutcome } from './internal-failures.ts';
import { closeIncident, notify, openIncident } from '../health/incidents.ts';
import { emitEvent } from '../push/events.ts';
import { failpoint } from './failpoints.ts';
import { metrics } from '../metrics.ts';
import { forgetToken } from '../tokens/token-cache.ts';

export type RefreshTrigger = 'manual' | 'worker' | 'consumer' | 'report' | 'validation';

export interface RefreshOptions {
  trigger: RefreshTrigger;
  actor?: AuditActor;
  /**
   * Forced refresh of the token at this version: done unless the token changed since (a 401 report,
   * a failed validation). The Refresh button forces the version it finds.
   */
  seenVersion?: number;
  /** A lease the worker already claimed for this integration. */
  lease?: HeldLease;
  /** A consumer read: how long the token must stay valid (default tokens.read_margin). */
  validForMs?: number;
}

/** How long a caller waits for another instance's refresh before a 503 (platform timeout + margin). */
const WAIT_BUDGET_MS = 15_000;

const FORCED: ReadonlySet<RefreshTrigger> = new Set(['manual', 'report', 'validation']);

function needsReauthError(row: Pick<IntegrationRow, 'status_reason'>): AppError {
  const reason = row.status_reason ?? 'needs_reauth';
  return new AppError('NEEDS_REAUTH', `this integration must be reconnected (${reason})`, { details: { reason } });
}

/**
 * Whether the row still needs what this caller asked for. Forced refreshes (the Refresh button, a 401
 * report, a failed validation) ignore the schedule but not min_refresh_interval: within it they
 * refresh nothing and get the current token, the freshest there is, so a bot reporting 401 in a loop
 * or a script pressing Refresh in one never hammers the platform.
 */
function needsRefresh(rt: Runtime, row: IntegrationRow, options: RefreshOptions, seen: number | undefined): boolean {
  const cfg = rt.config.tokens;
  const now = rt.clock.now();
  if (FORCED.has(options.trigger) || options.seenVersion !== undefined) return row.token_version === seen && floorEndsAt(cfg, row) <= now;
  if (options.trigger === 'worker') return isDue(cfg, row, now);
  return readWantsRefresh(cfg, row, now, options.validForMs ?? msOf(cfg.read_margin));
}

/** Marks an integration as needing re-authorization (one audit event, notification and event per incident). */
export async function markNeedsReauth(rt: Runtime, row: IntegrationRow, reason: string, actor: AuditActor = SYSTEM_ACTOR): Promise<void> {
  await openIncident(rt, row, { kind: 'needs_reauth', reason, action: 'integration.status_updated', actor });
  forgetToken(rt, row.id);
}

export async function refreshIntegration(rt: Runtime, id: string, options: RefreshOptions): Promise<IntegrationRow> {
  const st = tokensState(rt);
  const existing = st.flights.get(id);
  if (existing) {
    // Join the refresh already running here; a lease the worker claimed meanwhile must not block it.
    if (options.lease) await releaseLease(rt, id, options.lease.epoch);
    const row = await existing;
    if (options.seenVersion === undefined || row.token_version !== options.seenVersion) return row;
    // The flight we joined did not refresh the version this caller reported: run one of our own.
  }
  const hardTimeout = Math.min(leaseMs(rt) - 5_000, 30_000);
  return singleFlight(st.flights, id, hardTimeout, () => runRefresh(rt, id, options), () =>
    new AppError('REFRESH_IN_PROGRESS', 'the refresh of this token did not finish in time; retry', { retryAfter: 2 }),
  );
}

async function acquire(rt: Runtime, id: string, options: RefreshOptions, seen: { v: number | undefined }): Promise<{ lease: HeldLease } | { done: IntegrationRow }> {
  const st = tokensState(rt);
  const wait = options.trigger !== 'worker';
  const maxPolls = Math.ceil(WAIT_BUDGET_MS / 75);
  for (let polls = 0; ; polls++) {
    const lease = await takeLease(rt, id);
    if (lease) {
      seen.v ??= lease.row.token_version;
      return { lease };
    }
    if (polls === 0) metrics.leaseConflicts.inc();
    const row = await findIntegrationById(rt.store.db, id);
    if (!row) throw notFound('integration');
    seen.v ??= row.token_version;
    if (row.status === 'needs_reauth') throw needsReauthError(row);
    if (!needsRefresh(rt, row, options, seen.v)) return { done: row };
    if (!wait || polls >= maxPolls) {
      throw new AppError('REFRESH_IN_PROGRESS', 'another Bifrost instance is refreshing this token; retry', { retryAfter: 2 });
    }
    await st.sleep(50 + Math.floor(st.random() * 50));
  }
}

async function runRefresh(rt: Runtime, id: string, options: RefreshOptions): Promise<IntegrationRow> {
  const seen = { v: options.seenVersion };
  let held = options.lease;
  if (held) seen.v ??= held.row.token_version;
  else {
    const acquired = await acquire(rt, id, options, seen);
    if ('done' in acquired) return acquired.done;
    held = acquired.lease;
  }
  const { epoch, row } = held;
  let settled = false;
  const release = async (set: Parameters<typeof settleLease>[3]): Promise<void> => {
    settled = true;
    await settleLease(rt, id, epoch, set);
  };
  try {
    if (row.status === 'needs_reauth') throw needsReauthError(row);
    if (!needsRefresh(rt, row, options, seen.v)) {
      // A claim the worker cannot use moves the row's schedule on, so the next claim does not take it again.
      if (options.trigger === 'worker') await release({ next_refresh_at: nextRefreshAt(rt.config.tokens, row) });
      return row;
    }
    const now = rt.clock.now();
    const adapter = requirePlatform(rt, row.platform);
    if (!row.refresh_token_enc) throw new AppError('NO_REFRESH_TOKEN', 'this integration has no refresh token; reconnect it');

    const notBefore = await throttledUntil(rt, row.platform);
    if (notBefore !== undefined) {
      await release({ next_attempt_at: notBefore });
      throw unavailable(row.platform, 'rate_limited', notBefore - now);
    }
    // Backoff binds every automatic path (consumers included, so an outage cannot multiply calls);
    // the Refresh button bypasses it (Nango's manual-refresh rule).
    if (options.trigger !== 'manual' && row.next_attempt_at !== null && row.next_attempt_at > now) {
      throw unavailable(row.platform, 'backoff', row.next_attempt_at - now);
    }
    const credentials = await credentialsFor(rt, row);
    if (!credentials) {
      await release({ last_refresh_result: 'credentials_changed' });
      await markNeedsReauth(rt, row, 'credentials_changed', options.actor);
      throw new AppError('NEEDS_REAUTH', 'the app credentials these tokens were issued to are gone or changed; reconnect', { details: { reason: 'credentials_changed' } });
    }
    const alarm = await findAlarm(rt, row.platform, credentials.clientId);
    if (alarm && !(await claimProbe(rt, alarm))) {
      await release({ next_attempt_at: alarm.next_probe_at });
      throw unavailable(row.platform, 'invalid_client', alarm.next_probe_at - now);
    }

    const uncertain = row.refresh_started_at !== null;
    const refreshToken = decryptSecret(rt.keyring, row.refresh_token_enc, { table: 'integrations', column: 'refresh_token_enc', rowId: row.id });
    const started = await rt.store.db
      .updateTable('integrations')
      .set({ refresh_started_at: now, last_refresh_attempt_at: now })
      .where('id', '=', id)
      .where('refresh_epoch', '=', epoch)
      .executeTakeFirst();
    if (Number(started.numUpdatedRows) === 0) throw new AppError('REFRESH_IN_PROGRESS', 'lost the refresh lease; retry', { retryAfter: 2 });

    failpoint(rt, 'before_platform_call');
    let tokens: TokenSet;
    try {
      tokens = await adapter.refresh({ credentials, refreshToken });
    } catch (err) {
      if (!isPlatformError(err)) throw err;
      settled = true;
      forgetToken(rt, id);
      const outcome = await handleRefreshFailure(rt, { row, epoch, clientId: credentials.clientId, uncertain, actor: options.actor }, err);
      if ('row' in outcome) return outcome.row;
      throw outcome.error;
    }
    failpoint(rt, 'after_platform_response');
    const fresh = await commitTokens(rt, row, epoch, tokens);
    settled = true;
    forgetToken(rt, id);
    if (!fresh) return await fencedOut(rt, row);
    failpoint(rt, 'after_commit');
    // The new tokens are committed: a failure to announce them must not fail the refresh (the worker
    // closes a still-open incident later; audit and event are best effort past this point).
    return await afterCommit(rt, fresh, row, options, alarm).catch((err: unknown) => {
      rt.log.error({ err, integration: id }, 'refresh committed, but recording it failed');
      return fresh;
    });
  } catch (err) {
    if (settled || isRecordedOutcome(err)) throw err;
    // Not a platform outcome (a secret that does not decrypt, the database, a bug): recorded with backoff.
    settled = true;
    forgetToken(rt, id);
    throw await handleInternalFailure(rt, { row, epoch, actor: options.actor }, err);
  } finally {
    if (!settled) await releaseLease(rt, id, epoch).catch((err: unknown) => rt.log.warn({ err, integration: id }, 'could not release the refresh lease; it expires on its own'));
  }
}

/**
 * Access token, refresh token (when returned) and expiry in one statement, fenced by epoch and version.
 * The statement runs in an explicit transaction so that the crash suite can kill the process after
 * the write and before its COMMIT (failpoint mid_commit): the database must then keep the old row.
 */
async function commitTokens(rt: Runtime, row: IntegrationRow, epoch: number, tokens: TokenSet): Promise<IntegrationRow | undefined> {
  const now = rt.clock.now();
  const columns = tokenColumns(rt, row.id, tokens, row.refresh_token_enc);
  return rt.store.db.transaction().execute(async (trx) => {
    const nextRefresh = nextRefreshAt(rt.config.tokens, { token_expires_at: columns.token_expires_at, last_refreshed_at: now, connected_at: row.connected_at });
    const written = await writeTokens(trx, row, epoch, columns, tokens, now, nextRefresh);
    failpoint(rt, 'mid_commit');
    return written;
  });
}

function writeTokens(
  db: Kysely<Database>,
  row: IntegrationRow,
  epoch: number,
  columns: ReturnType<typeof tokenColumns>,
  tokens: TokenSet,
  now: number,
  nextRefresh: number,
): Promise<IntegrationRow | undefined> {
  return db
    .updateTable('integrations')
    .set({
      ...columns,
      ...(tokens.scopes ? { scopes: JSON.stringify(tokens.scopes) } : {}),
      token_version: row.token_version + 1,
      status: 'active',
      status_reason: null,
      refresh_started_at: null,
      refresh_lease_until: null,
      refresh_lease_owner: null,
      consecutive_failures: 0,
      next_attempt_at: null,
      next_refresh_at: nextRefresh,
      last_refresh_result: 'ok',
      last_refresh_error: null,
      last_refresh_attempt_at: now,
      last_refreshed_at: now,
      updated_at: now,
    })
    .where('id', '=', row.id)
    .where('refresh_epoch', '=', epoch)
    .where('token_version', '=', row.token_version)
    .returningAll()
    .executeTakeFirst();
}

/** Nothing was written: the row is gone (disconnected meanwhile), or our lease expired and someone else wrote. */
async function fencedOut(rt: Runtime, row: IntegrationRow): Promise<IntegrationRow> {
  const current = await findIntegrationById(rt.store.db, row.id);
  if (!current) throw notFound('integration');
  metrics.refreshes.inc({ platform: row.platform, outcome: 'fenced' });
  rt.log.error({ integration: row.id, platform: row.platform }, 'refresh result discarded: the lease expired before the commit (platform slower than the lease?)');
  if (current.status !== 'needs_reauth' && validFor(current, rt.clock.now(), 0)) return current;
  throw new AppError('REFRESH_IN_PROGRESS', 'the refresh lost its lease; retry', { retryAfter: 2 });
}

async function afterCommit(rt: Runtime, fresh: IntegrationRow, before: IntegrationRow, options: RefreshOptions, alarm: Alarm | undefined): Promise<IntegrationRow> {
  metrics.refreshes.inc({ platform: fresh.platform, outcome: 'ok' });
  const actor = options.actor ?? SYSTEM_ACTOR;
  await recordAudit(rt, {
    accountId: fresh.account_id,
    actor: actor.actor,
    action: 'integration.token_refreshed',
    target: { type: 'integration', id: fresh.id },
    ip: actor.ip ?? null,
    details: { platform: fresh.platform, trigger: options.trigger, expires_at: new Date(fresh.token_expires_at).toISOString() },
  });
  await emitEvent(rt, {
    type: 'token.refreshed',
    accountId: fresh.account_id,
    integrationId: fresh.id,
    platform: fresh.platform,
    data: { expires_at: new Date(fresh.token_expires_at).toISOString(), version: fresh.token_version, trigger: options.trigger },
  });
  if (alarm && (await clearAlarm(rt, alarm.platform, alarm.client_id))) {
    // The probe went through: the client works again (one audit event and notification, like the alarm).
    await recordAudit(rt, {
      accountId: fresh.account_id,
      actor: actor.actor,
      action: 'integration.status_updated',
      target: { type: 'integration', id: fresh.id },
      ip: actor.ip ?? null,
      details: { platform: fresh.platform, status: 'platform_alarm_cleared', reason: alarm.reason },
    });
    await notify(rt, { accountId: fresh.account_id, integrationId: null, platform: fresh.platform, kind: 'platform_alarm_cleared', reason: alarm.reason });
  }
  if (before.incident !== null && (await closeIncident(rt, fresh, actor))) return { ...fresh, incident: null };
  return fresh;
}
