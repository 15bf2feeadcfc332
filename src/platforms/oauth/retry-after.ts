/** Retry-After parsing (RFC 9110 §10.2.3): delay-seconds or an HTTP-date, as seconds from now. */

/** Longest wait Bifrost will honour from a platform (a day); longer values are clamped, not trusted. */
export const MAX_RETRY_AFTER_SECONDS = 86_400;

/**
 * Parses a Retry-After header value into whole seconds from `nowMs`.
 * Returns undefined for a missing or unparseable value; a date in the past gives 0.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Math.min(Number(text), MAX_RETRY_AFTER_SECONDS);
  // HTTP-date (IMF-fixdate and the obsolete forms Date.parse also accepts); reject bare numbers with signs or decimals.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, Math.ceil((at - nowMs) / 1000)), MAX_RETRY_AFTER_SECONDS);
}

/**
 * Parses a rate-limit reset header (`Ratelimit-Reset` on Helix, `x-ratelimit-reset` on Trovo) into
 * whole seconds from `nowMs`: a value of 10^9 or more is an epoch time in seconds, a smaller one a
 * delay in seconds. Undefined when missing or not a whole number.
 */
export function parseRateLimitReset(value: string | null | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text || !/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  const seconds = n >= 1e9 ? Math.ceil(n - nowMs / 1000) : n;
  return Math.min(Math.max(0, seconds), MAX_RETRY_AFTER_SECONDS);
}
