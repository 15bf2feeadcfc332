/**
 * One login-throttle bucket in the shared `login_throttle` table: a streak of failures, charged
 * before the password is checked, that locks with a doubling delay once it passes its allowance and
 * is forgotten a while after its last counted failure. The lock is derived from the streak and the
 * policy (`failures`, `updated_at` = last counted failure) rather than stored, so a stricter policy
 * applies at once; the statement that counts an attempt checks the lock, so parallel attempts queue
 * on the row and cannot slip past.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Deps } from '../deps.ts';

export interface BucketPolicy {
  /** Absent: a counter that never locks. */
  lock?: {
    /** Failures checked before the first lock; the failure that reaches this count starts it. */
    after: number;
    /** The first lock; each further counted failure doubles it, up to maxMs. */
    firstMs: number;
    maxMs: number;
  };
  /** A streak whose last counted failure is this old starts over. Longer than lock.maxMs, or waiting out a lock would reset it. */
  forgetMs: number;
}

export type Charge = { ok: true; count: number; lockedUntil: number } | { ok: false; retryAfterMs: number };

/** How long a streak of `failures` locks the bucket after its last failure. */
function lockMs(policy: BucketPolicy, failures: number): number {
  const lock = policy.lock;
  if (!lock || failures < lock.after) return 0;
  return Math.min(lock.firstMs * 2 ** Math.min(failures - lock.after, 40), lock.maxMs);
}

/** lockMs over the stored streak, as SQL (a CASE per doubling, the same on SQLite and PostgreSQL). */
function lockMsSql(policy: BucketPolicy): RawBuilder<number> {
  const lock = policy.lock;
  if (!lock) return sql<number>`cast(0 as bigint)`;
  const steps: RawBuilder<unknown>[] = [];
  for (let n = lock.after; lockMs(policy, n) < lock.maxMs; n++) steps.push(sql`when login_throttle.failures = ${n} then cast(${lockMs(policy, n)} as bigint)`);
  // Casts: PostgreSQL would otherwise type the CASE from its first branch (integer) and overflow.
  return sql<number>`case when login_throttle.failures < ${lock.after} then cast(0 as bigint) ${sql.join(steps, sql` `)} else cast(${lock.maxMs} as bigint) end`;
}

/** Counts one attempt against `key`, unless the bucket is locked; then says how long to wait. */
export async function chargeBucket(rt: Deps, key: string, policy: BucketPolicy): Promise<Charge> {
  const db = rt.store.db;
  for (let attempt = 0; attempt < 2; attempt++) {
    const now = rt.clock.now();
    const stale = now - policy.forgetMs;
    // Right-hand sides and the WHERE see the old row on both SQLite and PostgreSQL (which re-checks
    // the WHERE on the newest row version when a parallel charge got there first).
    const charged = await db
      .updateTable('login_throttle')
      .set({
        failures: sql<number>`case when login_throttle.updated_at <= ${stale} then 1 else login_throttle.failures + 1 end`,
        // The previous failure, so a refund can put the streak back as it was.
        window_start: sql<number>`case when login_throttle.updated_at <= ${stale} then cast(0 as bigint) else login_throttle.updated_at end`,
        updated_at: now,
      })
      .where('key', '=', key)
      .where(sql<boolean>`(login_throttle.updated_at <= ${stale} or login_throttle.updated_at + ${lockMsSql(policy)} <= ${now})`)
      .returning('failures')
      .executeTakeFirst();
    if (charged) {
      const count = Number(charged.failures);
      const ms = lockMs(policy, count);
      return { ok: true, count, lockedUntil: ms > 0 ? now + ms : 0 };
    }
    const inserted = await db
      .insertInto('login_throttle')
      .values({ key, failures: 1, window_start: 0, locked_until: 0, updated_at: now })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('failures')
      .executeTakeFirst();
    if (inserted) {
      const ms = lockMs(policy, 1);
      return { ok: true, count: 1, lockedUntil: ms > 0 ? now + ms : 0 };
    }
    const row = await db.selectFrom('login_throttle').select(['failures', 'updated_at']).where('key', '=', key).executeTakeFirst();
    const wait = row ? Number(row.updated_at) + lockMs(policy, Number(row.failures)) - now : 0;
    if (wait > 0) return { ok: false, retryAfterMs: wait };
    // The row changed between our statements (a parallel sign-in); go round once more.
  }
  return { ok: false, retryAfterMs: 1000 };
}

/**
 * Takes back the attempt that made the streak `count` long (it was not a failure): one failure less,
 * and, unless another attempt was counted after it, the previous failure's time again (so the lock
 * is what it was before).
 */
export async function refundBucket(rt: Deps, key: string, count: number): Promise<void> {
  await rt.store.db
    .updateTable('login_throttle')
    .set({
      failures: sql<number>`case when login_throttle.failures > 0 then login_throttle.failures - 1 else 0 end`,
      updated_at: sql<number>`case when login_throttle.failures = ${count} then login_throttle.window_start else login_throttle.updated_at end`,
    })
    .where('key', '=', key)
    .execute();
}

/** The current streak of `key` (0 when there is none or it is forgotten). */
export async function bucketCount(rt: Deps, key: string, policy: Pick<BucketPolicy, 'forgetMs'>): Promise<number> {
  const row = await rt.store.db.selectFrom('login_throttle').select(['failures', 'updated_at']).where('key', '=', key).executeTakeFirst();
  if (!row || Number(row.updated_at) <= rt.clock.now() - policy.forgetMs) return 0;
  return Number(row.failures);
}

export async function clearBucket(rt: Deps, key: string): Promise<void> {
  await rt.store.db.deleteFrom('login_throttle').where('key', '=', key).execute();
}

/** Housekeeping: buckets whose last counted failure is older than `olderThanMs` (longer than any lock) are gone. */
export async function pruneBuckets(rt: Deps, olderThanMs: number): Promise<void> {
  await rt.store.db.deleteFrom('login_throttle').where('updated_at', '<', rt.clock.now() - olderThanMs).execute();
}
