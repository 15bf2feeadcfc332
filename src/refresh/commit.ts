/**
 * The end of a successful platform call: the new tokens committed through the token store (fenced by
 * the lease epoch and the version read), then announced — metrics, audit, the token.refreshed event,
 * a cleared invalid_client alarm, a closed incident. A commit the fence refused (the lease expired
 * and someone else wrote) is discarded and said so.
 */
import { auditIntegration, integrationAuditRow } from '../audit/integration-event.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import type { TokenSet } from '../platforms/types.ts';
import { findIntegrationById } from '../integrations/repository.ts';
import type { IntegrationRow } from '../integrations/model.ts';
import { SYSTEM } from '../access/caller.ts';
import { commitRefreshedTokens } from '../tokens/token-writes.ts';
import { clearAlarm, type Alarm } from '../health/platform-gates.ts';
import { closeIncident, notify } from '../health/incidents.ts';
import { emitEvent } from '../push/events.ts';
import type { RefreshContext } from './context.ts';
import type { RefreshOptions } from './options.ts';
import { nextRefreshAt, validFor } from './schedule.ts';
import { NO_STEPS } from './steps.ts';

/** Writes the new tokens; undefined when the fence held. */
export function commitTokens(ctx: RefreshContext, row: IntegrationRow, epoch: number, tokens: TokenSet): Promise<IntegrationRow | undefined> {
  return commitRefreshedTokens(ctx, {
    row,
    epoch,
    tokens,
    nextRefreshAt: (expiresAt, issuedAt) => nextRefreshAt(ctx.config.tokens, { token_expires_at: expiresAt, last_refreshed_at: issuedAt, connected_at: row.connected_at }),
    // Only a hooked refresh path (tests) needs the transaction that makes a stop before COMMIT possible.
    beforeCommit: ctx.steps === NO_STEPS ? undefined : () => ctx.steps.at('mid_commit'),
  });
}

/** Nothing was written: the row is gone (disconnected meanwhile), or our lease expired and someone else wrote. */
export async function fencedOut(ctx: RefreshContext, row: IntegrationRow): Promise<IntegrationRow> {
  const current = await findIntegrationById(ctx.store.db, row.id);
  if (!current) throw notFound('integration');
  ctx.metrics.refreshes.inc({ platform: row.platform, outcome: 'fenced' });
  ctx.log.error({ integration: row.id, platform: row.platform }, 'refresh result discarded: the lease expired before the commit (platform slower than the lease?)');
  if (current.status !== 'needs_reauth' && validFor(current, ctx.clock.now(), 0)) return current;
  throw new AppError('REFRESH_IN_PROGRESS', 'the refresh lost its lease; retry', { retryAfter: 2 });
}

export async function afterCommit(ctx: RefreshContext, fresh: IntegrationRow, before: IntegrationRow, options: RefreshOptions, alarm: Alarm | undefined): Promise<IntegrationRow> {
  ctx.metrics.refreshes.inc({ platform: fresh.platform, outcome: 'ok' });
  const actor = options.actor ?? SYSTEM;
  // The audit line goes with the event: one statement on PostgreSQL, not a round trip of its own.
  await emitEvent(
    ctx,
    {
      type: 'token.refreshed',
      accountId: fresh.account_id,
      integrationId: fresh.id,
      platform: fresh.platform,
      data: { expires_at: new Date(fresh.token_expires_at).toISOString(), version: fresh.token_version, trigger: options.trigger },
    },
    integrationAuditRow(ctx, fresh, actor, 'integration.token_refreshed', { trigger: options.trigger, expires_at: new Date(fresh.token_expires_at).toISOString() }),
  );
  if (alarm && (await clearAlarm(ctx, alarm.platform, alarm.client_id))) {
    // The probe went through: the client works again (one audit event and notification, like the alarm).
    await auditIntegration(ctx, fresh, actor, 'integration.status_updated', { status: 'platform_alarm_cleared', reason: alarm.reason });
    await notify(ctx, { accountId: fresh.account_id, integrationId: null, platform: fresh.platform, kind: 'platform_alarm_cleared', reason: alarm.reason });
  }
  if (before.incident !== null && (await closeIncident(ctx, fresh, actor))) return { ...fresh, incident: null };
  return fresh;
}
