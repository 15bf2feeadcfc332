/** Shape check of a StreamElements JWT (three base64url parts, JSON header with alg, JSON payload) and its `exp`. */
import { invalidField } from '../errors/app-error.ts';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface JwtFacts {
  /** Epoch ms from `exp`, or null when the token carries none (StreamElements JWTs usually do not expire). */
  expiresAt: number | null;
}

/**
 * Checks the token is a well-formed JWT and reads its expiry. The signature is not verified: only
 * StreamElements holds the key. Errors name the field `token` and never echo its value.
 */
export function inspectJwt(token: string, field = 'token'): JwtFacts {
  const parts = token.split('.');
  if (parts.length !== 3) throw invalidField(field, 'must be a JWT: three base64url parts separated by dots');
  if (!parts.every((p) => BASE64URL.test(p))) throw invalidField(field, 'must be a JWT: each of its three parts must be non-empty base64url');
  const [headerPart, payloadPart] = parts as [string, string, string];
  const header = decodeJson(headerPart);
  if (!isObject(header) || typeof header.alg !== 'string' || header.alg === '') {
    throw invalidField(field, 'must be a JWT: its header is not a JSON object with an "alg"');
  }
  const payload = decodeJson(payloadPart);
  if (!isObject(payload)) throw invalidField(field, 'must be a JWT: its payload is not a JSON object');
  if (payload.exp === undefined || payload.exp === null) return { expiresAt: null };
  if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp) || payload.exp <= 0) {
    throw invalidField(field, 'must be a JWT: its "exp" claim is not a number of seconds');
  }
  return { expiresAt: Math.round(payload.exp * 1000) };
}

/** The last 4 characters, shown as "Token: …xxxx" so a user can tell tokens apart. */
export function tokenHint(token: string): string {
  return token.slice(-4);
}
