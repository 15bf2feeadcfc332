/** An account's token lifecycle notifications (incidents and recoveries), newest first. */
import type { Deps } from '../deps.ts';

export interface NotificationView {
  id: string;
  kind: string;
  integration_id: string | null;
  platform: string | null;
  reason: string | null;
  created_at: string;
}

export async function listNotifications(deps: Deps, accountId: string, limit = 100): Promise<NotificationView[]> {
  const rows = await deps.store.db
    .selectFrom('notifications')
    .select(['id', 'kind', 'integration_id', 'platform', 'reason', 'created_at'])
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, created_at: new Date(r.created_at).toISOString() }));
}
