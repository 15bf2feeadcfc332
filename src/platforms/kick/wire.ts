/** Kick wire shapes (`{data, message}` envelopes, integer ids) and its mixed error shapes. */
import { z } from 'zod';
import { asRecord, type NormalisedError } from '../oauth/classify.ts';
import type { PlatformIdentity, ValidationResult } from '../types.ts';

/** GET /public/v1/users [K3][K6]: `user_id` is an integer, `name` the username. */
export const usersResponse = z.object({
  data: z.array(z.object({ user_id: z.number().int(), name: z.string().min(1), email: z.string().optional(), profile_picture: z.string().optional() })),
  message: z.string().optional(),
});

/** POST /oauth/token/introspect [K1]: `exp` epoch seconds; inactive tokens carry `active: false`. */
export const introspectResponse = z.object({
  data: z.object({
    active: z.boolean(),
    client_id: z.string().optional(),
    token_type: z.string().optional(),
    scope: z.string().optional(),
    exp: z.number().optional(),
  }),
  message: z.string().optional(),
});

export function toIdentity(user: z.infer<typeof usersResponse>['data'][number]): PlatformIdentity {
  return { platformUserId: String(user.user_id), username: user.name, displayName: user.name };
}

export function toValidation(data: z.infer<typeof introspectResponse>['data'], nowMs: number): ValidationResult {
  return { expiresIn: data.exp !== undefined ? Math.max(0, data.exp - Math.floor(nowMs / 1000)) : undefined, scopes: data.scope?.split(' ').filter(Boolean) ?? [] };
}

const RFC_CODES: ReadonlySet<string> = new Set(['invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope', 'access_denied', 'invalid_token']);

/**
 * Kick's errors come in three shapes [K1][K6][K7g]: `{"error":"invalid_grant","error_description":…}`,
 * the docs' `{"error":"Invalid request"}`, and `{"message":"…"}` (optionally with `data: {}`).
 * RFC codes pass through; free text is matched by keyword; 401 without a code means a bad token
 * (API) or bad client (token endpoint) — the caller's purpose decides, so it is left to status.
 */
export function normaliseKickError(status: number, body: unknown): NormalisedError | undefined {
  const o = asRecord(body);
  if (!o) return undefined;
  const error = typeof o.error === 'string' ? o.error : undefined;
  if (error && RFC_CODES.has(error)) return { kind: 'oauth', code: error };
  const text = `${error ?? ''} ${typeof o.message === 'string' ? o.message : ''} ${typeof o.error_description === 'string' ? o.error_description : ''}`.toLowerCase();
  if (/refresh token|authorization grant|grant is invalid|expired|revoked/.test(text)) return { kind: 'oauth', code: 'invalid_grant' };
  if (/client/.test(text)) return { kind: 'oauth', code: 'invalid_client' };
  if (/unauthori[sz]ed|invalid token|token is invalid/.test(text) && status === 401) return { kind: 'oauth', code: 'invalid_token' };
  if (/invalid request|missing|required/.test(text)) return { kind: 'oauth', code: 'invalid_request' };
  return undefined;
}
