/** The token lifecycle's settings: defaults, environment variables, sub-second durations, and the checks between them. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/load.ts';

const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig({ env });
    return [];
  } catch (err) {
    return (err as ConfigError).problems as string[];
  }
};

describe('[tokens], [token_server], [metrics], [webhooks] settings', () => {
  it('have safe defaults: 10 min margin, 5 min read margin, 60 s lease, metrics off (durations parsed to milliseconds)', () => {
    const c = loadConfig({ env: {} });
    expect(c.tokens).toMatchObject({ refresh_margin: 600_000, read_margin: 300_000, lease: 60_000, max_age: 86_400_000, worker_interval: 5000, read_cache_ms: 1000, min_refresh_interval: 60_000 });
    expect(c.metrics.enabled).toBe(false);
    expect(c.token_server).toEqual({ allowed_cidrs: [], min_validity: 1_200_000 });
  });

  it('read their environment variables, with sub-second durations and lists', () => {
    const c = loadConfig({
      env: { BIFROST_WORKER_INTERVAL: '250ms', BIFROST_REFRESH_MARGIN: '27', BIFROST_TOKEN_READ_MARGIN: '26.8', BIFROST_TOKEN_SERVER_ALLOWED_CIDRS: '10.0.0.0/8, 127.0.0.1', BIFROST_METRICS: 'true', BIFROST_METRICS_LISTEN: '127.0.0.1:9464' },
    });
    expect(c.tokens.worker_interval).toBe(250);
    expect(c.tokens.read_margin).toBe(26_800);
    expect(c.token_server.allowed_cidrs).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(c.metrics).toEqual({ enabled: true, listen: '127.0.0.1:9464' });
    const paced = loadConfig({ env: { BIFROST_MIN_REFRESH_INTERVAL: '2m', BIFROST_TOKEN_SERVER_MIN_VALIDITY: '30m' } });
    expect(paced.tokens.min_refresh_interval).toBe(120_000);
    expect(paced.token_server.min_validity).toBe(1_800_000);
  });

  it('refuse a refresh margin that would make every token due as soon as it is issued, and a floor that allows a loop', () => {
    expect(problems({ BIFROST_REFRESH_MARGIN: '24h' }).join('\n')).toMatch(/tokens\.refresh_margin \(from BIFROST_REFRESH_MARGIN\): must be shorter than tokens\.max_age/);
    expect(problems({ BIFROST_REFRESH_MARGIN: '3h', BIFROST_REFRESH_MAX_AGE: '2h' }).join('\n')).toMatch(/tokens\.refresh_margin.*shorter than tokens\.max_age/);
    // A 3-hour margin is fine when max_age is longer: the pace rule keeps 2-hour tokens from looping.
    expect(problems({ BIFROST_REFRESH_MARGIN: '3h' })).toEqual([]);
    expect(problems({ BIFROST_MIN_REFRESH_INTERVAL: '250ms' }).join('\n')).toMatch(/tokens\.min_refresh_interval.*at least 1 second/);
    expect(problems({ BIFROST_MIN_REFRESH_INTERVAL: '2d' }).join('\n')).toMatch(/tokens\.min_refresh_interval.*shorter than tokens\.max_age/);
    expect(problems({ BIFROST_TOKEN_SERVER_MIN_VALIDITY: 'soon' }).join('\n')).toMatch(/token_server\.min_validity/);
  });

  it('refuse a read margin that would refresh on every read, a short lease and a bad listen address', () => {
    expect(problems({ BIFROST_TOKEN_READ_MARGIN: '15m' }).join('\n')).toMatch(/tokens\.read_margin.*shorter than tokens\.refresh_margin/);
    expect(problems({ BIFROST_REFRESH_LEASE: '20s' }).join('\n')).toMatch(/tokens\.lease.*at least 60 seconds/);
    expect(problems({ BIFROST_METRICS_LISTEN: 'everywhere' }).join('\n')).toMatch(/metrics\.listen.*host:port/);
  });

  it('have no crash-test setting: BIFROST_FAILPOINT does nothing, and [tokens] failpoint is an unknown key', () => {
    expect(loadConfig({ env: { BIFROST_FAILPOINT: 'before_platform_call' } }).tokens).not.toHaveProperty('failpoint');
    expect(() => loadConfig({ overrides: { tokens: { failpoint: 'before_platform_call' } } })).toThrow(/tokens.*failpoint/);
  });
});
