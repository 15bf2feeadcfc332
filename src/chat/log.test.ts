/**
 * The chat log keeps an account's last LOG_KEEP entries and shows each account only its own, newest
 * first; sends queued in one tick are written together with their slots' settle, and a read waits for them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import type { Store } from '../store/db.ts';
import { storeTargets } from '../../test/support/stores.ts';
import { seedAccount } from '../../test/support/token-seed.ts';
import { callerOf } from '../../test/support/callers.ts';
import { createLogger } from '../log.ts';
import { createChatService } from './service.ts';
import { testRuntime } from '../../test/support/runtime.ts';
import { LOG_KEEP, listChatLog, logSend, writeLog } from './log.ts';

describe.each(storeTargets())('chat log on $name', (target) => {
  let store: Store;
  const clock = new ManualClock();

  beforeAll(async () => {
    store = await target.open();
  });
  afterAll(async () => {
    await store?.close();
  });

  it('prunes to the last entries per account and never shows another account', async () => {
    const deps = { store, clock };
    const mine = await seedAccount(deps as never);
    const theirs = await seedAccount(deps as never);
    const sender = { id: 'int_bot', platform_username: 'bot' };
    await writeLog(deps, { accountId: theirs, platform: 'kick', action: 'sent', sender, text: 'not yours' }, false);
    for (let i = 0; i < LOG_KEEP + 10; i++) {
      clock.advance(1);
      await writeLog(deps, { accountId: mine, platform: 'kick', action: 'sent', sender, text: `m${i}` }, i === LOG_KEEP + 9);
    }
    const rows = await store.db.selectFrom('chat_log').select('text').where('account_id', '=', mine).execute();
    expect(rows).toHaveLength(LOG_KEEP);
    const shown = await listChatLog(deps, callerOf(mine), { limit: 3 });
    expect(shown.map((e) => e.text)).toEqual([`m${LOG_KEEP + 9}`, `m${LOG_KEEP + 8}`, `m${LOG_KEEP + 7}`]);
    expect((await listChatLog(deps, callerOf(theirs))).map((e) => e.text)).toEqual(['not yours']);
  });

  it('writes the sends of one tick together, each slot settled at its own answer time; a deleted account\'s entries are left out', async () => {
    const deps = { store, clock, log: createLogger({ level: 'silent' }), chat: createChatService() };
    const mine = await seedAccount(deps as never);
    const gone = await seedAccount(deps as never);
    const sender = { id: 'int_bot', platform_username: 'bot' };
    const start = clock.now();
    await store.db.insertInto('chat_slots').values([0, 1, 2].map((i) => ({ id: `cs_batch${i}`, key: 'win:batch', at: start - 5000 }))).execute();
    for (let i = 0; i < 3; i++) {
      clock.advance(10);
      logSend(deps, { accountId: mine, platform: 'kick', action: 'sent', sender, text: `b${i}`, messageId: `msg${i}` }, [`cs_batch${i}`]);
      logSend(deps, { accountId: gone, platform: 'kick', action: 'sent', sender, text: `lost${i}` }, []);
    }
    await store.db.deleteFrom('accounts').where('id', '=', gone).execute();
    const shown = await listChatLog(deps, callerOf(mine), { limit: 3 });
    expect(shown.map((e) => [e.text, e.messageId, e.createdAt])).toEqual([2, 1, 0].map((i) => [`b${i}`, `msg${i}`, start + 10 * (i + 1)]));
    const slots = await store.db.selectFrom('chat_slots').select(['id', 'at']).where('key', '=', 'win:batch').orderBy('id').execute();
    expect(slots.map((r) => Number(r.at))).toEqual([0, 1, 2].map((i) => start + 10 * (i + 1)));
    expect(await store.db.selectFrom('chat_log').select('id').where('account_id', '=', gone).execute()).toEqual([]);
  });

  it('closing the runtime writes the sends still queued before the store closes', async () => {
    const own = await target.open();
    let written = -1;
    const rt = await testRuntime({
      store: {
        ...own,
        close: async () => {
          written = (await own.db.selectFrom('chat_log').select('id').execute()).length;
          await own.close();
        },
      },
    });
    const accountId = await seedAccount(rt);
    logSend(rt, { accountId, platform: 'kick', action: 'sent', sender: { id: 'int_bot', platform_username: 'bot' }, text: 'last words' }, []);
    await rt.close();
    expect(written).toBe(1);
  });
});
