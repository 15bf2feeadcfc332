/**
 * Whether the database takes writes, for /readyz. A request that met a store-unavailable failure
 * leaves it noted on the store, and every probe makes one tiny committed write (an upsert of one row in
 * instance_settings), which a read-only database refuses. After a full disk or exhausted resources
 * the probe also needs room to grow: it inserts about 64 KiB and rolls it back, so a database that
 * still has no space stays not ready even though the one-row upsert fits. A passing probe clears the
 * note, so readiness returns by itself once the fault is fixed, with no traffic needed.
 */
import { randomBytes } from 'node:crypto';
import type { Deps } from '../deps.ts';
import type { Store } from './db.ts';
import { storeFailureReason, type StoreFailureReason } from './store-failure.ts';

const PROBE_KEY = 'readiness.write_probe';
/** 64 rows of 1 KiB: more than a typical write needs, so "ready" means such a write fits. */
const HEADROOM_ROWS = 64;
const HEADROOM_VALUE_BYTES = 512;

/** Remembers that a write failed for `reason` (the error handler calls this). */
export function noteStoreFailure(store: Store, reason: StoreFailureReason): void {
  store.writeHealth.failure = reason;
}

export type WriteProbe = { ok: true } | { ok: false; reason?: StoreFailureReason | undefined };

class RollBack extends Error {}

/** Inserts about 64 KiB in a transaction and rolls it back: fails when the database cannot grow. */
async function probeHeadroom(store: Store): Promise<void> {
  // Random hex: PostgreSQL cannot compress it away, so the rows take real pages.
  const value = randomBytes(HEADROOM_VALUE_BYTES).toString('hex');
  const prefix = `readiness.headroom.${randomBytes(6).toString('hex')}`;
  const rows = Array.from({ length: HEADROOM_ROWS }, (_, i) => ({ key: `${prefix}.${i}`, value, updated_at: 0 }));
  try {
    await store.db.transaction().execute(async (trx) => {
      await trx.insertInto('instance_settings').values(rows).execute();
      throw new RollBack();
    });
  } catch (err) {
    if (!(err instanceof RollBack)) throw err;
  }
}

export async function probeWrites(rt: Pick<Deps, 'store' | 'clock'>): Promise<WriteProbe> {
  const store = rt.store;
  const now = rt.clock.now();
  const before = store.writeHealth.failure;
  try {
    await store.db
      .insertInto('instance_settings')
      .values({ key: PROBE_KEY, value: String(now), updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(now), updated_at: now }))
      .execute();
    if (before !== undefined && before !== 'read_only') await probeHeadroom(store);
  } catch (err) {
    const reason = storeFailureReason(err);
    if (reason) store.writeHealth.failure = reason;
    // Another failure (say, a lost connection) is the database check's to report; writes fail with it.
    return { ok: false, reason: reason ?? before };
  }
  store.writeHealth.failure = undefined;
  return { ok: true };
}
