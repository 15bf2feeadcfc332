/**
 * Chat limits shared by every instance, held in the database: a sliding window of slots per key (a
 * sender in a channel, or an app), a daily unit budget per app, and a platform's 429 per sender. A
 * slot is taken in one transaction that first locks the key's `chat_limits` row (`FOR UPDATE` on
 * PostgreSQL; SQLite's BEGIN IMMEDIATE already makes a writer the only one), so two instances never
 * both take the last slot.
 */
import type { Deps } from '../deps.ts';
import type { ChatLimit } from '../platforms/chat-types.ts';
import type { Config, PlatformSlug } from '../config/schema.ts';
import { prefixedId } from '../crypto/random.ts';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../store/schema.ts';

export type LimitDeps = Pick<Deps, 'store' | 'clock'>;

/** Taken (with the window slot's id, if any), or the epoch ms at which the next slot frees. */
export type SlotAnswer = { ok: true; slotId?: string | undefined } | { ok: false; retryAt: number };

/** What one call must take: a window slot, or units of a daily budget. */
export type LimitRule =
  | { kind: 'window'; key: string; windowMs: number; limit: number }
  | { kind: 'quota'; key: string; cost: number; budget: number };

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

async function takeWindow(trx: Transaction<Database>, deps: LimitDeps, rule: Extract<LimitRule, { kind: 'window' }>): Promise<SlotAnswer> {
  await lockedRow(trx, deps, rule.key);
  const now = deps.clock.now();
  const since = now - rule.windowMs;
  // A slot taken at `at` frees at `at + windowMs`: the window holds the slots of (now - windowMs, now].
  await trx.deleteFrom('chat_slots').where('key', '=', rule.key).where('at', '<=', since).execute();
  // Counted on the (key, at) index, not read: a high limit (a verified bot, a lifted one) keeps many slots.
  const { n } = await trx.selectFrom('chat_slots').select((eb) => eb.fn.countAll<number | string>().as('n')).where('key', '=', rule.key).executeTakeFirstOrThrow();
  const taken = Number(n);
  if (taken < rule.limit) {
    const slotId = prefixedId('cs', 8);
    await trx.insertInto('chat_slots').values({ id: slotId, key: rule.key, at: now }).execute();
    return { ok: true, slotId };
  }
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

async function takeQuota(trx: Transaction<Database>, deps: LimitDeps, rule: Extract<LimitRule, { kind: 'quota' }>): Promise<SlotAnswer> {
  const row = await lockedRow(trx, deps, rule.key);
  const now = deps.clock.now();
  const day = quotaDay(now);
  const used = row.period === day.period ? Number(row.units_used) : 0;
  if (used + rule.cost > rule.budget) return { ok: false, retryAt: day.endsAt };
  await trx.updateTable('chat_limits').set({ units_used: used + rule.cost, period: day.period, updated_at: now }).where('key', '=', rule.key).execute();
  return { ok: true };
}

/** Takes one slot (or the units) of a rule atomically across instances. */
export async function takeSlot(deps: LimitDeps, rule: LimitRule): Promise<SlotAnswer> {
  return (deps.store.db as Kysely<Database>).transaction().execute((trx) => (rule.kind === 'window' ? takeWindow(trx, deps, rule) : takeQuota(trx, deps, rule)));
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
  if (slotId) await deps.store.db.deleteFrom('chat_slots').where('id', '=', slotId).execute();
}

/**
 * Moves taken slots to the time the platform answered: the platform counts a message when it arrives,
 * which is after the slot was taken, so the slot must not free before the platform's own window does.
 */
export async function touchSlots(deps: LimitDeps, slotIds: readonly string[]): Promise<void> {
  if (slotIds.length === 0) return;
  await deps.store.db.updateTable('chat_slots').set({ at: deps.clock.now() }).where('id', 'in', slotIds).execute();
}

const blockKey = (senderId: string): string => `block:${senderId}`;

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
