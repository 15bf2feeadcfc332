/** An account's token lifecycle notifications (incidents and recoveries), newest first. */
import type { Deps } from '../deps.ts';
import { accountOf, type Caller } from '../access/caller.ts';

export interface Notification {
  id: string;
  kind: string;
  integrationId: string | null;
  platform: string | null;
  reason: string | null;
  createdAt: number;
}

export async function listNotifications(deps: Deps, caller: Caller, limit = 100): Promise<Notification[]> {
  const accountId = accountOf(caller);
  const rows = await deps.store.db
    .selectFrom('notifications')
    .select(['id', 'kind', 'integration_id', 'platform', 'reason', 'created_at'])
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, integrationId: r.integration_id, platform: r.platform, reason: r.reason, createdAt: Number(r.created_at) }));
}
