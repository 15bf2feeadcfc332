import { describe, expect, it } from 'vitest';
import { toWire } from './wire.ts';

describe('toWire', () => {
  it('snake_cases keys at every depth and writes epoch-millisecond times as ISO 8601', () => {
    const domain = {
      id: 'int_1',
      platformUserId: '42',
      tokenExpiresAt: Date.UTC(2026, 11, 3, 12, 0, 0),
      lastRefreshedAt: null,
      scopes: ['chat:read'],
      capabilities: { verifiedBots: true, refreshRotates: 'may' },
      bots: [{ isDefaultBot: true, connectedAt: 0 }],
      skipped: undefined,
    };
    expect(toWire(domain)).toEqual({
      id: 'int_1',
      platform_user_id: '42',
      token_expires_at: '2026-12-03T12:00:00.000Z',
      last_refreshed_at: null,
      scopes: ['chat:read'],
      capabilities: { verified_bots: true, refresh_rotates: 'may' },
      bots: [{ is_default_bot: true, connected_at: '1970-01-01T00:00:00.000Z' }],
    });
  });

  it('leaves a time that is already a string, and numbers that are not times, alone', () => {
    expect(toWire({ createdAt: '2026-01-01T00:00:00.000Z', port: 4455, consecutiveFailures: 3 })).toEqual({
      created_at: '2026-01-01T00:00:00.000Z',
      port: 4455,
      consecutive_failures: 3,
    });
  });
});
