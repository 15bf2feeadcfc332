/** An audit event about one integration: its account, who did it, the action, and its platform first in the details. */
import type { Kysely } from 'kysely';
import type { Deps } from '../deps.ts';
import type { Database } from '../store/schema.ts';
import type { Attribution } from '../access/caller.ts';
import { recordAudit } from './record.ts';

export function auditIntegration(
  deps: Pick<Deps, 'store' | 'clock'>,
  row: { id: string; account_id: string | null; platform: string },
  by: Attribution,
  action: string,
  details: Record<string, unknown> = {},
  db?: Kysely<Database>,
): Promise<void> {
  return recordAudit(
    deps,
    { accountId: row.account_id, actor: by.actor, action, target: { type: 'integration', id: row.id }, ip: by.ip ?? null, details: { platform: row.platform, ...details } },
    db,
  );
}
