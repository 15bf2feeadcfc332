/**
 * Retry delay after a transient refresh failure: truncated exponential backoff with full jitter
 * (AWS "Exponential Backoff and Jitter"), capped (default 5 min), never sooner than Retry-After,
 * and with a small floor so a jitter draw near zero cannot turn an outage into a tight loop.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

/** Delay before attempt number `failures + 1`, given `failures` consecutive failures (≥ 1). */
export function backoffDelay(failures: number, policy: BackoffPolicy, random: () => number, retryAfterSeconds?: number): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 30);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  const floor = Math.min(policy.baseMs, 1000);
  const jittered = Math.max(floor, Math.floor(random() * ceiling));
  const platformAsked = retryAfterSeconds !== undefined ? retryAfterSeconds * 1000 : 0;
  return Math.max(jittered, platformAsked);
}
