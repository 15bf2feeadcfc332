/** Twitch wire shapes (snake_case as Twitch spells them) and their mapping to domain types. */
import { z } from 'zod';
import type { NormalisedError } from '../oauth/classify.ts';
import { asRecord } from '../oauth/classify.ts';
import type { PlatformIdentity, ValidationResult } from '../types.ts';

/** GET /oauth2/validate 200 [T8][T9]; `login`/`user_id` are absent for app tokens, `scopes` may be null. */
export const validateResponse = z.object({
  client_id: z.string(),
  login: z.string().optional(),
  user_id: z.string().optional(),
  scopes: z.array(z.string()).nullable().optional(),
  expires_in: z.number().int().nonnegative(),
});

/** GET /helix/users item [T7]; ids are numeric strings. */
export const helixUser = z.object({
  id: z.string().min(1),
  login: z.string().min(1),
  display_name: z.string(),
  type: z.string().optional(),
  broadcaster_type: z.string().optional(),
  profile_image_url: z.string().optional(),
  email: z.string().optional(),
  created_at: z.string().optional(),
});
export const helixUsersResponse = z.object({ data: z.array(helixUser) });

/** `{status, message[, error]}` — Twitch's error body on id.twitch.tv and Helix [T8][T23]. */
const twitchErrorBody = z.object({ status: z.number().optional(), message: z.string(), error: z.string().optional() });

export function toIdentity(user: z.infer<typeof helixUser>): PlatformIdentity {
  return { platformUserId: user.id, username: user.login, displayName: user.display_name || user.login };
}

export function toValidation(body: z.infer<typeof validateResponse>): ValidationResult {
  return { expiresIn: body.expires_in, scopes: (body.scopes ?? []).filter((s) => s !== ''), platformUserId: body.user_id, username: body.login };
}

/**
 * Twitch keys errors on `message`, not on an RFC 6749 `error` code (its `error` is the HTTP reason
 * phrase, "Bad Request") [T8][T23]. Messages are matched case-insensitively.
 */
const MESSAGE_CODES: readonly (readonly [RegExp, string])[] = [
  [/^invalid refresh token$/, 'invalid_grant'],
  [/^invalid authorization code$|^invalid code$/, 'invalid_grant'],
  [/redirect_uri does not match/, 'invalid_grant'],
  [/^invalid client secret$|^invalid client$|^missing client secret$|^invalid client_id/, 'invalid_client'],
  [/^invalid scope requested/, 'invalid_scope'],
  [/^invalid access token$|^invalid oauth token$|^missing authorization token$|^missing oauth token$/, 'invalid_token'],
  [/^client id and oauth token do not match$|^client id is missing$|^invalid client id specified$/, 'invalid_token'],
  [/^missing refresh token$|^missing (code|grant_type|redirect_uri|client_id)/, 'invalid_request'],
  // Helix answers a token without the endpoint's scope with 401 "Missing scope: <scope>" [T7].
  [/^missing scope/, 'insufficient_scope'],
  [/^authorization_pending$|^slow_down$|^invalid device code$/, 'device_flow'],
];

/** Maps a Twitch error body to a normalised OAuth code. */
export function normaliseTwitchError(_status: number, body: unknown): NormalisedError | undefined {
  const parsed = twitchErrorBody.safeParse(asRecord(body));
  if (!parsed.success) return undefined;
  const message = parsed.data.message.trim().toLowerCase();
  for (const [pattern, code] of MESSAGE_CODES) {
    if (!pattern.test(message)) continue;
    // Device-flow messages are their own codes (authorization_pending …) [T6].
    return { kind: 'oauth', code: code === 'device_flow' ? message.replace(/ /g, '_') : code };
  }
  return undefined;
}
