/**
 * The cross-process refresh lease on an integration row, with a fencing epoch (Kleppmann): taking it
 * is one conditional UPDATE … RETURNING (SQLite ≥ 3.35 and PostgreSQL alike) that also re-reads the
 * row; every later write of the holder names the epoch, so a holder whose lease expired writes nothing.
 */
import { sql, type Updateable } from 'kysely';
import type { Deps } from '../deps.ts';
import type { Database } from '../store/schema.ts';
import type { IntegrationRow } from '../integrations/model.ts';

export interface HeldLease {
  epoch: number;
  /** The row as the lease grant returned it (the re-read after taking the lease). */
  row: IntegrationRow;
}

export function leaseMs(deps: Pick<Deps, 'config'>): number {
  return deps.config.tokens.lease;
}

/** Takes the lease when it is free or expired; returns the row re-read in the same statement. */
export async function takeLease(deps: Pick<Deps, 'store' | 'clock' | 'config'> & { readonly owner: string }, id: string): Promise<HeldLease | undefined> {
  const now = deps.clock.now();
  const row = await deps.store.db
    .updateTable('integrations')
    .set((eb) => ({
      refresh_lease_until: now + leaseMs(deps),
      refresh_lease_owner: deps.owner,
      refresh_epoch: eb('refresh_epoch', '+', 1),
    }))
    .where('id', '=', id)
    .where((eb) => eb.or([eb('refresh_lease_until', 'is', null), eb('refresh_lease_until', '<', now)]))
    .returningAll()
    .executeTakeFirst();
  return row ? { epoch: row.refresh_epoch, row } : undefined;
}

/** Releases the lease if this epoch still holds it (a no-op when it expired and someone else took it). */
export async function releaseLease(deps: Pick<Deps, 'store'>, id: string, epoch: number): Promise<void> {
  await deps.store.db
    .updateTable('integrations')
    .set({ refresh_lease_until: null, refresh_lease_owner: null })
    .where('id', '=', id)
    .where('refresh_epoch', '=', epoch)
    .where('refresh_lease_until', 'is not', null)
    .execute();
}

/** A write of the lease holder, guarded by its epoch, that also releases the lease. */
export async function settleLease(deps: Pick<Deps, 'store'>, id: string, epoch: number, set: Updateable<Database['integrations']>): Promise<void> {
  await deps.store.db
    .updateTable('integrations')
    .set({ ...set, refresh_lease_until: null, refresh_lease_owner: null })
    .where('id', '=', id)
    .where('refresh_epoch', '=', epoch)
    .execute();
}

/**
 * Marks the start of the platform call (refresh_started_at) if this epoch holds the lease and neither
 * platform gate is set (a 429's not-before still ahead, an invalid_client alarm on these credentials):
 * the gate reads and the mark in one statement. False says only "not started": the caller then reads
 * the gates one by one to learn why.
 */
export async function startIfUngated(deps: Pick<Deps, 'store'>, at: { id: string; epoch: number; platform: string; clientId: string; now: number }): Promise<boolean> {
  const res = await deps.store.db
    .updateTable('integrations')
    .set({ refresh_started_at: at.now, last_refresh_attempt_at: at.now })
    .where('id', '=', at.id)
    .where('refresh_epoch', '=', at.epoch)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('platform_throttle').select(sql<number>`1`.as('one')).where('platform', '=', at.platform).where('not_before', '>', at.now))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('platform_alarms').select(sql<number>`1`.as('one')).where('platform', '=', at.platform).where('client_id', '=', at.clientId))),
    )
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/**
 * Takes back a start mark of startIfUngated whose refresh then did not start (its credentials were
 * not usable): the row's previous start and attempt times, if this epoch still holds the lease.
 */
export async function unmarkStart(deps: Pick<Deps, 'store'>, at: { id: string; epoch: number; row: Pick<IntegrationRow, 'refresh_started_at' | 'last_refresh_attempt_at'> }): Promise<void> {
  await deps.store.db
    .updateTable('integrations')
    .set({ refresh_started_at: at.row.refresh_started_at, last_refresh_attempt_at: at.row.last_refresh_attempt_at })
    .where('id', '=', at.id)
    .where('refresh_epoch', '=', at.epoch)
    .execute();
}
