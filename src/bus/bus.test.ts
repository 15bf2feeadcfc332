import { describe, expect, it } from 'vitest';
import { createBus } from './bus.ts';

describe('event bus', () => {
  it('runs handlers in subscription order, awaits each, and returns their results', async () => {
    const bus = createBus();
    const seen: string[] = [];
    bus.on('account.deleting', async ({ accountId }) => {
      await new Promise((r) => setTimeout(r, 5));
      seen.push(`first ${accountId}`);
      return null;
    });
    bus.on('account.deleting', ({ accountId }) => {
      seen.push(`second ${accountId}`);
      return async () => ({ revoked: 1, not_revoked: [] });
    });
    const results = await bus.emit('account.deleting', { accountId: 'acc_1' });
    expect(seen).toEqual(['first acc_1', 'second acc_1']);
    expect(results[0]).toBeNull();
    expect(await results[1]!()).toEqual({ revoked: 1, not_revoked: [] });
  });

  it('unsubscribes, and an event nobody handles returns no results', async () => {
    const bus = createBus();
    let calls = 0;
    const off = bus.on('app_credentials.deleted', () => {
      calls++;
    });
    await bus.emit('app_credentials.deleted', { accountId: 'acc_1', platform: 'kick' });
    off();
    expect(await bus.emit('app_credentials.deleted', { accountId: 'acc_1', platform: 'kick' })).toEqual([]);
    expect(calls).toBe(1);
  });

  it('fails the emit when a handler fails', async () => {
    const bus = createBus();
    bus.on('app_credentials.deleted', () => {
      throw new Error('boom');
    });
    await expect(bus.emit('app_credentials.deleted', { accountId: 'a', platform: 'kick' })).rejects.toThrow('boom');
  });
});
