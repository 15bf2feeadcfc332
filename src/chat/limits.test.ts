/** The shared limits on every database: a window frees a slot exactly one window after it was taken, a daily budget refuses past it until midnight Pacific, config overrides apply, a block expires. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import type { Store } from '../store/db.ts';
import { storeTargets } from '../../test/support/stores.ts';
import { loadConfig } from '../config/load.ts';
import { blockSender, blockedUntil, effectiveLimit, quotaDay, takeSlot } from './limits.ts';

describe.each(storeTargets())('chat limits on $name', (target) => {
  let store: Store;
  const clock = new ManualClock(Date.UTC(2026, 5, 1, 12));
  const deps = () => ({ store, clock });

  beforeAll(async () => {
    store = await target.open();
  });
  afterAll(async () => {
    await store?.close();
  });

  it('a window of 3 per 30 s: the 4th waits for the oldest slot, which frees 30 s after it was taken', async () => {
    const rule = { kind: 'window', key: 'win:test', windowMs: 30_000, limit: 3 } as const;
    const start = clock.now();
    for (let i = 0; i < 3; i++) {
      expect((await takeSlot(deps(), rule)).ok).toBe(true);
      clock.advance(1000);
    }
    expect(await takeSlot(deps(), rule)).toEqual({ ok: false, retryAt: start + 30_000 });
    clock.set(start + 30_000);
    expect((await takeSlot(deps(), rule)).ok).toBe(true);
    expect(await takeSlot(deps(), rule)).toEqual({ ok: false, retryAt: start + 31_000 });
  });

  it('a daily budget: refused past it until the day ends in Pacific time, then counted afresh', async () => {
    const rule = { kind: 'quota', key: 'quota:test', cost: 40, budget: 100 } as const;
    expect((await takeSlot(deps(), rule)).ok).toBe(true);
    expect((await takeSlot(deps(), rule)).ok).toBe(true);
    const refused = await takeSlot(deps(), rule);
    const day = quotaDay(clock.now());
    expect(refused).toEqual({ ok: false, retryAt: day.endsAt });
    clock.set(day.endsAt);
    expect(quotaDay(clock.now()).period).not.toBe(day.period);
    expect((await takeSlot(deps(), rule)).ok).toBe(true);
  });

  it('a platform block holds until its time for everyone reading the store', async () => {
    await blockSender(deps(), 'int_x', clock.now() + 5000);
    expect(await blockedUntil(deps(), 'int_x')).toBe(clock.now() + 5000);
    clock.advance(5000);
    expect(await blockedUntil(deps(), 'int_x')).toBeNull();
  });
});

describe('limit overrides from [chat.<platform>]', () => {
  it('messages_per_30s replaces a window limit; daily_units and send_cost a quota; requests_per_minute an app limit', () => {
    const config = loadConfig({
      env: { BIFROST_CHAT_KICK_MESSAGES_PER_30S: '10', BIFROST_CHAT_YOUTUBE_DAILY_UNITS: '500', BIFROST_CHAT_YOUTUBE_SEND_COST: '5' },
      overrides: { data_dir: '/tmp/x', chat: { trovo: { requests_per_minute: 60 } } },
    });
    expect(effectiveLimit(config, 'kick', { kind: 'window', windowMs: 30_000, messages: 20 })).toEqual({ kind: 'window', windowMs: 30_000, messages: 10 });
    const costs = { send: 20, delete: 50, ban: 50, unban: 50, discover: 1 };
    expect(effectiveLimit(config, 'youtube', { kind: 'quota', dailyUnits: 10_000, costs })).toEqual({ kind: 'quota', dailyUnits: 500, costs: { ...costs, send: 5 } });
    expect(effectiveLimit(config, 'trovo', { kind: 'app', windowMs: 60_000, requests: 1200 })).toEqual({ kind: 'app', windowMs: 60_000, requests: 60 });
    expect(effectiveLimit(config, 'twitch', { kind: 'window', windowMs: 30_000, messages: 20 })).toEqual({ kind: 'window', windowMs: 30_000, messages: 20 });
  });
});
