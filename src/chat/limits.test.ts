/** The shared limits on every database: a window frees a slot exactly one window after it was taken, its row counts its slots (and heals when it ran ahead), a take refuses a sender the platform blocked, a daily budget refuses past it until midnight Pacific, config overrides apply, a block expires. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import type { Store } from '../store/db.ts';
import { storeTargets } from '../../test/support/stores.ts';
import { loadConfig } from '../config/load.ts';
import { blockSender, blockedUntil, effectiveLimit, quotaDay, releaseSlot, takeSlot } from './limits.ts';
import * as slotCount from '../store/migrations/071-chat-slot-count.ts';
import { createChatService } from './service.ts';

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

  const slotsOf = async (key: string) => {
    const row = await store.db.selectFrom('chat_limits').select('slots').where('key', '=', key).executeTakeFirst();
    const { n } = await store.db.selectFrom('chat_slots').select((eb) => eb.fn.countAll<number | string>().as('n')).where('key', '=', key).executeTakeFirstOrThrow();
    return { counted: Number(row?.slots ?? 0), rows: Number(n) };
  };

  it('the limit row counts its slot rows: a take adds one, a released slot gives its place back at once', async () => {
    const rule = { kind: 'window', key: 'win:count', windowMs: 30_000, limit: 2 } as const;
    const first = await takeSlot(deps(), rule);
    const second = await takeSlot(deps(), rule);
    expect(await slotsOf(rule.key)).toEqual({ counted: 2, rows: 2 });
    expect((await takeSlot(deps(), rule)).ok).toBe(false);
    await releaseSlot(deps(), rule, first.ok ? first.slotId : undefined);
    expect(await slotsOf(rule.key)).toEqual({ counted: 1, rows: 1 });
    expect((await takeSlot(deps(), rule)).ok).toBe(true);
    // Releasing a slot that is already gone changes nothing.
    await releaseSlot(deps(), rule, second.ok ? second.slotId : undefined);
    await releaseSlot(deps(), rule, second.ok ? second.slotId : undefined);
    expect(await slotsOf(rule.key)).toEqual({ counted: 1, rows: 1 });
  });

  it('below the limit a take only bumps the count; a count ahead of its rows (a write lost between them) heals once it reaches the limit', async () => {
    const rule = { kind: 'window', key: 'win:heal', windowMs: 30_000, limit: 3 } as const;
    expect((await takeSlot(deps(), rule)).ok).toBe(true);
    await store.db.updateTable('chat_limits').set({ slots: 2 }).where('key', '=', rule.key).execute();
    // Below the limit nothing is recounted: the take is the one guarded increment.
    expect((await takeSlot(deps(), rule)).ok).toBe(true);
    expect(await slotsOf(rule.key)).toEqual({ counted: 3, rows: 2 });
    await store.db.deleteFrom('chat_slots').where('key', '=', rule.key).execute();
    expect((await takeSlot(deps(), rule)).ok).toBe(true);
    await store.db.updateTable('chat_limits').set({ slots: 3 }).where('key', '=', rule.key).execute();
    expect((await takeSlot(deps(), rule)).ok).toBe(true);
    expect(await slotsOf(rule.key)).toEqual({ counted: 2, rows: 2 });
    expect((await takeSlot(deps(), rule)).ok).toBe(true);
    expect((await takeSlot(deps(), rule)).ok).toBe(false);
    clock.advance(30_000);
  });

  it('a take with the sender checks its platform block in the same step: refused until the block ends, nothing taken', async () => {
    const rule = { kind: 'window', key: 'win:blocked', windowMs: 30_000, limit: 5 } as const;
    expect((await takeSlot(deps(), rule, 'int_blocked')).ok).toBe(true);
    const until = clock.now() + 7000;
    await blockSender(deps(), 'int_blocked', until);
    expect(await takeSlot(deps(), rule, 'int_blocked')).toEqual({ ok: false, retryAt: until, blocked: true });
    // Another sender's block, or none asked for, does not hold this take.
    expect((await takeSlot(deps(), rule, 'int_other')).ok).toBe(true);
    expect(await slotsOf(rule.key)).toEqual({ counted: 2, rows: 2 });
    const quota = { kind: 'quota', key: 'quota:blocked', cost: 1, budget: 10 } as const;
    expect(await takeSlot(deps(), quota, 'int_blocked')).toEqual({ ok: false, retryAt: until, blocked: true });
    clock.set(until);
    expect((await takeSlot(deps(), rule, 'int_blocked')).ok).toBe(true);
    expect(await slotsOf(rule.key)).toEqual({ counted: 3, rows: 3 });
  });

  it('the takes of one tick share one write: each key up to its limit in arrival order, a blocked sender refused, counts matching rows', async () => {
    const grouped = { store, clock, chat: createChatService() };
    const a = { kind: 'window', key: 'win:group-a', windowMs: 30_000, limit: 3 } as const;
    const b = { kind: 'window', key: 'win:group-b', windowMs: 30_000, limit: 2 } as const;
    // A key's first take creates its row (the locked path); the group then takes the fast path.
    expect((await takeSlot(deps(), a)).ok).toBe(true);
    expect((await takeSlot(deps(), b)).ok).toBe(true);
    await blockSender(deps(), 'int_group_blocked', clock.now() + 5000);
    const answers = await Promise.all([
      takeSlot(grouped, b),
      takeSlot(grouped, a),
      takeSlot(grouped, a, 'int_group_blocked'),
      takeSlot(grouped, a),
      takeSlot(grouped, b),
      takeSlot(grouped, a),
    ]);
    expect(answers.map((r) => (r.ok ? 'ok' : r.blocked ? 'blocked' : 'full'))).toEqual(['ok', 'ok', 'blocked', 'ok', 'full', 'full']);
    expect(await slotsOf(a.key)).toEqual({ counted: 3, rows: 3 });
    expect(await slotsOf(b.key)).toEqual({ counted: 2, rows: 2 });
    clock.advance(30_000);
  });

  it('migration 071 counts the slots a window already held, so an upgrade never lets more through', async () => {
    const rule = { kind: 'window', key: 'win:upgrade', windowMs: 30_000, limit: 3 } as const;
    await slotCount.down(store.db as never);
    await store.db.insertInto('chat_limits').values({ key: rule.key, blocked_until: null, units_used: 0, period: null, updated_at: clock.now() }).execute();
    await store.db
      .insertInto('chat_slots')
      .values([0, 1, 2].map((i) => ({ id: `cs_upgrade${i}`, key: rule.key, at: clock.now() })))
      .execute();
    await slotCount.up(store.db as never);
    expect(await slotsOf(rule.key)).toEqual({ counted: 3, rows: 3 });
    expect(await takeSlot(deps(), rule)).toEqual({ ok: false, retryAt: clock.now() + 30_000 });
    clock.advance(30_000);
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
