/**
 * The one refresh path. Every refresh (the Refresh button, the worker, a consumer's read, a 401
 * report, a failed validation) goes through `refreshIntegration`: single-flight in the process (with
 * a hard timeout), a fenced database lease across processes (acquire.ts), a re-read after taking the
 * lease, and the new token pair committed in one guarded statement before anyone sees it (commit.ts).
 * No database transaction is held across the platform call (SQLite has one connection per process).
 */
import { AppError } from '../errors/app-error.ts';
import { isPlatformError } from '../platforms/errors.ts';
import type { ClientCredentials, TokenSet } from '../platforms/types.ts';
import type { IntegrationRow } from '../integrations/model.ts';
import { credentialsFor } from '../integrations/credentials.ts';
import { requirePlatform } from '../integrations/platform.ts';
import { openRefreshToken } from '../tokens/sealed-tokens.ts';
import { claimProbe, findAlarm, throttledUntil, type Alarm } from '../health/platform-gates.ts';
import { markNeedsReauth } from '../health/needs-reauth.ts';
import type { RefreshContext } from './context.ts';
import type { RefreshOptions } from './options.ts';
import { singleFlight } from './single-flight.ts';
import { leaseMs, releaseLease, settleLease, startIfUngated, unmarkStart } from './lease.ts';
import { nextRefreshAt } from './schedule.ts';
import { acquire, needsRefresh, needsReauthError } from './acquire.ts';
import { afterCommit, commitTokens, fencedOut } from './commit.ts';
import { handleRefreshFailure, unavailable } from './failures.ts';
import { handleInternalFailure, isRecordedOutcome } from './internal-failures.ts';

/** The refresh token in clear, or undefined when it does not open (the caller meets the error where it handles it). */
function tryOpenRefreshToken(ctx: RefreshContext, sealed: { id: string; refresh_token_enc: string }): string | undefined {
  try {
    return openRefreshToken(ctx, sealed);
  } catch {
    return undefined;
  }
}

export async function refreshIntegration(ctx: RefreshContext, id: string, options: RefreshOptions): Promise<IntegrationRow> {
  const existing = ctx.flights.get(id);
  if (existing) {
    // Join the refresh already running here; a lease the worker claimed meanwhile must not block it.
    if (options.lease) await releaseLease(ctx, id, options.lease.epoch);
    const row = await existing;
    if (options.seenVersion === undefined || row.token_version !== options.seenVersion) return row;
    // The flight we joined did not refresh the version this caller reported: run one of our own.
  }
  const hardTimeout = Math.min(leaseMs(ctx) - 5_000, 30_000);
  return singleFlight(ctx.flights, id, () => runRefresh(ctx, id, options), {
    ms: hardTimeout,
    error: () => new AppError('REFRESH_IN_PROGRESS', 'the refresh of this token did not finish in time; retry', { retryAfter: 2 }),
  });
}

async function runRefresh(ctx: RefreshContext, id: string, options: RefreshOptions): Promise<IntegrationRow> {
  const seen = { v: options.seenVersion };
  let held = options.lease;
  if (held) seen.v ??= held.row.token_version;
  else {
    const acquired = await acquire(ctx, id, options, seen);
    if ('done' in acquired) return acquired.done;
    held = acquired.lease;
  }
  const { epoch, row } = held;
  let settled = false;
  const release = async (set: Parameters<typeof settleLease>[3]): Promise<void> => {
    settled = true;
    await settleLease(ctx, id, epoch, set);
  };
  try {
    if (row.status === 'needs_reauth') throw needsReauthError(row);
    if (!needsRefresh(ctx, row, options, seen.v)) {
      // A claim the worker cannot use moves the row's schedule on, so the next claim does not take it again.
      if (options.trigger === 'worker') await release({ next_refresh_at: nextRefreshAt(ctx.config.tokens, row) });
      return row;
    }
    const now = ctx.clock.now();
    const adapter = requirePlatform(ctx, row.platform);
    if (!row.refresh_token_enc) throw new AppError('NO_REFRESH_TOKEN', 'this integration has no refresh token; reconnect it');

    const backoff = options.trigger !== 'manual' && row.next_attempt_at !== null && row.next_attempt_at > now;
    const sealed = { id: row.id, refresh_token_enc: row.refresh_token_enc };
    // Read and opened ahead of the gates (neither has an effect of its own); a failure of either is
    // met again below, where it always was, so the decisions keep their order.
    const opened = backoff ? undefined : tryOpenRefreshToken(ctx, sealed);
    // The usual case, nothing in the way: one statement checks the platform gates and marks the start,
    // side by side with the credentials read (one round trip instead of two on PostgreSQL). Usable
    // credentials are always the client the tokens were issued to (credentialsFor), so the alarm gate
    // can name row.client_id before they arrive.
    const [early, marked] =
      opened === undefined
        ? [undefined, false]
        : await Promise.all([
            credentialsFor(ctx, row).then((c) => ({ c }), () => undefined),
            startIfUngated(ctx, { id, epoch, platform: row.platform, clientId: row.client_id, now }),
          ]);
    // Marked without usable credentials (rare: they changed, or did not read): the mark is taken back
    // before the gates are read one by one, so nothing says a platform call started that never did.
    const started = marked && early?.c !== undefined;
    if (marked && !started) await unmarkStart(ctx, { id, epoch, row });
    let alarm: Alarm | undefined;
    let credentials: ClientCredentials | undefined = started ? early?.c : undefined;
    if (!credentials) {
      const notBefore = await throttledUntil(ctx, row.platform);
      if (notBefore !== undefined) {
        await release({ next_attempt_at: notBefore });
        throw unavailable(row.platform, 'rate_limited', notBefore - now);
      }
      // Backoff binds every automatic path (consumers included, so an outage cannot multiply calls);
      // the Refresh button bypasses it (Nango's manual-refresh rule).
      if (backoff) throw unavailable(row.platform, 'backoff', row.next_attempt_at! - now);
      credentials = early ? early.c : await credentialsFor(ctx, row);
      if (!credentials) {
        await release({ last_refresh_result: 'credentials_changed' });
        await markNeedsReauth(ctx, row, 'credentials_changed', options.actor);
        throw new AppError('NEEDS_REAUTH', 'the app credentials these tokens were issued to are gone or changed; reconnect', { details: { reason: 'credentials_changed' } });
      }
      alarm = await findAlarm(ctx, row.platform, credentials.clientId);
      if (alarm && !(await claimProbe(ctx, alarm))) {
        await release({ next_attempt_at: alarm.next_probe_at });
        throw unavailable(row.platform, 'invalid_client', alarm.next_probe_at - now);
      }
    }

    const uncertain = row.refresh_started_at !== null;
    const refreshToken = opened ?? openRefreshToken(ctx, sealed);
    if (!started) {
      const marked = await ctx.store.db
        .updateTable('integrations')
        .set({ refresh_started_at: now, last_refresh_attempt_at: now })
        .where('id', '=', id)
        .where('refresh_epoch', '=', epoch)
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) === 0) throw new AppError('REFRESH_IN_PROGRESS', 'lost the refresh lease; retry', { retryAfter: 2 });
    }

    ctx.steps.at('before_platform_call');
    let tokens: TokenSet;
    try {
      tokens = await adapter.refresh({ credentials, refreshToken });
    } catch (err) {
      if (!isPlatformError(err)) throw err;
      settled = true;
      ctx.tokens.forget(id);
      const outcome = await handleRefreshFailure(ctx, { row, epoch, clientId: credentials.clientId, uncertain, actor: options.actor }, err);
      if ('row' in outcome) return outcome.row;
      throw outcome.error;
    }
    ctx.steps.at('after_platform_response');
    const fresh = await commitTokens(ctx, row, epoch, tokens);
    settled = true;
    ctx.tokens.forget(id);
    if (!fresh) return await fencedOut(ctx, row);
    ctx.steps.at('after_commit');
    options.onCommitted?.();
    // The new tokens are committed: a failure to announce them must not fail the refresh (the worker
    // closes a still-open incident later; audit and event are best effort past this point).
    return await afterCommit(ctx, fresh, row, options, alarm).catch((err: unknown) => {
      ctx.log.error({ err, integration: id }, 'refresh committed, but recording it failed');
      return fresh;
    });
  } catch (err) {
    if (settled || isRecordedOutcome(err)) throw err;
    // Not a platform outcome (a secret that does not decrypt, the database, a bug): recorded with backoff.
    settled = true;
    ctx.tokens.forget(id);
    throw await handleInternalFailure(ctx, { row, epoch, actor: options.actor }, err);
  } finally {
    if (!settled) await releaseLease(ctx, id, epoch).catch((err: unknown) => ctx.log.warn({ err, integration: id }, 'could not release the refresh lease; it expires on its own'));
  }
}
