/**
 * The cross-process refresh lease on an integration row, with a fencing epoch (Kleppmann): taking it
 * is one conditional UPDATE … RETURNING (SQLite ≥ 3.35 and PostgreSQL alike) that also re-reads the
 * row; every later write of the holder names the epoch, so a holder whose lease expired writes nothing.
 */
import type { Updateable } from 'kysely';
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
