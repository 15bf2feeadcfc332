/** The chat service's batches (one write per tick with everything queued, a failed write's items kept in order, flush waiting for all) and its random ids. */
import { describe, expect, it } from 'vitest';
import { createChatService } from './service.ts';

describe('chat service batches', () => {
  it('writes what one tick queued in one call, keeps a failed batch in order before newer items, and flush writes the rest', async () => {
    const chat = createChatService();
    const calls: number[][] = [];
    let fail = true;
    const write = async (items: number[]) => {
      calls.push(items);
      if (fail) throw new Error('store down');
    };
    chat.later(write, 1);
    chat.later(write, 2);
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual([[1, 2]]);
    chat.later(write, 3);
    fail = false;
    await chat.flush();
    expect(calls).toEqual([[1, 2], [1, 2, 3]]);
    await chat.flush();
    expect(calls).toHaveLength(2);
  });

  it('after close, a failed write is not retried (the store is closing)', async () => {
    const chat = createChatService();
    let calls = 0;
    const write = async () => {
      calls += 1;
      throw new Error('store closed');
    };
    chat.later(write, 1);
    await chat.close();
    expect(calls).toBe(1);
    await new Promise((r) => setTimeout(r, 1100));
    expect(calls).toBe(1);
  });

  it('random ids: the prefix and base64url of the asked bytes, none repeated across buffer refills', () => {
    const chat = createChatService();
    const ids = Array.from({ length: 2000 }, (_, i) => chat.randomId(i % 2 ? 'cs' : 'chl', i % 2 ? 8 : 10));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id, i) => (i % 2 ? /^cs_[A-Za-z0-9_-]{11}$/ : /^chl_[A-Za-z0-9_-]{14}$/).test(id))).toBe(true);
  });

  it('together: one run per tick with every item, each caller answered with its own result, and all rejected when the run throws', async () => {
    const chat = createChatService();
    const runs: number[][] = [];
    const double = async (items: number[]) => {
      runs.push(items);
      return items.map((n) => n * 2);
    };
    expect(await Promise.all([chat.together(double, 1), chat.together(double, 2), chat.together(double, 3)])).toEqual([2, 4, 6]);
    expect(runs).toEqual([[1, 2, 3]]);
    const broken = (): Promise<number[]> => {
      throw new Error('store closed');
    };
    const answers = await Promise.allSettled([chat.together(broken, 1), chat.together(broken, 2)]);
    expect(answers.map((a) => a.status)).toEqual(['rejected', 'rejected']);
  });
});
