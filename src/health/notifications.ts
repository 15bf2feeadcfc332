/**
 * An account's token lifecycle notifications (incidents and recoveries), newest first, with the
 * integration's name. Instance admins also see the instance's own (the global bots, platform alarms):
 * they are the ones who can fix those.
 */
import type { Deps } from '../deps.ts';
import { accountOf, type Caller } from '../access/caller.ts';

export interface Notification {
  id: string;
  kind: string;
  integrationId: string | null;
  platform: string | null;
  reason: string | null;
  /** The integration's display name (null once it was removed, or for a platform alarm). */
  integrationName: string | null;
  /** About the instance (a global bot, a platform alarm), not the account. */
  isGlobal: boolean;
  createdAt: number;
}

export async function listNotifications(deps: Deps, caller: Caller, limit = 100): Promise<Notification[]> {
  const accountId = accountOf(caller);
  const withInstance = caller.kind === 'session' && caller.user?.isInstanceAdmin === true;
  const rows = await deps.store.db
    .selectFrom('notifications as n')
    .leftJoin('integrations as i', 'i.id', 'n.integration_id')
    .select(['n.id', 'n.kind', 'n.integration_id', 'n.platform', 'n.reason', 'n.created_at', 'n.account_id', 'i.display_name'])
    .where((eb) => (withInstance ? eb.or([eb('n.account_id', '=', accountId), eb('n.account_id', 'is', null)]) : eb('n.account_id', '=', accountId)))
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    integrationId: r.integration_id,
    platform: r.platform,
    reason: r.reason,
    integrationName: r.display_name ?? null,
    isGlobal: r.account_id === null,
    createdAt: Number(r.created_at),
  }));
}
