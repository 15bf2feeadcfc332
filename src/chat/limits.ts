/**
 * Chat limits shared by every instance, held in the database: a sliding window of slots per key (a
 * sender in a channel, or an app), a daily unit budget per app, and a platform's 429 per sender.
 *
 * A window keeps one `chat_slots` row per slot taken and, in its `chat_limits` row, how many rows it
 * holds. Taking a slot is one guarded increment of that count (`slots < limit`, and the sender not
 * blocked by the platform) with the slot's insert, atomic on its own: a single statement on
 * PostgreSQL (an UPDATE re-checks its condition on the row it waited for), a BEGIN IMMEDIATE
 * transaction on SQLite (one writer at a time). Only when the count reaches the limit (or the row is
 * new, or the sender is blocked) does a take lock the row (`FOR UPDATE` on PostgreSQL), prune the
 * slots past the window and recount them, so two instances never both take the last slot and a
 * count that ever ran ahead of its rows heals itself.
 */
import type { Deps } from '../deps.ts';
import type { ChatLimit } from '../platforms/chat-types.ts';
import type { Config, PlatformSlug } from '../config/schema.ts';
import { prefixedId } from '../crypto/random.ts';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../store/schema.ts';
import { statement } from './statements.ts';
import type { ChatService } from './service.ts';

/** With `chat`, concurrent takes on SQLite share one transaction (takeGroup). */
export type LimitDeps = Pick<Deps, 'store' | 'clock'> & { readonly chat?: Pick<ChatService, 'together' | 'randomId'> | undefined };

/**
 * Taken (with the window slot's id, if any), or the epoch ms at which the next slot frees; `blocked`
 * when the refusal is the platform's own 429 of the sender.
 */
export type SlotAnswer = { ok: true; slotId?: string | undefined } | { ok: false; retryAt: number; blocked?: true };

/** What one call must take: a window slot, or units of a daily budget. */
export type LimitRule =
  | { kind: 'window'; key: string; windowMs: number; limit: number }
  | { kind: 'quota'; key: string; cost: number; budget: number };

const blockKey = (senderId: string): string => `block:${senderId}`;

async function lockedRow(trx: Transaction<Database>, deps: LimitDeps, key: string) {
  await trx
    .insertInto('chat_limits')
    .values({ key, blocked_until: null, units_used: 0, period: null, updated_at: deps.clock.now() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  let q = trx.selectFrom('chat_limits').selectAll().where('key', '=', key);
  if (deps.store.caps.dialect === 'postgres') q = q.forUpdate();
  return q.executeTakeFirstOrThrow();
}

/** The platform's block of this sender, if it still holds (read inside a take). */
async function blockOf(db: Kysely<Database>, senderId: string | undefined, now: number): Promise<number | null> {
  if (senderId === undefined) return null;
  const row = await db.selectFrom('chat_limits').select('blocked_until').where('key', '=', blockKey(senderId)).executeTakeFirst();
  const until = row?.blocked_until == null ? null : Number(row.blocked_until);
  return until !== null && until > now ? until : null;
}

/** The guarded increment: one slot more where the count is below the limit and (with `block`) the sender is not blocked. */
const bump = (block: boolean) => (v: Record<'key' | 'limit' | 'now' | 'block', never>) =>
  sql`update chat_limits set slots = slots + 1, updated_at = ${v.now} where key = ${v.key} and slots < ${v.limit}${
    block ? sql` and not exists (select 1 from chat_limits b where b.key = ${v.block} and b.blocked_until > ${v.now})` : sql``
  }`;
const TAKE_NAMES = ['key', 'limit', 'now', 'block', 'id'] as const;
/** PostgreSQL: the increment and the slot's insert in one statement, committed together or not at all. */
const takeInOne = (block: boolean) =>
  statement(TAKE_NAMES, (_db, v) => sql`with bumped as (${bump(block)(v)} returning key) insert into chat_slots (id, key, at) select ${v.id}, key, cast(${v.now} as bigint) from bumped returning id`);
const TAKE_PG = { blocked: takeInOne(true), free: takeInOne(false) };
/** SQLite: the increment, then (in the same transaction) the slot's insert. */
const TAKE_SQLITE = { blocked: statement(['key', 'limit', 'now', 'block'], (_db, v) => bump(true)(v)), free: statement(['key', 'limit', 'now', 'block'], (_db, v) => bump(false)(v)) };
const insertSlot = statement(['id', 'key', 'at'], (db, v) => db.insertInto('chat_slots').values({ id: v.id, key: v.key, at: v.at }));

/**
 * The common case of a take, in one atomic step: the count goes up by one where it is below the limit
 * and the sender is not blocked, and the slot row is written with it. False when the row is new, full
 * or blocked (the slow path decides).
 */
async function takeWindowFast(deps: LimitDeps, rule: Extract<LimitRule, { kind: 'window' }>, senderId: string | undefined, slotId: string, now: number): Promise<boolean> {
  const which = senderId === undefined ? 'free' : 'blocked';
  const values = { key: rule.key, limit: rule.limit, now, block: senderId === undefined ? null : blockKey(senderId) };
  const db = deps.store.db as Kysely<Database>;
  if (deps.store.caps.dialect === 'postgres') {
    if (deps.chat) return deps.chat.together(takeGroupPg, { db, which, values: { ...values, id: slotId } });
    const res = await TAKE_PG[which].run(db, { ...values, id: slotId });
    return res.rows.length === 1;
  }
  const take = { which, values, slotId } as const;
  if (deps.chat) return deps.chat.together(takeGroup, { db, take });
  return db.transaction().execute((trx) => takeOne(trx, take));
}

/** PostgreSQL: the takes of a group in one call of chat_take_slots (migration 073), which answers the ids taken. */
const takeManyPg = statement(['keys', 'limits', 'blocks', 'ids', 'nows'], (_db, v) =>
  sql`select id from chat_take_slots(cast(${v.keys} as text[]), cast(${v.limits} as integer[]), cast(${v.blocks} as text[]), cast(${v.ids} as text[]), cast(${v.nows} as bigint[])) as id`,
);

type PgTake = { db: Kysely<Database>; which: 'blocked' | 'free'; values: Record<'key' | 'limit' | 'now' | 'block' | 'id', unknown> };

/**
 * PostgreSQL: the takes of one tick in one statement. Taken in key order, so two instances' groups
 * lock their limit rows in the same order (no deadlock); a key's takes keep their arrival order.
 */
async function takeGroupPg(items: PgTake[]): Promise<boolean[]> {
  const { db } = items[0]!;
  if (items.length === 1) {
    const only = items[0]!;
    return [(await TAKE_PG[only.which].run(db, only.values)).rows.length === 1];
  }
  const order = items.map((t) => t.values).sort((a, b) => (String(a.key) < String(b.key) ? -1 : String(a.key) > String(b.key) ? 1 : 0));
  const res = await takeManyPg.run<{ id: string }>(db, {
    keys: order.map((v) => v.key),
    limits: order.map((v) => v.limit),
    blocks: order.map((v) => v.block),
    ids: order.map((v) => v.id),
    nows: order.map((v) => v.now),
  });
  const taken = new Set(res.rows.map((r) => r.id));
  return items.map((t) => taken.has(t.values.id as string));
}

interface SqliteTake {
  which: 'blocked' | 'free';
  values: Record<'key' | 'limit' | 'now' | 'block', unknown>;
  slotId: string;
}

/** SQLite: the guarded increment, then the slot's insert if it counted. */
async function takeOne(trx: Kysely<Database>, t: SqliteTake): Promise<boolean> {
  const res = await TAKE_SQLITE[t.which].run(trx, t.values);
  if (Number(res.numAffectedRows ?? 0) !== 1) return false;
  await insertSlot.run(trx, { id: t.slotId, key: t.values.key, at: t.values.now });
  return true;
}

/** SQLite: the takes of one tick in one BEGIN IMMEDIATE transaction, each still its own guarded increment. */
const takeGroup = (items: { db: Kysely<Database>; take: SqliteTake }[]): Promise<boolean[]> =>
  items[0]!.db.transaction().execute(async (trx) => {
    const taken: boolean[] = [];
    for (const { take } of items) taken.push(await takeOne(trx, take));
    return taken;
  });

/** The slow path: the row locked, the sender's block checked, the window pruned and recounted. */
async function takeWindowLocked(trx: Transaction<Database>, deps: LimitDeps, rule: Extract<LimitRule, { kind: 'window' }>, senderId: string | undefined, slotId: string): Promise<SlotAnswer> {
  await lockedRow(trx, deps, rule.key);
  const now = deps.clock.now();
  const blocked = await blockOf(trx, senderId, now);
  if (blocked !== null) return { ok: false, retryAt: blocked, blocked: true };
  const since = now - rule.windowMs;
  // A slot taken at `at` frees at `at + windowMs`: the window holds the slots of (now - windowMs, now].
  await trx.deleteFrom('chat_slots').where('key', '=', rule.key).where('at', '<=', since).execute();
  const { n } = await trx.selectFrom('chat_slots').select((eb) => eb.fn.countAll<number | string>().as('n')).where('key', '=', rule.key).executeTakeFirstOrThrow();
  const taken = Number(n);
  if (taken < rule.limit) {
    await trx.insertInto('chat_slots').values({ id: slotId, key: rule.key, at: now }).execute();
    await trx.updateTable('chat_limits').set({ slots: taken + 1, updated_at: now }).where('key', '=', rule.key).execute();
    return { ok: true, slotId };
  }
  await trx.updateTable('chat_limits').set({ slots: taken, updated_at: now }).where('key', '=', rule.key).execute();
  // The slot that frees enough room: with `limit` kept, the (taken - limit + 1)-th oldest.
  const freeing = await trx.selectFrom('chat_slots').select('at').where('key', '=', rule.key).orderBy('at').limit(1).offset(taken - rule.limit).executeTakeFirstOrThrow();
  return { ok: false, retryAt: Number(freeing.at) + rule.windowMs };
}

/** YouTube's quota resets at midnight Pacific time: the budget's day and the epoch ms it ends. */
export function quotaDay(now: number): { period: string; endsAt: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(now))
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  const period = `${parts.year}-${parts.month}-${parts.day}`;
  const elapsedMs = ((Number(parts.hour) * 60 + Number(parts.minute)) * 60 + Number(parts.second)) * 1000 + (now % 1000);
  return { period, endsAt: now - elapsedMs + 86_400_000 };
}

async function takeQuota(trx: Transaction<Database>, deps: LimitDeps, rule: Extract<LimitRule, { kind: 'quota' }>, senderId: string | undefined): Promise<SlotAnswer> {
  const row = await lockedRow(trx, deps, rule.key);
  const now = deps.clock.now();
  const blocked = await blockOf(trx, senderId, now);
  if (blocked !== null) return { ok: false, retryAt: blocked, blocked: true };
  const day = quotaDay(now);
  const used = row.period === day.period ? Number(row.units_used) : 0;
  if (used + rule.cost > rule.budget) return { ok: false, retryAt: day.endsAt };
  await trx.updateTable('chat_limits').set({ units_used: used + rule.cost, period: day.period, updated_at: now }).where('key', '=', rule.key).execute();
  return { ok: true };
}

/**
 * Takes one slot (or the units) of a rule atomically across instances. With `senderId`, a platform
 * block of that sender refuses the take (checked in the same step, so no extra read).
 */
export async function takeSlot(deps: LimitDeps, rule: LimitRule, senderId?: string): Promise<SlotAnswer> {
  const db = deps.store.db as Kysely<Database>;
  if (rule.kind === 'quota') return db.transaction().execute((trx) => takeQuota(trx, deps, rule, senderId));
  const slotId = deps.chat ? deps.chat.randomId('cs', 8) : prefixedId('cs', 8);
  if (await takeWindowFast(deps, rule, senderId, slotId, deps.clock.now())) return { ok: true, slotId };
  return db.transaction().execute((trx) => takeWindowLocked(trx, deps, rule, senderId, slotId));
}

/** Gives back a slot taken for a call that never reached the platform. */
export async function releaseSlot(deps: LimitDeps, rule: LimitRule, slotId?: string): Promise<void> {
  if (rule.kind === 'quota') {
    await deps.store.db
      .updateTable('chat_limits')
      .set((eb) => ({ units_used: eb('units_used', '-', rule.cost) }))
      .where('key', '=', rule.key)
      .where('units_used', '>=', rule.cost)
      .execute();
    return;
  }
  if (!slotId) return;
  // Row first (as a take locks it), then the slot: the count drops only if the slot was still there.
  await (deps.store.db as Kysely<Database>).transaction().execute(async (trx) => {
    await lockedRow(trx, deps, rule.key);
    const gone = await trx.deleteFrom('chat_slots').where('id', '=', slotId).executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) return;
    await trx
      .updateTable('chat_limits')
      .set((eb) => ({ slots: eb('slots', '-', 1) }))
      .where('key', '=', rule.key)
      .where('slots', '>', 0)
      .execute();
  });
}

/**
 * Moves taken slots to the time the platform answered: the platform counts a message when it arrives,
 * which is after the slot was taken, so the slot must not free before the platform's own window does.
 */
export async function touchSlots(deps: LimitDeps, slotIds: readonly string[]): Promise<void> {
  if (slotIds.length === 0) return;
  await deps.store.db.updateTable('chat_slots').set({ at: deps.clock.now() }).where('id', 'in', slotIds).execute();
}

/** Until when the platform refused this sender (epoch ms), if it still does. */
export async function blockedUntil(deps: LimitDeps, senderId: string): Promise<number | null> {
  const row = await deps.store.db.selectFrom('chat_limits').select('blocked_until').where('key', '=', blockKey(senderId)).executeTakeFirst();
  const until = row?.blocked_until == null ? null : Number(row.blocked_until);
  return until !== null && until > deps.clock.now() ? until : null;
}

/** Records a platform's 429 for this sender until `until`, for every instance. */
export async function blockSender(deps: LimitDeps, senderId: string, until: number): Promise<void> {
  const now = deps.clock.now();
  await deps.store.db
    .insertInto('chat_limits')
    .values({ key: blockKey(senderId), blocked_until: until, units_used: 0, period: null, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ blocked_until: until, updated_at: now }))
    .execute();
}

/** The limit with the instance's `[chat.<slug>]` overrides applied. */
export function effectiveLimit(config: Config, platform: PlatformSlug, limit: ChatLimit): ChatLimit {
  const o = config.chat[platform];
  if (limit.kind === 'window' && o.messages_per_30s !== undefined) {
    const scale = (n: number) => Math.max(1, Math.round((n * o.messages_per_30s!) / limit.messages));
    return {
      ...limit,
      windowMs: 30_000,
      messages: o.messages_per_30s,
      ...(limit.elevatedMessages !== undefined ? { elevatedMessages: scale(limit.elevatedMessages) } : {}),
      ...(limit.verifiedMessages !== undefined ? { verifiedMessages: scale(limit.verifiedMessages) } : {}),
    };
  }
  if (limit.kind === 'quota' && (o.daily_units !== undefined || o.send_cost !== undefined)) {
    return { ...limit, dailyUnits: o.daily_units ?? limit.dailyUnits, costs: { ...limit.costs, send: o.send_cost ?? limit.costs.send } };
  }
  if (limit.kind === 'app' && o.requests_per_minute !== undefined) return { ...limit, windowMs: 60_000, requests: o.requests_per_minute };
  return limit;
}
