/** Google OAuth and YouTube Data API wire shapes, and how their errors normalise. */
import { z } from 'zod';
import { asRecord, type NormalisedError } from '../oauth/classify.ts';
import type { PlatformIdentity, ValidationResult } from '../types.ts';

/** channels.list?part=snippet&mine=true [G6]; `items` is absent when the account owns no channel. */
export const channelListResponse = z.object({
  kind: z.literal('youtube#channelListResponse').optional(),
  items: z
    .array(
      z.object({
        id: z.string().min(1),
        snippet: z.object({ title: z.string(), customUrl: z.string().optional() }),
      }),
    )
    .optional(),
});

/** tokeninfo [G4]: numeric values come as strings. */
export const tokenInfoResponse = z.object({
  aud: z.string().optional(),
  azp: z.string().optional(),
  sub: z.string().optional(),
  scope: z.string().optional(),
  exp: z.union([z.string(), z.number()]).optional(),
  expires_in: z.union([z.string(), z.number()]).optional(),
  access_type: z.string().optional(),
});

export function toIdentity(channel: NonNullable<z.infer<typeof channelListResponse>['items']>[number]): PlatformIdentity {
  // The handle (customUrl) may be absent on old channels: fall back to the channel id [G6].
  return { platformUserId: channel.id, username: channel.snippet.customUrl ?? channel.id, displayName: channel.snippet.title || channel.id };
}

export function toValidation(info: z.infer<typeof tokenInfoResponse>, nowMs: number): ValidationResult {
  const expiresIn = info.expires_in !== undefined ? Number(info.expires_in) : info.exp !== undefined ? Number(info.exp) - Math.floor(nowMs / 1000) : undefined;
  // `sub` is the Google account, not the YouTube channel: not a platform user id here.
  return { expiresIn: expiresIn !== undefined && Number.isFinite(expiresIn) ? Math.max(0, expiresIn) : undefined, scopes: info.scope?.split(' ').filter(Boolean) ?? [] };
}

/** Google error reasons (API envelope `errors[0].reason`) that mean a throttle, not a refusal [G12]. */
const THROTTLE_REASONS: ReadonlySet<string> = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded', 'dailyLimitExceeded']);

/**
 * RFC 6749 bodies `{error, error_description}` keep their code [G2][G16]; `redirect_uri_mismatch`
 * at the token endpoint is RFC's invalid_grant. API envelopes `{error:{code,errors:[{reason}]}}`:
 * 401 → invalid_token, quota/rate reasons → 429, insufficient permissions → insufficient_scope.
 */
export function normaliseGoogleError(status: number, body: unknown): NormalisedError | undefined {
  const o = asRecord(body);
  if (!o) return undefined;
  if (typeof o.error === 'string') return { kind: 'oauth', code: o.error === 'redirect_uri_mismatch' ? 'invalid_grant' : o.error };
  const env = asRecord(o.error);
  if (!env) return undefined;
  const first = Array.isArray(env.errors) ? asRecord(env.errors[0]) : undefined;
  const reason = typeof first?.reason === 'string' ? first.reason : undefined;
  if (reason && THROTTLE_REASONS.has(reason)) return { kind: 'status', status: 429 };
  if (status === 401 || env.status === 'UNAUTHENTICATED') return { kind: 'oauth', code: 'invalid_token' };
  if (reason === 'insufficientPermissions' || env.status === 'PERMISSION_DENIED') return { kind: 'oauth', code: 'insufficient_scope' };
  return undefined;
}
