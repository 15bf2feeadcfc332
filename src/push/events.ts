/**
 * Token lifecycle events: one row in the token_events outbox per event, which every instance's SSE
 * streams read, plus one webhook delivery per subscribed webhook of the account. Never secrets.
 */
import type { Deps } from '../deps.ts';
import type { PushTables } from '../store/tables/push.ts';
import { prefixedId } from '../crypto/random.ts';
import { accountWebhooks, enqueueDeliveries } from './webhook-outbox.ts';
import type { AuditRow } from '../audit/record.ts';

export const EVENT_TYPES = ['token.refreshed', 'token.degraded', 'token.needs_reauth', 'token.recovered'] as const;
export type TokenEventType = (typeof EVENT_TYPES)[number];

export interface TokenEventInput {
  type: TokenEventType;
  accountId: string | null;
  integrationId: string;
  platform: string;
  data: Record<string, unknown>;
}

/** The JSON an SSE client and a webhook receive for one event. */
export interface TokenEventBody {
  id: string;
  type: TokenEventType;
  created_at: string;
  integration_id: string | null;
  platform: string | null;
  data: Record<string, unknown>;
}

/** One row of the token_events outbox. */
export type TokenEventRow = PushTables['token_events'];

export function eventBody(row: TokenEventRow): TokenEventBody {
  return {
    id: row.id,
    type: row.type as TokenEventType,
    created_at: new Date(row.created_at).toISOString(),
    integration_id: row.integration_id,
    platform: row.platform,
    data: JSON.parse(row.payload) as Record<string, unknown>,
  };
}

/**
 * Records one event and enqueues its webhook deliveries. `audit`: an audit line that goes with the
 * event (a refresh's), written with it: on PostgreSQL the event, the audit line and the webhook lookup
 * are one statement (three statements side by side cost a refresh three round trips' CPU in the
 * process and the database), elsewhere three side by side.
 */
export async function emitEvent(deps: Deps, input: TokenEventInput, audit?: AuditRow): Promise<void> {
  const row: TokenEventRow = {
    id: prefixedId('evt'),
    type: input.type,
    account_id: input.accountId,
    integration_id: input.integrationId,
    platform: input.platform,
    payload: JSON.stringify(input.data),
    created_at: deps.clock.now(),
  };
  // The webhooks are read while the event is inserted; their deliveries, which name the event, are
  // inserted after it.
  const webhooks = await insertEvent(deps, row, audit);
  if (row.account_id) await enqueueDeliveries(deps, row.account_id, eventBody(row), webhooks);
}

/** The event's insert, the audit line's and the read of the account's webhooks (when it has an account). */
async function insertEvent(deps: Deps, row: TokenEventRow, audit: AuditRow | undefined): Promise<{ id: string; events: string }[] | undefined> {
  const db = deps.store.db;
  const accountId = row.account_id;
  if (deps.store.caps.dialect === 'postgres' && accountId) {
    // Data-modifying WITH clauses run once whether or not the statement reads them.
    const withEvent = db.with('event', (q) => q.insertInto('token_events').values(row).returning('id'));
    const withBoth = audit ? withEvent.with('audit', (q) => q.insertInto('audit_events').values(audit).returning('id')) : withEvent;
    return withBoth.selectFrom('webhooks').select(['id', 'events']).where('account_id', '=', accountId).execute();
  }
  const [, webhooks] = await Promise.all([
    db.insertInto('token_events').values(row).execute(),
    accountId ? accountWebhooks(deps, accountId) : undefined,
    audit ? db.insertInto('audit_events').values(audit).execute() : undefined,
  ]);
  return webhooks;
}

/** Events since a point in time (SSE polling); the caller de-duplicates by id. */
export async function eventsSince(deps: Deps, since: number, limit = 1000): Promise<TokenEventRow[]> {
  return deps.store.db.selectFrom('token_events').selectAll().where('created_at', '>=', since).orderBy('created_at').orderBy('id').limit(limit).execute();
}

/** Drops events older than `maxAgeMs` (housekeeping; SSE resumes reach back at most that far). */
export async function pruneEvents(deps: Deps, maxAgeMs: number): Promise<void> {
  await deps.store.db.deleteFrom('token_events').where('created_at', '<', deps.clock.now() - maxAgeMs).execute();
}
