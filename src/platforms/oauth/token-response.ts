/**
 * Strict parsing of token-endpoint answers where they enter (OA-12, RFC 6749 §5.1): require an
 * access token, validate expires_in (number or numeric string, positive, at most a year), accept
 * scopes as an array or a space-separated string, and keep the old refresh token when a refresh
 * answer omits one (RFC 6749 §6). Anything else is a typed PlatformError body, never a crash.
 */
import type { TokenSet } from '../types.ts';
import { asRecord, bodyError, type ErrorContext } from './classify.ts';

/** Longest access-token lifetime believed (Twitch app tokens ≈ 58 d [T22], Kick app tokens ≈ 60 d [K7g]). */
export const MAX_TOKEN_LIFETIME_SECONDS = 366 * 86_400;

/** Longest token string accepted (Google access tokens run to ~2 KB). */
const MAX_TOKEN_LENGTH = 8192;

/** RFC 6750 b64token is stricter; visible ASCII is what can travel in a header without harm. */
const TOKEN_CHARS = /^[\x21-\x7E]+$/;

type Context = ErrorContext;

const PURPOSE = 'token request';

function fail(ctx: Context, what: string): never {
  throw bodyError(ctx, PURPOSE, what);
}

function tokenString(ctx: Context, value: unknown, field: string, required: boolean): string | undefined {
  // Twitch app tokens come with "refresh_token": "" [T22]: empty and null mean "none".
  if (value === undefined || value === null || (value === '' && !required)) {
    if (required) fail(ctx, `${field} is missing`);
    return undefined;
  }
  if (typeof value !== 'string') fail(ctx, `${field} is not a string`);
  if (value.length === 0) fail(ctx, `${field} is empty`);
  if (value.length > MAX_TOKEN_LENGTH) fail(ctx, `${field} is too long`);
  if (!TOKEN_CHARS.test(value)) fail(ctx, `${field} contains characters a token cannot have`);
  return value;
}

/** expires_in: a number, or a numeric string (Trovo sends "14400" [R3][R12]); missing → the platform default. */
function parseExpiresIn(ctx: Context, value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^\s*\d{1,12}(\.\d+)?\s*$/.test(value)) n = Number(value);
  else return fail(ctx, 'expires_in is not a number');
  if (!Number.isFinite(n)) fail(ctx, 'expires_in is not finite');
  const seconds = Math.floor(n);
  if (seconds <= 0) fail(ctx, 'expires_in is not positive');
  if (seconds > MAX_TOKEN_LIFETIME_SECONDS) fail(ctx, 'expires_in is longer than a year');
  return seconds;
}

/**
 * Scopes as an array (Twitch [T6]) or a space-separated string (Google, Kick; Twitch's docs example
 * [T2]). `[""]` means no scopes (twitch_oauth2 [T6]). Missing → undefined (Trovo: ask validate).
 */
function parseScopes(ctx: Context, value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  let items: string[];
  if (typeof value === 'string') items = value.split(/\s+/);
  else if (Array.isArray(value)) {
    if (!value.every((s) => typeof s === 'string')) fail(ctx, 'scope holds something other than strings');
    items = (value as string[]).flatMap((s) => s.split(/\s+/));
  } else return fail(ctx, 'scope is neither a list nor a string');
  const scopes = [...new Set(items.filter((s) => s.length > 0))];
  if (scopes.some((s) => s.length > 256 || !TOKEN_CHARS.test(s))) fail(ctx, 'scope holds an impossible scope name');
  return scopes;
}

/**
 * Parses a successful token answer (authorization_code or refresh_token grant).
 * @param defaultLifetime seconds assumed when expires_in is absent (capabilities.defaultAccessTokenLifetime)
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1
 */
export function parseTokenResponse(ctx: Context, body: unknown, defaultLifetime: number): TokenSet {
  const o = asRecord(body);
  if (!o) return fail(ctx, 'the body is not a JSON object');
  const accessToken = tokenString(ctx, o.access_token, 'access_token', true)!;
  const refreshToken = tokenString(ctx, o.refresh_token, 'refresh_token', false);
  const expiresIn = parseExpiresIn(ctx, o.expires_in, defaultLifetime);
  const scopes = parseScopes(ctx, o.scope);
  let tokenType = 'bearer';
  if (o.token_type !== undefined && o.token_type !== null) {
    if (typeof o.token_type !== 'string' || o.token_type.length === 0 || o.token_type.length > 64) fail(ctx, 'token_type is not a short string');
    // Case varies by platform (`bearer`, `Bearer`, Trovo `OAuth`); compare case-insensitively downstream.
    tokenType = o.token_type;
  }
  return { accessToken, refreshToken, expiresIn, scopes, tokenType };
}

/**
 * Parses a refresh answer and applies RFC 6749 §6: when the answer carries no refresh token (Google
 * never rotates [G1]), the previous one stays valid and is returned as `refreshToken`; when it
 * carries one, the caller must store it and discard the old one. This layer (the protocol core) is
 * the one that keeps the old token, so `refreshToken` is always set on a refresh result.
 */
export function parseRefreshResponse(ctx: Context, body: unknown, defaultLifetime: number, previousRefreshToken: string): TokenSet {
  const parsed = parseTokenResponse(ctx, body, defaultLifetime);
  const rotated = parsed.refreshToken !== undefined && parsed.refreshToken !== previousRefreshToken;
  return { ...parsed, refreshToken: parsed.refreshToken ?? previousRefreshToken, refreshTokenRotated: rotated };
}
