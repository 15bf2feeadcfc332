/**
 * The event log: every normalised event once (unique on account, source and the platform's id), with
 * a per-account `seq` taken from `event_sequences` in the inserting transaction — the counter row is
 * locked first, so seq is monotonic and gap-free even with several instances appending. After the
 * commit the appended events wake this instance's readers; on PostgreSQL a NOTIFY (account id and
 * seq only) sent with the commit wakes every other instance's, which then read the log. Webhooks
 * subscribed to a type get a delivery queued in the same transaction.
 */
import { sql, type Transaction } from 'kysely';
import type { Deps } from '../deps.ts';
import type { Database } from '../store/schema.ts';
import type { Store } from '../store/db.ts';
import { prefixedId } from '../crypto/random.ts';
import type { EventSource, EventType, IncomingEvent, StoredEvent } from '../platforms/event-types.ts';
import type { PlatformSlug } from '../platforms/types.ts';
import { enqueueLiveEventDeliveries } from '../push/webhook-outbox.ts';
import { eventEnvelopeJson } from './envelope.ts';

/** Who is told about appended events (the runtime's EventService). */
export interface AppendListener {
  appended(accountId: string, events: readonly StoredEvent[]): void;
}

export interface EventLogDeps extends Deps {
  readonly events: AppendListener;
}

/** Where the events come from: one connection of one account. */
export interface AppendTarget {
  accountId: string;
  platform: PlatformSlug;
  integrationId: string | null;
  source: EventSource;
}

export interface EventFilters {
  types?: readonly EventType[] | undefined;
  platforms?: readonly string[] | undefined;
}

type EventRow = Database['events'];

/** The NOTIFY channel of this store (per PostgreSQL schema, so test schemas never hear each other). */
export function eventChannel(store: Pick<Store, 'schema'>): string {
  return store.schema ? `bifrost_events_${store.schema}` : 'bifrost_events';
}

export function storedEventOf(row: EventRow): StoredEvent {
  return eventOfRow(row, row.actor === null ? null : JSON.parse(row.actor), JSON.parse(row.data));
}

/** The stored event of a row just written from `incoming` (its actor and data as they came, not parsed back). */
function storedEventFrom(row: EventRow, incoming: IncomingEvent): StoredEvent {
  return eventOfRow(row, incoming.actor, incoming.data);
}

function eventOfRow(row: EventRow, actor: unknown, data: unknown): StoredEvent {
  return {
    id: row.id,
    seq: Number(row.seq),
    accountId: row.account_id,
    type: row.type as EventType,
    platform: row.platform as PlatformSlug,
    integrationId: row.integration_id,
    source: row.source as EventSource,
    sourceId: row.source_id,
    occurredAt: Number(row.occurred_at),
    receivedAt: Number(row.received_at),
    actor,
    data,
  } as StoredEvent;
}

/** Locks the account's counter row (creating it at 0) and answers its value. */
async function lockSequence(trx: Transaction<Database>, accountId: string): Promise<number> {
  const row = await trx
    .insertInto('event_sequences')
    .values({ account_id: accountId, last_seq: 0 })
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ last_seq: sql`event_sequences.last_seq` }))
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return Number(row.last_seq);
}

/**
 * Appends what a connector received. A redelivery (same source and source id) stores nothing and
 * returns nothing; the answer holds only the newly stored events, in seq order.
 */
export async function appendEvents(deps: EventLogDeps, target: AppendTarget, events: readonly IncomingEvent[]): Promise<StoredEvent[]> {
  const unique = new Map<string, IncomingEvent>();
  for (const e of events) if (!unique.has(e.sourceId)) unique.set(e.sourceId, e);
  if (unique.size === 0) return [];
  const receivedAt = deps.clock.now();
  const stored = await deps.store.db.transaction().execute(async (trx) => {
    const base = await lockSequence(trx, target.accountId);
    const known = await trx
      .selectFrom('events')
      .select('source_id')
      .where('account_id', '=', target.accountId)
      .where('source', '=', target.source)
      .where('source_id', 'in', [...unique.keys()])
      .execute();
    for (const k of known) unique.delete(k.source_id);
    if (unique.size === 0) return [];
    const fresh = [...unique.values()];
    const rows: EventRow[] = fresh.map((e, i) => ({
      id: prefixedId('evt_'),
      account_id: target.accountId,
      seq: base + i + 1,
      type: e.type,
      platform: target.platform,
      integration_id: target.integrationId,
      source: target.source,
      source_id: e.sourceId,
      occurred_at: e.occurredAt,
      received_at: receivedAt,
      actor: e.actor === null ? null : JSON.stringify(e.actor),
      data: JSON.stringify(e.data),
    }));
    const last = base + rows.length;
    await trx.updateTable('event_sequences').set({ last_seq: last }).where('account_id', '=', target.accountId).execute();
    for (let i = 0; i < rows.length; i += 200) await trx.insertInto('events').values(rows.slice(i, i + 200)).execute();
    // Built from what was written rather than parsed back from the rows' JSON (the same values).
    const stored = rows.map((row, i) => storedEventFrom(row, fresh[i]!));
    await enqueueLiveEventDeliveries(trx, receivedAt, target.accountId, stored.map((e) => ({ id: e.id, type: e.type, body: eventEnvelopeJson(e) })));
    if (deps.store.caps.sharedAcrossProcesses) await sql`select pg_notify(${eventChannel(deps.store)}, ${`${target.accountId}:${last}`})`.execute(trx);
    return stored;
  });
  if (stored.length > 0) deps.events.appended(target.accountId, stored);
  return stored;
}

/** The account's last seq (0 before its first event). Every event up to it is committed. */
export async function lastSeq(deps: Pick<Deps, 'store'>, accountId: string): Promise<number> {
  const row = await deps.store.db.selectFrom('event_sequences').select('last_seq').where('account_id', '=', accountId).executeTakeFirst();
  return row ? Number(row.last_seq) : 0;
}

export interface ReadOptions extends EventFilters {
  after: number;
  limit: number;
  /** Read no further than this seq (a stream reads up to the tail it saw). */
  upTo?: number | undefined;
}

/** Events of the account after `after`, oldest first, with the filters applied. */
export async function readEvents(deps: Pick<Deps, 'store'>, accountId: string, options: ReadOptions): Promise<StoredEvent[]> {
  let q = deps.store.db.selectFrom('events').selectAll().where('account_id', '=', accountId).where('seq', '>', options.after);
  if (options.upTo !== undefined) q = q.where('seq', '<=', options.upTo);
  if (options.types && options.types.length > 0) q = q.where('type', 'in', [...options.types]);
  if (options.platforms && options.platforms.length > 0) q = q.where('platform', 'in', [...options.platforms]);
  const rows = await q.orderBy('seq').limit(options.limit).execute();
  return rows.map(storedEventOf);
}

/** Deletes events older than `[events] retention` (the worker calls it); answers how many. */
export async function pruneEventLog(deps: Pick<Deps, 'store' | 'clock' | 'config'>): Promise<number> {
  const result = await deps.store.db.deleteFrom('events').where('received_at', '<', deps.clock.now() - deps.config.events.retention).executeTakeFirst();
  return Number(result.numDeletedRows);
}
