/** `[events]` settings: defaults in ms, the environment variables, and a bad value named with its fix. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.ts';

describe('[events] configuration', () => {
  it('defaults to on, 7 days of retention and a 30 s lease, and maps BIFROST_EVENTS_*', () => {
    const d = loadConfig().events;
    expect(d).toEqual({ enabled: true, retention: 7 * 86_400_000, lease: 30_000 });
    const e = loadConfig({ env: { BIFROST_EVENTS_ENABLED: 'false', BIFROST_EVENTS_RETENTION: '2d', BIFROST_EVENTS_LEASE: '10s' } }).events;
    expect(e).toEqual({ enabled: false, retention: 2 * 86_400_000, lease: 10_000 });
    expect(() => loadConfig({ env: { BIFROST_EVENTS_LEASE: 'soon' } })).toThrow(/events\.lease.*positive duration/);
  });
});
