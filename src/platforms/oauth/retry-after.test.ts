// Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP date, clamped to a day.
import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_SECONDS, parseRateLimitReset, parseRetryAfter } from './retry-after.ts';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120],
    [' 7 ', 7],
    ['0', 0],
    ['Thu, 01 Jan 2026 12:00:30 GMT', 30],
    ['Thu, 01 Jan 2026 11:00:00 GMT', 0],
    ['999999999', MAX_RETRY_AFTER_SECONDS],
  ])('%s → %s', (value, seconds) => {
    expect(parseRetryAfter(value, NOW)).toBe(seconds);
  });

  it.each([null, undefined, '', '-5', '1.5', 'soon', '12abc'])('%s → undefined', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});

describe('parseRateLimitReset', () => {
  it.each([
    [String(NOW / 1000 + 17), 17],
    [String(NOW / 1000 - 5), 0],
    ['42', 42],
  ])('%s → %s', (value, seconds) => {
    expect(parseRateLimitReset(value, NOW)).toBe(seconds);
  });

  it.each([null, undefined, '', 'soon', '1.5'])('%s → undefined', (value) => {
    expect(parseRateLimitReset(value, NOW)).toBeUndefined();
  });
});
