/**
 * Hashing of secrets that are only ever compared (session ids, API keys, service keys, OAuth state):
 * they are high-entropy random values, so one SHA-256 is enough; passwords use a slow KDF instead.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Constant-time comparison of two strings via their SHA-256 digests (equal length by construction). */
export function constantTimeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db);
}
