/**
 * The chat log: an account's own sends (with their text) and moderation actions (never another
 * user's text), for the dashboard's "last messages sent and moderation actions". Kept to the last
 * LOG_KEEP entries per account.
 */
import type { Deps } from '../deps.ts';
import { prefixedId } from '../crypto/random.ts';
import { accountOf, type Caller } from '../access/caller.ts';
import type { ChatTables } from '../store/tables/chat.ts';
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

/**
 * Writes an entry; every `pruneEvery`-th write also drops the account's entries beyond LOG_KEEP.
 * `touch` are window slots to move to now in the same write (the send's settle, limits.ts
 * touchSlots): one statement on PostgreSQL, one transaction on SQLite, instead of two writes.
 */
export async function writeLog(deps: Pick<Deps, 'store' | 'clock'>, input: LogInput, prune: boolean, touch: readonly string[] = []): Promise<void> {
  const db = deps.store.db;
  const now = deps.clock.now();
  const entry: Entry = {
    id: prefixedId('chl', 10),
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
  if (!prune) return;
  const keep = db.selectFrom('chat_log').select('id').where('account_id', '=', input.accountId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(LOG_KEEP);
  await db.deleteFrom('chat_log').where('account_id', '=', input.accountId).where('id', 'not in', keep).execute();
}

export async function listChatLog(deps: Pick<Deps, 'store'>, caller: Caller, options: { platform?: string | undefined; limit?: number | undefined } = {}): Promise<ChatLogEntry[]> {
  const accountId = accountOf(caller);
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
