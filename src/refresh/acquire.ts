/**
 * Taking the refresh lease for a caller, or finding that it needs no refresh any more: while another
 * refresh (this instance's worker, another instance) holds the lease, a caller that waits polls the
 * row until that refresh gave it what it asked for, the wait budget runs out, or it takes the lease.
 */
import { AppError, notFound } from '../errors/app-error.ts';
import { findIntegrationById } from '../integrations/repository.ts';
import type { IntegrationRow } from '../integrations/model.ts';
import type { RefreshContext } from './context.ts';
import type { RefreshOptions, RefreshTrigger } from './options.ts';
import { takeLease, type HeldLease } from './lease.ts';
import { floorEndsAt, isDue, readWantsRefresh } from './schedule.ts';

/** How long a caller waits for another instance's refresh before a 503 (platform timeout + margin). */
const WAIT_BUDGET_MS = 15_000;

const FORCED: ReadonlySet<RefreshTrigger> = new Set(['manual', 'report', 'validation']);

export function needsReauthError(row: Pick<IntegrationRow, 'status_reason'>): AppError {
  const reason = row.status_reason ?? 'needs_reauth';
  return new AppError('NEEDS_REAUTH', `this integration must be reconnected (${reason})`, { details: { reason } });
}

/**
 * Whether the row still needs what this caller asked for. Forced refreshes (the Refresh button, a 401
 * report, a failed validation) ignore the schedule but not min_refresh_interval: within it they
 * refresh nothing and get the current token, the freshest there is, so a bot reporting 401 in a loop
 * or a script pressing Refresh in one never hammers the platform.
 */
export function needsRefresh(ctx: RefreshContext, row: IntegrationRow, options: RefreshOptions, seen: number | undefined): boolean {
  const cfg = ctx.config.tokens;
  const now = ctx.clock.now();
  if (FORCED.has(options.trigger) || options.seenVersion !== undefined) return row.token_version === seen && floorEndsAt(cfg, row) <= now;
  if (options.trigger === 'worker') return isDue(cfg, row, now);
  return readWantsRefresh(cfg, row, now, options.validForMs ?? cfg.read_margin);
}

/** The lease, or the row another refresh has made good enough; `seen` records the version first read. */
export async function acquire(ctx: RefreshContext, id: string, options: RefreshOptions, seen: { v: number | undefined }): Promise<{ lease: HeldLease } | { done: IntegrationRow }> {
  const wait = options.trigger !== 'worker';
  const maxPolls = Math.ceil(WAIT_BUDGET_MS / 75);
  for (let polls = 0; ; polls++) {
    const lease = await takeLease(ctx, id);
    if (lease) {
      seen.v ??= lease.row.token_version;
      return { lease };
    }
    if (polls === 0) ctx.metrics.leaseConflicts.inc();
    const row = await findIntegrationById(ctx.store.db, id);
    if (!row) throw notFound('integration');
    seen.v ??= row.token_version;
    if (row.status === 'needs_reauth') throw needsReauthError(row);
    if (!needsRefresh(ctx, row, options, seen.v)) return { done: row };
    if (!wait || polls >= maxPolls) {
      throw new AppError('REFRESH_IN_PROGRESS', 'another Bifrost instance is refreshing this token; retry', { retryAfter: 2 });
    }
    await ctx.sleep(50 + Math.floor(ctx.random() * 50));
  }
}
