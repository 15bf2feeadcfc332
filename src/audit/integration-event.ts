/** An audit event about one integration: its account, who did it, the action, and its platform first in the details. */
import type { Kysely } from 'kysely';
import type { Deps } from '../deps.ts';
import type { Database } from '../store/schema.ts';
import type { Attribution } from '../access/caller.ts';
import { auditRow, recordAudit, type AuditEventInput, type AuditRow } from './record.ts';

type AuditedIntegration = { id: string; account_id: string | null; platform: string };

function integrationEvent(row: AuditedIntegration, by: Attribution, action: string, details: Record<string, unknown>): AuditEventInput {
  return { accountId: row.account_id, actor: by.actor, action, target: { type: 'integration', id: row.id }, ip: by.ip ?? null, details: { platform: row.platform, ...details } };
}

export function auditIntegration(
  deps: Pick<Deps, 'store' | 'clock'>,
  row: AuditedIntegration,
  by: Attribution,
  action: string,
  details: Record<string, unknown> = {},
  db?: Kysely<Database>,
): Promise<void> {
  return recordAudit(deps, integrationEvent(row, by, action, details), db);
}

/** The row auditIntegration writes, for a writer that inserts it with other rows in one statement. */
export function integrationAuditRow(deps: Pick<Deps, 'clock'>, row: AuditedIntegration, by: Attribution, action: string, details: Record<string, unknown> = {}): AuditRow {
  return auditRow(deps, integrationEvent(row, by, action, details));
}
