/** Random identifiers and secrets from the CSPRNG. */
import { randomBytes, randomUUID } from 'node:crypto';

/** `bytes` random bytes as base64url (32 bytes → 43 chars, 256 bits). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** A prefixed id such as `int_3kTq…` with 128 random bits. */
export function prefixedId(prefix: string, bytes = 16): string {
  return `${prefix}_${randomBytes(bytes).toString('base64url')}`;
}

/** A GUID-shaped value with 122 random bits (RFC 9562 v4). */
export function randomGuid(): string {
  return randomUUID();
}
