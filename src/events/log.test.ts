/**
 * The event log on both databases: appends get consecutive seqs per account, a redelivery of the same
 * (source, source id) stores nothing, concurrent appends never share or skip a seq, reads filter and
 * page, and pruning removes what is past `[events] retention`. A batch is one transaction: the events it
 * answers are the ones the log reads back, and on PostgreSQL it sends one NOTIFY with its last seq.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTargets } from '../../test/support/stores.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { seedAccount } from '../../test/support/token-seed.ts';
import { chat, tip, until } from '../../test/support/events.ts';
import { ManualClock } from '../clock.ts';
import { appendEvents, eventChannel, lastSeq, pruneEventLog, readEvents } from './log.ts';

for (const target of storeTargets()) {
  describe(`event log on ${target.name}`, () => {
    let rt: TestRuntime;
    const clock = new ManualClock(Date.UTC(2026, 5, 1));
    beforeAll(async () => {
      rt = await testRuntime({ store: await target.open(), clock, overrides: { events: { retention: '1d' } } });
    });
    afterAll(async () => {
      await rt?.close();
    });

    it('numbers each account from 1 without gaps and keeps each (source, source id) once', async () => {
      const a = await seedAccount(rt);
      const b = await seedAccount(rt);
      const target1 = { accountId: a, platform: 'twitch' as const, integrationId: null, source: 'twitch.eventsub' as const };
      const first = await appendEvents(rt, target1, [chat(1), chat(2), chat(2)]);
      expect(first.map((e) => e.seq)).toEqual([1, 2]);
      expect(first[0]).toMatchObject({ accountId: a, platform: 'twitch', source: 'twitch.eventsub', sourceId: 'm1', type: 'chat.message', receivedAt: clock.now() });
      // A redelivery stores nothing and answers nothing new; new ones continue the count.
      expect(await appendEvents(rt, target1, [chat(1), chat(2)])).toEqual([]);
      expect((await appendEvents(rt, target1, [chat(2), chat(3)])).map((e) => e.seq)).toEqual([3]);
      // The same platform id from another source is another event; another account counts on its own.
      expect((await appendEvents(rt, { ...target1, source: 'streamelements' }, [chat(1)])).map((e) => e.seq)).toEqual([4]);
      expect((await appendEvents(rt, { ...target1, accountId: b }, [chat(1)])).map((e) => e.seq)).toEqual([1]);
      expect(await lastSeq(rt, a)).toBe(4);
    });

    it('gives concurrent appends distinct, consecutive seqs', async () => {
      const a = await seedAccount(rt);
      const t = { accountId: a, platform: 'kick' as const, integrationId: null, source: 'kick.webhook' as const };
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => appendEvents(rt, t, [chat(i * 2), chat(i * 2 + 1)])));
      const seqs = results.flat().map((e) => e.seq).sort((x, y) => x - y);
      expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    });

    it('stores a batch of 500 as one range of seq, answering what the log reads back, with one NOTIFY on PostgreSQL', async () => {
      const a = await seedAccount(rt);
      const marker = await seedAccount(rt);
      const heard: string[] = [];
      const listening = rt.store.listen ? await rt.store.listen(eventChannel(rt.store), (p) => void heard.push(p), () => {}) : undefined;
      try {
        const t = { accountId: a, platform: 'twitch' as const, integrationId: 'int_x', source: 'twitch.eventsub' as const };
        const stored = await appendEvents(rt, t, Array.from({ length: 500 }, (_, i) => (i % 7 === 0 ? tip(i) : chat(i))));
        expect(stored.map((e) => e.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
        expect(await readEvents(rt, a, { after: 0, limit: 1000 })).toEqual(stored);
        if (listening) {
          // Notifications come in commit order: once the marker's is heard, the batch's all were.
          await appendEvents(rt, { ...t, accountId: marker }, [chat(1)]);
          await until(() => heard.includes(`${marker}:1`), 'the marker NOTIFY');
          expect(heard.filter((p) => p.startsWith(`${a}:`))).toEqual([`${a}:500`]);
        }
      } finally {
        await listening?.close();
      }
    });

    it('reads after a seq with type and platform filters, oldest first', async () => {
      const a = await seedAccount(rt);
      await appendEvents(rt, { accountId: a, platform: 'twitch', integrationId: null, source: 'twitch.eventsub' }, [chat(1), chat(2)]);
      await appendEvents(rt, { accountId: a, platform: 'youtube', integrationId: null, source: 'streamelements' }, [tip(1)]);
      expect((await readEvents(rt, a, { after: 1, limit: 10 })).map((e) => e.seq)).toEqual([2, 3]);
      expect((await readEvents(rt, a, { after: 0, limit: 10, types: ['tip'] })).map((e) => e.seq)).toEqual([3]);
      expect((await readEvents(rt, a, { after: 0, limit: 10, platforms: ['twitch'] })).map((e) => e.seq)).toEqual([1, 2]);
      expect((await readEvents(rt, a, { after: 0, limit: 1 })).map((e) => e.seq)).toEqual([1]);
    });

    it('prunes events older than the retention, and seqs keep counting after a prune', async () => {
      const a = await seedAccount(rt);
      const t = { accountId: a, platform: 'trovo' as const, integrationId: null, source: 'trovo.chat' as const };
      await appendEvents(rt, t, [chat(1)]);
      clock.advance(25 * 3600_000);
      await appendEvents(rt, t, [chat(2)]);
      expect(await pruneEventLog(rt)).toBeGreaterThanOrEqual(1);
      expect((await readEvents(rt, a, { after: 0, limit: 10 })).map((e) => e.seq)).toEqual([2]);
      expect((await appendEvents(rt, t, [chat(3)])).map((e) => e.seq)).toEqual([3]);
    });
  });
}
