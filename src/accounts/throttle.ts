/**
 * Sign-in throttling, in the database so every instance shares it. Each attempt is charged to three
 * buckets before the password is checked (so parallel attempts cannot slip past):
 * - the client address (IPv6 by /64): 20 failures, then a lock of 1 minute that doubles with each
 *   further failure up to 1 hour;
 * - the (username, address) pair: 5 failures, then the same growing lock;
 * - the username from anywhere: only counted. Past USERNAME_SOFT_LIMIT failures (distributed
 *   guessing) every pair that has failed for this username locks from its first failure on.
 * A username is never locked for everyone: an address with no recent failures always gets its
 * attempt checked, so the owner can sign in while someone hammers their username elsewhere.
 * Streaks are forgotten 24 hours after their last failure. A success clears its pair and the
 * username's count and refunds its charge to the address; an attempt refused for one bucket is not
 * counted in the others.
 */
import ipaddr from 'ipaddr.js';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors/app-error.ts';
import { bucketCount, chargeBucket, clearBucket, pruneBuckets, refundBucket, type BucketPolicy } from './throttle-bucket.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const FORGET_MS = 24 * HOUR_MS;

export const IP_POLICY = { lock: { after: 20, firstMs: MINUTE_MS, maxMs: HOUR_MS }, forgetMs: FORGET_MS } as const satisfies BucketPolicy;
export const PAIR_POLICY = { lock: { after: 5, firstMs: MINUTE_MS, maxMs: HOUR_MS }, forgetMs: FORGET_MS } as const satisfies BucketPolicy;
/** A pair's policy while its username is past the soft limit: the first failure locks. */
const PAIR_POLICY_UNDER_ATTACK = { lock: { ...PAIR_POLICY.lock, after: 1 }, forgetMs: FORGET_MS } as const satisfies BucketPolicy;
const USERNAME_POLICY = { forgetMs: FORGET_MS } as const satisfies BucketPolicy;
export const USERNAME_SOFT_LIMIT = 10;

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

const userKey = (username: string) => `user:${username}`;
const pairKey = (ip: string, username: string) => `pair:${ipKey(ip).slice(3)}|${username}`;

export type ThrottleScope = 'ip' | 'username_ip';

/** What one sign-in attempt was charged; handed back to signInSucceeded or signInFailed. */
export interface SignInCharge {
  ip: string;
  username: string;
  ipCount: number;
  underAttack: boolean;
  /** Locks this attempt took (it reached a bucket's allowance), for the audit. */
  locks: { scope: ThrottleScope; until: number; started: boolean }[];
}

function throttled(retryAfterMs: number, scope: ThrottleScope): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const why = scope === 'ip' ? 'from this address' : 'for this username from this address';
  return new AppError('LOGIN_THROTTLED', `too many failed sign-ins ${why}; try again in ${seconds} s`, { retryAfter: seconds, details: { scope } });
}

/** Charges the attempt to its buckets; throws LOGIN_THROTTLED (429 + Retry-After) while one of them is locked. */
export async function chargeSignIn(rt: Deps, ip: string, username: string): Promise<SignInCharge> {
  const underAttack = (await bucketCount(rt, userKey(username), USERNAME_POLICY)) >= USERNAME_SOFT_LIMIT;
  const pairPolicy = underAttack ? PAIR_POLICY_UNDER_ATTACK : PAIR_POLICY;
  // The pair first: a burst against one username stops there and never reaches the address's budget.
  const pair = await chargeBucket(rt, pairKey(ip, username), pairPolicy);
  if (!pair.ok) throw throttled(pair.retryAfterMs, 'username_ip');
  const address = await chargeBucket(rt, ipKey(ip), IP_POLICY);
  if (!address.ok) {
    // Refused without a check: not a failure of this username from this address.
    await refundBucket(rt, pairKey(ip, username), pair.count);
    throw throttled(address.retryAfterMs, 'ip');
  }
  await chargeBucket(rt, userKey(username), USERNAME_POLICY);
  const locks: SignInCharge['locks'] = [];
  if (address.lockedUntil > 0) locks.push({ scope: 'ip', until: address.lockedUntil, started: address.count === IP_POLICY.lock.after });
  if (pair.lockedUntil > 0) locks.push({ scope: 'username_ip', until: pair.lockedUntil, started: pair.count === pairPolicy.lock.after });
  return { ip, username, ipCount: address.count, underAttack, locks };
}

/**
 * After a successful sign-in: the pair and the username start over (the soft limit counts failures
 * since the last success, so a user's own occasional typos never add up), and the address gets its
 * charge back.
 */
export async function signInSucceeded(rt: Deps, charge: SignInCharge): Promise<void> {
  await clearBucket(rt, pairKey(charge.ip, charge.username));
  await clearBucket(rt, userKey(charge.username));
  await refundBucket(rt, ipKey(charge.ip), charge.ipCount);
  // Housekeeping: buckets untouched for twice the forget time are gone.
  await pruneBuckets(rt, 2 * FORGET_MS);
}
