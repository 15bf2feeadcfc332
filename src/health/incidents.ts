/**
 * Incidents of an integration (degraded, needs_reauth) and their recovery. Each transition is one
 * conditional UPDATE, so whichever caller or instance wins it writes exactly one audit event, one
 * notification and one event; everyone else's identical observation writes nothing.
 */
import { auditIntegration } from '../audit/integration-event.ts';
import type { Deps } from '../deps.ts';
import type { IntegrationRow } from '../integrations/model.ts';
import { prefixedId } from '../crypto/random.ts';
import { SYSTEM, type Attribution } from '../access/caller.ts';
import { emitEvent } from '../push/events.ts';

export type IncidentKind = 'degraded' | 'needs_reauth';

export interface NotificationInput {
  accountId: string | null;
  integrationId: string | null;
  platform: string | null;
  kind: 'degraded' | 'needs_reauth' | 'recovered' | 'platform_alarm' | 'platform_alarm_cleared';
  reason: string | null;
}

export async function notify(deps: Deps, n: NotificationInput): Promise<void> {
  await deps.store.db
    .insertInto('notifications')
    .values({ id: prefixedId('ntf'), account_id: n.accountId, integration_id: n.integrationId, platform: n.platform, kind: n.kind, reason: n.reason, created_at: deps.clock.now() })
    .execute();
  deps.log.warn({ notification: n.kind, integration: n.integrationId, platform: n.platform, reason: n.reason }, 'token lifecycle notification');
}

export interface OpenIncident {
  kind: IncidentKind;
  reason: string;
  /** Audit action: integration.token_error for refresh failures, integration.status_updated otherwise. */
  action: 'integration.token_error' | 'integration.status_updated';
  actor?: Attribution | undefined;
  details?: Record<string, unknown> | undefined;
}

/** Opens (or escalates degraded → needs_reauth) an incident; true when this call did the transition. */
export async function openIncident(deps: Deps, row: IntegrationRow, incident: OpenIncident): Promise<boolean> {
  const now = deps.clock.now();
  const res = await deps.store.db
    .updateTable('integrations')
    .set({ incident: incident.kind, status: incident.kind, status_reason: incident.reason, updated_at: now })
    .where('id', '=', row.id)
    // needs_reauth is final until a reconnect; degraded may escalate to it, never the other way round.
    .where((eb) => eb.or([eb('incident', 'is', null), eb.and([eb('incident', '<>', incident.kind), eb('incident', '<>', 'needs_reauth')])]))
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) return false;
  const actor = incident.actor ?? SYSTEM;
  await auditIntegration(deps, row, actor, incident.action, { status: incident.kind, reason: incident.reason, ...(incident.details ?? {}) });
  await notify(deps, { accountId: row.account_id, integrationId: row.id, platform: row.platform, kind: incident.kind, reason: incident.reason });
  await emitEvent(deps, {
    type: incident.kind === 'degraded' ? 'token.degraded' : 'token.needs_reauth',
    accountId: row.account_id,
    integrationId: row.id,
    platform: row.platform,
    data: { status: incident.kind, reason: incident.reason },
  });
  return true;
}

/** Closes the open incident after a successful refresh or a reconnect; true when this call closed it. */
export async function closeIncident(deps: Deps, row: IntegrationRow, actor: Attribution = SYSTEM): Promise<boolean> {
  if (row.incident === null) return false;
  const res = await deps.store.db
    .updateTable('integrations')
    .set({ incident: null })
    .where('id', '=', row.id)
    .where('incident', '=', row.incident)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) return false;
  await auditIntegration(deps, row, actor, 'integration.status_updated', { status: 'active', recovered_from: row.incident });
  await notify(deps, { accountId: row.account_id, integrationId: row.id, platform: row.platform, kind: 'recovered', reason: row.incident });
  await emitEvent(deps, { type: 'token.recovered', accountId: row.account_id, integrationId: row.id, platform: row.platform, data: { status: 'active', recovered_from: row.incident } });
  return true;
}
