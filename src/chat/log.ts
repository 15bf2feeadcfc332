/**
 * The chat log: an account's own sends (with their text) and moderation actions (never another
 * user's text), for the dashboard's "last messages sent and moderation actions". Kept to the last
 * LOG_KEEP entries per account. Sends are written after their answer, all of one tick in one write
 * (with their slots' settle); a read of the log on the same instance, and closing it, wait for them.
 */
import { sql } from 'kysely';
import type { Deps } from '../deps.ts';
import { prefixedId } from '../crypto/random.ts';
import { accountOf, type Caller } from '../access/caller.ts';
import type { ChatTables } from '../store/tables/chat.ts';
import type { ChatService } from './service.ts';
import { statement } from './statements.ts';

export const LOG_KEEP = 200;

export type ChatAction = ChatTables['chat_log']['action'];

/** One log entry as the APIs show it. Times are epoch ms. */
export interface ChatLogEntry {
  id: string;
  platform: string;
  action: ChatAction;
  sender: { integrationId: string; username: string };
  target: string | null;
  text: string | null;
  messageId: string | null;
  durationS: number | null;
  createdAt: number;
}

export interface LogInput {
  accountId: string;
  platform: string;
  action: ChatAction;
  sender: { id: string; platform_username: string };
  target?: string | null | undefined;
  text?: string | null | undefined;
  messageId?: string | null | undefined;
  durationS?: number | null | undefined;
}

const ENTRY = ['id', 'account_id', 'platform', 'action', 'sender_integration_id', 'sender_username', 'target', 'text', 'message_id', 'duration_s', 'created_at'] as const;
type Entry = Record<(typeof ENTRY)[number], unknown>;
const entryOf = (v: Record<(typeof ENTRY)[number], never>) => Object.fromEntries(ENTRY.map((c) => [c, v[c]])) as Record<(typeof ENTRY)[number], never>;
const insertEntry = statement(ENTRY, (db, v) => db.insertInto('chat_log').values(entryOf(v)));
/** PostgreSQL: one slot moved to now and the entry written, in one statement. */
const touchAndInsert = statement([...ENTRY, 'slot'], (db, v) =>
  db
    .with('touched', (q) => q.updateTable('chat_slots').set({ at: v.created_at }).where('id', '=', v.slot))
    .insertInto('chat_log')
    .values(entryOf(v)),
);
const touchOne = statement(['slot', 'at'], (db, v) => db.updateTable('chat_slots').set({ at: v.at }).where('id', '=', v.slot));

/** One send waiting for the log's next batch write: its entry and the window slots it settles. */
interface QueuedSend {
  deps: LogDeps;
  entry: Entry;
  touch: readonly string[];
}

type LogDeps = Pick<Deps, 'store' | 'clock' | 'log'> & { readonly chat: Pick<ChatService, 'later' | 'pruneDue' | 'randomId'> };

/** Entries whose account is gone by the batch's write are left out (the account's log went with it). */
const insertIfAccount = statement(ENTRY, (_db, v) =>
  sql`insert into chat_log (${sql.join(ENTRY.map((c) => sql.ref(c)))}) select ${sql.join(ENTRY.map((c) => v[c]))} where exists (select 1 from accounts where id = ${v.account_id})`,
);
/** PostgreSQL: a whole batch's settles and entries in one statement, as arrays (one SQL text for any size). */
const batchPg = statement(['slots', 'slotAts', ...ENTRY], (_db, v) =>
  sql`with touched as (update chat_slots s set at = t.at from unnest(cast(${v.slots} as text[]), cast(${v.slotAts} as bigint[])) as t(id, at) where s.id = t.id)
insert into chat_log (id, account_id, platform, action, sender_integration_id, sender_username, target, text, message_id, duration_s, created_at)
select e.* from unnest(cast(${v.id} as text[]), cast(${v.account_id} as text[]), cast(${v.platform} as text[]), cast(${v.action} as text[]), cast(${v.sender_integration_id} as text[]),
  cast(${v.sender_username} as text[]), cast(${v.target} as text[]), cast(${v.text} as text[]), cast(${v.message_id} as text[]), cast(${v.duration_s} as integer[]), cast(${v.created_at} as bigint[]))
  as e(id, account_id, platform, action, sender_integration_id, sender_username, target, text, message_id, duration_s, created_at)
where exists (select 1 from accounts a where a.id = e.account_id)`,
);

/** SQLite: a batch's settles, and its entries, each in one statement over a JSON array (one SQL text for any size). */
const touchManySqlite = statement(['slots'], (_db, v) => sql`update chat_slots set at = t.value ->> 1 from json_each(${v.slots}) t where chat_slots.id = t.value ->> 0`);
const insertManySqlite = statement(['entries'], (_db, v) =>
  sql`insert into chat_log (${sql.join(ENTRY.map((c) => sql.ref(c)))}) select ${sql.join(ENTRY.map((_, i) => sql`e.value ->> ${sql.lit(i)}`))} from json_each(${v.entries}) e where exists (select 1 from accounts a where a.id = e.value ->> 1)`,
);

/**
 * Logs a send answered at `now` after the answer: queued for the tick's batch write, which also
 * moves its window slots (`touch`) to the answer's time.
 */
export function logSend(deps: LogDeps, input: LogInput, touch: readonly string[]): void {
  deps.chat.later(writeSends, { deps, entry: entryFor(input, deps.clock.now(), deps.chat.randomId('chl', 10)), touch });
}

/** The batch write of queued sends: one statement on PostgreSQL, one transaction on SQLite. */
async function writeSends(batch: QueuedSend[]): Promise<void> {
  const { deps } = batch[0]!;
  const db = deps.store.db;
  try {
    if (deps.store.caps.dialect === 'postgres') {
      const slots = batch.flatMap((q) => q.touch.map((id) => [id, q.entry.created_at] as const));
      const columns = Object.fromEntries(ENTRY.map((c) => [c, batch.map((q) => q.entry[c])])) as Record<(typeof ENTRY)[number], unknown[]>;
      await batchPg.run(db, { slots: slots.map((s) => s[0]), slotAts: slots.map((s) => s[1]), ...columns });
    } else {
      await db.transaction().execute(async (trx) => {
        if (batch.length === 1) {
          const [q] = batch as [QueuedSend];
          for (const slot of q.touch) await touchOne.run(trx, { slot, at: q.entry.created_at });
          await insertIfAccount.run(trx, q.entry);
          return;
        }
        const slots = batch.flatMap((q) => q.touch.map((id) => [id, q.entry.created_at]));
        if (slots.length > 0) await touchManySqlite.run(trx, { slots: JSON.stringify(slots) });
        await insertManySqlite.run(trx, { entries: JSON.stringify(batch.map((q) => ENTRY.map((c) => q.entry[c]))) });
      });
    }
  } catch (err) {
    deps.log.error({ err, entries: batch.length }, 'the chat log could not be written; its entries are kept for another attempt');
    throw err;
  }
  const due = new Set(batch.filter(() => deps.chat.pruneDue()).map((q) => q.entry.account_id as string));
  for (const accountId of due) {
    try {
      await pruneLog(deps, accountId);
    } catch (err) {
      deps.log.warn({ err }, 'pruning the chat log failed; the next write prunes it');
    }
  }
}

function entryFor(input: LogInput, now: number, id = prefixedId('chl', 10)): Entry {
  return {
    id,
    account_id: input.accountId,
    platform: input.platform,
    action: input.action,
    sender_integration_id: input.sender.id,
    sender_username: input.sender.platform_username,
    target: input.target ?? null,
    text: input.text ?? null,
    message_id: input.messageId ?? null,
    duration_s: input.durationS ?? null,
    created_at: now,
  };
}

/** Drops the account's entries beyond LOG_KEEP. */
async function pruneLog(deps: Pick<Deps, 'store'>, accountId: string): Promise<void> {
  const db = deps.store.db;
  const keep = db.selectFrom('chat_log').select('id').where('account_id', '=', accountId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(LOG_KEEP);
  await db.deleteFrom('chat_log').where('account_id', '=', accountId).where('id', 'not in', keep).execute();
}

/**
 * Writes an entry; every `pruneEvery`-th write also drops the account's entries beyond LOG_KEEP.
 * `touch` are window slots to move to now in the same write (the send's settle, limits.ts
 * touchSlots): one statement on PostgreSQL, one transaction on SQLite, instead of two writes.
 */
export async function writeLog(deps: Pick<Deps, 'store' | 'clock'>, input: LogInput, prune: boolean, touch: readonly string[] = []): Promise<void> {
  const db = deps.store.db;
  const now = deps.clock.now();
  const entry = entryFor(input, now);
  if (touch.length === 0) await insertEntry.run(db, entry);
  else if (deps.store.caps.dialect === 'postgres' && touch.length === 1) await touchAndInsert.run(db, { ...entry, slot: touch[0] });
  else {
    // SQLite (no writes inside WITH), or several slots at once (an operation taking more than one rule).
    await db.transaction().execute(async (trx) => {
      if (touch.length === 1) await touchOne.run(trx, { slot: touch[0], at: now });
      else await trx.updateTable('chat_slots').set({ at: now }).where('id', 'in', touch).execute();
      await insertEntry.run(trx, entry);
    });
  }
  if (prune) await pruneLog(deps, input.accountId);
}

export async function listChatLog(
  deps: Pick<Deps, 'store'> & { readonly chat?: Pick<ChatService, 'flush'> },
  caller: Caller,
  options: { platform?: string | undefined; limit?: number | undefined } = {},
): Promise<ChatLogEntry[]> {
  const accountId = accountOf(caller);
  // This instance's sends answered but not yet written show up too.
  await deps.chat?.flush();
  let q = deps.store.db.selectFrom('chat_log').selectAll().where('account_id', '=', accountId);
  if (options.platform) q = q.where('platform', '=', options.platform);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(Math.min(options.limit ?? 50, LOG_KEEP)).execute();
  return rows.map((r) => ({
    id: r.id,
    platform: r.platform,
    action: r.action,
    sender: { integrationId: r.sender_integration_id, username: r.sender_username },
    target: r.target,
    text: r.text,
    messageId: r.message_id,
    durationS: r.duration_s === null ? null : Number(r.duration_s),
    createdAt: Number(r.created_at),
  }));
}
