/**
 * Generic single-owner leases (`connection_leases`): one instance holds a key until `expires_at`,
 * renews it while it works, and anyone may take it once it has expired. Used for live event
 * connections; any connection that must have exactly one owner across instances can use it.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Takes `key` for `owner` when it is free, expired or already ours; true when we hold it now. */
export async function acquireLease(db: Kysely<Database>, key: string, owner: string, now: number, ttlMs: number): Promise<boolean> {
  const row = await db
    .insertInto('connection_leases')
    .values({ key, owner, expires_at: now + ttlMs })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ owner, expires_at: now + ttlMs })
        .where((eb) => eb.or([eb('connection_leases.expires_at', '<=', now), eb('connection_leases.owner', '=', owner)])),
    )
    .returning('owner')
    .executeTakeFirst();
  return row?.owner === owner;
}

/** Extends our lease; false when it is no longer ours (it expired and another instance took it). */
export async function renewLease(db: Kysely<Database>, key: string, owner: string, now: number, ttlMs: number): Promise<boolean> {
  const result = await db.updateTable('connection_leases').set({ expires_at: now + ttlMs }).where('key', '=', key).where('owner', '=', owner).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Gives the lease up (a clean stop), so another instance need not wait for it to expire. */
export async function releaseLease(db: Kysely<Database>, key: string, owner: string): Promise<void> {
  await db.deleteFrom('connection_leases').where('key', '=', key).where('owner', '=', owner).execute();
}

/** Drops the lease whoever holds it (the connection itself is gone). */
export async function dropLease(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('connection_leases').where('key', '=', key).execute();
}
