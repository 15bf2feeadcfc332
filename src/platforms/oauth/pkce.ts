/** PKCE (RFC 7636) with S256 only: a 43-character verifier from 32 random bytes and its challenge. */
import { createHash, randomBytes } from 'node:crypto';

export interface PkcePair {
  /** Kept server-side only (the OAuth transaction row), never in a URL or a log (OA-3). */
  verifier: string;
  challenge: string;
  method: 'S256';
}

/**
 * A fresh verifier: 32 CSPRNG bytes as base64url → 43 characters (RFC 7636 §4.1 allows 43–128).
 * @see https://www.rfc-editor.org/rfc/rfc7636#section-4.1
 */
export function createCodeVerifier(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * `BASE64URL(SHA256(ASCII(verifier)))` (RFC 7636 §4.2). `plain` is never used: no downgrade.
 * @see https://www.rfc-editor.org/rfc/rfc7636#section-4.2
 */
export function codeChallengeS256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** A verifier and its S256 challenge. */
export function createPkcePair(): PkcePair {
  const verifier = createCodeVerifier();
  return { verifier, challenge: codeChallengeS256(verifier), method: 'S256' };
}
