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
