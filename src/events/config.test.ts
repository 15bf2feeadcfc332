/** `[events]` settings: defaults in ms, the environment variables, and a bad value named with its fix. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.ts';

describe('[events] configuration', () => {
  it('defaults to on, 7 days of retention, a 30 s lease and 5,000 YouTube units a day, and maps BIFROST_EVENTS_*', () => {
    const d = loadConfig().events;
    expect(d).toEqual({ enabled: true, retention: 7 * 86_400_000, lease: 30_000, youtube_quota_units_per_day: 5000 });
    const e = loadConfig({
      env: { BIFROST_EVENTS_ENABLED: 'false', BIFROST_EVENTS_RETENTION: '2d', BIFROST_EVENTS_LEASE: '10s', BIFROST_EVENTS_YOUTUBE_QUOTA_UNITS_PER_DAY: '2500' },
    }).events;
    expect(e).toEqual({ enabled: false, retention: 2 * 86_400_000, lease: 10_000, youtube_quota_units_per_day: 2500 });
    expect(() => loadConfig({ env: { BIFROST_EVENTS_LEASE: 'soon' } })).toThrow(/events\.lease.*positive duration/);
  });

  it('takes the YouTube quota budget from bifrost.toml too, and refuses one that is not a positive whole number', () => {
    expect(loadConfig({ overrides: { events: { youtube_quota_units_per_day: 9000 } } }).events.youtube_quota_units_per_day).toBe(9000);
    for (const bad of ['lots', '0', '-5', '12.5']) {
      expect(() => loadConfig({ env: { BIFROST_EVENTS_YOUTUBE_QUOTA_UNITS_PER_DAY: bad } })).toThrow(
        /events\.youtube_quota_units_per_day \(from BIFROST_EVENTS_YOUTUBE_QUOTA_UNITS_PER_DAY\): must be a whole number of quota units/,
      );
    }
  });
});
