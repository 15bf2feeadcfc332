/**
 * Login throttling (AS-6), in the database so every instance shares it:
 * - per client IP (IPv6 grouped by /64): at most IP_LIMIT failed sign-ins per IP_WINDOW; then 429
 *   until the window ends;
 * - per username: after USER_LIMIT consecutive failures the username is locked for 15 minutes,
 *   doubling with each further failure up to 24 hours; a successful sign-in resets it.
 * Each attempt is charged before the password is checked (and refunded on success), so a burst of
 * parallel attempts cannot slip past the limits.
 */
import ipaddr from 'ipaddr.js';
import { sql } from 'kysely';
import type { Runtime } from '../runtime.ts';
import { AppError } from '../errors/app-error.ts';

export const IP_LIMIT = 20;
export const IP_WINDOW_MS = 15 * 60_000;
export const USER_LIMIT = 10;
export const USER_LOCK_MS = 15 * 60_000;
export const USER_LOCK_MAX_MS = 24 * 3_600_000;

/** The throttle key for a client address: IPv4 as is, IPv6 by its /64 (one host usually owns a /64). */
export function ipKey(ip: string): string {
  try {
    let addr = ipaddr.process(ip);
    if (addr.kind() === 'ipv6') {
      const parts = (addr as ipaddr.IPv6).parts.slice(0, 4);
      return `ip:${parts.map((p) => p.toString(16)).join(':')}::/64`;
    }
    addr = addr as ipaddr.IPv4;
    return `ip:${addr.toString()}`;
  } catch {
    return `ip:${ip}`;
  }
}

function throttled(retryAfterMs: number, why: string): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new AppError('LOGIN_THROTTLED', `too many failed sign-ins ${why}; try again in ${seconds} s`, { retryAfter: seconds });
}

/**
 * Charges one attempt to the IP bucket; throws LOGIN_THROTTLED when over the limit. `onFirstBlock`
 * runs once per window, when the IP first goes over (audit that, not every refused attempt).
 */
export async function chargeIp(rt: Runtime, ip: string, onFirstBlock?: () => Promise<void>): Promise<void> {
  const key = ipKey(ip);
  const now = rt.clock.now();
  const stale = now - IP_WINDOW_MS;
  const row = await rt.store.db
    .insertInto('login_throttle')
    .values({ key, failures: 1, window_start: now, locked_until: 0, updated_at: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        // Right-hand sides see the old row on both SQLite and PostgreSQL.
        failures: sql<number>`case when login_throttle.window_start <= ${stale} then 1 else login_throttle.failures + 1 end`,
        window_start: sql<number>`case when login_throttle.window_start <= ${stale} then cast(${now} as bigint) else login_throttle.window_start end`,
        updated_at: now,
      }),
    )
    .returning(['failures', 'window_start'])
    .executeTakeFirstOrThrow();
  if (Number(row.failures) > IP_LIMIT) {
    if (Number(row.failures) === IP_LIMIT + 1) await onFirstBlock?.();
    throw throttled(Number(row.window_start) + IP_WINDOW_MS - now, 'from this address');
  }
}

/** Lock length for the n-th consecutive failure (n ≥ USER_LIMIT), as SQL over the old row's failures. */
function lockCase(now: number) {
  const steps: ReturnType<typeof sql>[] = [];
  for (let i = 0, ms = USER_LOCK_MS; ms < USER_LOCK_MAX_MS; i++, ms *= 2) {
    steps.push(sql`when login_throttle.failures + 1 = ${USER_LIMIT + i} then cast(${now + ms} as bigint)`);
  }
  // Casts: PostgreSQL would otherwise type the CASE from its first branch (integer) and overflow.
  return sql<number>`case when login_throttle.failures + 1 < ${USER_LIMIT} then cast(0 as bigint) ${sql.join(steps, sql` `)} else cast(${now + USER_LOCK_MAX_MS} as bigint) end`;
}

/** Charges one attempt to the username bucket; throws LOGIN_THROTTLED while it is locked. */
export async function chargeUsername(rt: Runtime, username: string): Promise<void> {
  const key = `user:${username}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    const now = rt.clock.now();
    // The lock is taken when the attempt is charged, not after the check, so parallel attempts wait too.
    const charged = await rt.store.db
      .updateTable('login_throttle')
      .set({ failures: sql<number>`login_throttle.failures + 1`, locked_until: lockCase(now), updated_at: now })
      .where('key', '=', key)
      .where('locked_until', '<=', now)
      .returning('failures')
      .executeTakeFirst();
    if (charged) return;
    const inserted = await rt.store.db
      .insertInto('login_throttle')
      .values({ key, failures: 1, window_start: now, locked_until: 0, updated_at: now })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('failures')
      .executeTakeFirst();
    if (inserted) return;
    const row = await rt.store.db.selectFrom('login_throttle').select('locked_until').where('key', '=', key).executeTakeFirst();
    if (row && Number(row.locked_until) > now) throw throttled(Number(row.locked_until) - now, 'for this username');
    // The row changed between our statements (a parallel sign-in); go round once more.
  }
  throw throttled(1000, 'for this username');
}

/** The username's current lock, if any (for audit after a failure). */
export async function usernameLockedUntil(rt: Runtime, username: string): Promise<number> {
  const row = await rt.store.db.selectFrom('login_throttle').select('locked_until').where('key', '=', `user:${username}`).executeTakeFirst();
  return Number(row?.locked_until ?? 0);
}

/** After a successful sign-in: the username starts over and the IP gets its charge back. */
export async function signInSucceeded(rt: Runtime, ip: string, username: string): Promise<void> {
  const now = rt.clock.now();
  await rt.store.db.deleteFrom('login_throttle').where('key', '=', `user:${username}`).execute();
  await rt.store.db
    .updateTable('login_throttle')
    .set({ failures: sql<number>`case when login_throttle.failures > 0 then login_throttle.failures - 1 else 0 end`, updated_at: now })
    .where('key', '=', ipKey(ip))
    .execute();
  // Housekeeping: buckets untouched for two days are gone (a username lock is at most 24 h).
  await rt.store.db
    .deleteFrom('login_throttle')
    .where('updated_at', '<', now - 2 * USER_LOCK_MAX_MS)
    .where('locked_until', '<', now)
    .execute();
}
