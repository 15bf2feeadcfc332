/** Trovo wire shapes (snake_case OAuth, camelCase user info [R5]) and its `{status,error,message}` errors. */
import { z } from 'zod';
import { asRecord, type NormalisedError } from '../oauth/classify.ts';
import type { PlatformIdentity, ValidationResult } from '../types.ts';

const idLike = z.union([z.string().min(1), z.number().int()]).transform(String);

/** GET /openplatform/validate [R5][R13]: note `client_ID`; `expire_ts` epoch seconds as a string. */
export const validateResponse = z.object({
  uid: idLike,
  client_ID: z.string().optional(),
  nick_name: z.string().optional(),
  scopes: z.array(z.string()).nullable().optional(),
  expire_ts: z.union([z.string().regex(/^\d+$/), z.number()]).optional(),
});

/** GET /openplatform/getuserinfo [R5][R10]: camelCase; `userId` ≠ `channelId`. */
export const userInfoResponse = z.object({
  userId: idLike,
  userName: z.string().min(1),
  nickName: z.string().optional(),
  email: z.string().optional(),
  profilePic: z.string().optional(),
  channelId: idLike.optional(),
});

export function toIdentity(u: z.infer<typeof userInfoResponse>): PlatformIdentity {
  return { platformUserId: u.userId, username: u.userName, displayName: u.nickName || u.userName, channelId: u.channelId };
}

export function toValidation(v: z.infer<typeof validateResponse>, nowMs: number): ValidationResult {
  const exp = v.expire_ts !== undefined ? Number(v.expire_ts) : undefined;
  return { expiresIn: exp !== undefined ? Math.max(0, exp - Math.floor(nowMs / 1000)) : undefined, scopes: (v.scopes ?? []).filter(Boolean), platformUserId: v.uid };
}

/**
 * Trovo's envelope `{status: <int>, error: "<name>", message}` [R3], possibly on HTTP 200 (unconfirmed).
 * Documented codes: 11706 rate limit [R3], -1000 internal error [R14]. Other names are matched by
 * keyword, as their exact spelling is not documented in what was read.
 */
const KEYWORDS: readonly (readonly [RegExp, NormalisedError])[] = [
  // Too many live access tokens behind one refresh token: wait for old ones to expire [R3] — a throttle, not a dead grant.
  [/rate ?limit|too many/, { kind: 'status', status: 429 }],
  [/internal ?server ?error|internalservererror/, { kind: 'status', status: 500 }],
  [/refresh ?token/, { kind: 'oauth', code: 'invalid_grant' }],
  [/auth ?code|authorization ?code|\bcode\b|grant/, { kind: 'oauth', code: 'invalid_grant' }],
  [/header|param/, { kind: 'oauth', code: 'invalid_request' }],
  [/client/, { kind: 'oauth', code: 'invalid_client' }],
  [/scope|permission/, { kind: 'oauth', code: 'insufficient_scope' }],
  [/access ?token|token|auth/, { kind: 'oauth', code: 'invalid_token' }],
];

export function normaliseTrovoError(_status: number, body: unknown): NormalisedError | undefined {
  const o = asRecord(body);
  if (!o || typeof o.status !== 'number' || o.status === 0) return undefined;
  if (typeof o.error !== 'string' && typeof o.message !== 'string') return undefined;
  if (o.status === 11706) return { kind: 'status', status: 429 };
  if (o.status === -1000) return { kind: 'status', status: 500 };
  // Split camelCase names (invalidRefreshToken → "invalid refresh token") before matching.
  const text = `${String(o.error ?? '')} ${String(o.message ?? '')}`.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return KEYWORDS.find(([re]) => re.test(text))?.[1];
}
