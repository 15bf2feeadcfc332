/** The chat log keeps an account's last LOG_KEEP entries and shows each account only its own, newest first. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import type { Store } from '../store/db.ts';
import { storeTargets } from '../../test/support/stores.ts';
import { seedAccount } from '../../test/support/token-seed.ts';
import { callerOf } from '../../test/support/callers.ts';
import { LOG_KEEP, listChatLog, writeLog } from './log.ts';

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
});
