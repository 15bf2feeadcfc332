/** Webhook outbox: one pending delivery row per event and subscribed webhook, delivered by any instance. */
import type { Kysely } from 'kysely';
import type { Deps } from '../deps.ts';
import type { Database } from '../store/schema.ts';
import { prefixedId } from '../crypto/random.ts';
import type { TokenEventBody } from './events.ts';

function subscribed(eventsJson: string, type: string): boolean {
  try {
    const events: unknown = JSON.parse(eventsJson);
    return Array.isArray(events) && events.includes(type);
  } catch {
    return false;
  }
}

/** The account's webhooks with the event types each subscribed to (read beside the event's own insert). */
export function accountWebhooks(deps: Deps, accountId: string): Promise<{ id: string; events: string }[]> {
  return deps.store.db.selectFrom('webhooks').select(['id', 'events']).where('account_id', '=', accountId).execute();
}

export async function enqueueDeliveries(deps: Deps, accountId: string, event: TokenEventBody, webhooks?: { id: string; events: string }[]): Promise<number> {
  const hooks = webhooks ?? (await accountWebhooks(deps, accountId));
  const targets = hooks.filter((h) => subscribed(h.events, event.type));
  if (targets.length === 0) return 0;
  const now = deps.clock.now();
  const body = JSON.stringify(event);
  await deps.store.db
    .insertInto('webhook_deliveries')
    .values(
      targets.map((h) => ({
        id: prefixedId('whd'),
        webhook_id: h.id,
        event_id: event.id,
        event_type: event.type,
        body,
        state: 'pending' as const,
        attempts: 0,
        next_attempt_at: now,
        lease_until: null,
        lease_owner: null,
        last_status: null,
        last_error: null,
        created_at: now,
        delivered_at: null,
      })),
    )
    .execute();
  return targets.length;
}

/** Deliveries waiting to be sent or retried (a gauge of /metrics). */
export async function pendingDeliveries(deps: Pick<Deps, 'store'>): Promise<number> {
  const row = await deps.store.db
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** One live event for the webhooks subscribed to its type: the envelope JSON is the body. */
export interface LiveEventDelivery {
  id: string;
  type: string;
  body: string;
}

/**
 * Queues live events (the event log's) for the account's webhooks whose `event_types` name their
 * type; called inside the appending transaction, so a stored event and its deliveries commit together.
 */
export async function enqueueLiveEventDeliveries(db: Kysely<Database>, now: number, accountId: string, events: readonly LiveEventDelivery[]): Promise<number> {
  const hooks = await db.selectFrom('webhooks').select(['id', 'event_types']).where('account_id', '=', accountId).where('event_types', '!=', '[]').execute();
  if (hooks.length === 0) return 0;
  const rows = hooks.flatMap((h) =>
    events
      .filter((e) => subscribed(h.event_types, e.type))
      .map((e) => ({
        id: prefixedId('whd'),
        webhook_id: h.id,
        event_id: e.id,
        event_type: e.type,
        body: e.body,
        state: 'pending' as const,
        attempts: 0,
        next_attempt_at: now,
        lease_until: null,
        lease_owner: null,
        last_status: null,
        last_error: null,
        created_at: now,
        delivered_at: null,
      })),
  );
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('webhook_deliveries').values(rows.slice(i, i + 200)).execute();
  return rows.length;
}
