/**
 * What transports ask of the events capability for a caller: the checked filters, a page of the log,
 * a live stream, and the state of each connection of the caller's account. Every answer is limited
 * to the caller's account and needs `events:read`.
 */
import type { Deps } from '../deps.ts';
import { accountOf, requirePermission, type Caller } from '../access/caller.ts';
import { AppError, invalidField } from '../errors/app-error.ts';
import { EVENT_TYPES, type EventType, type StoredEvent } from '../platforms/event-types.ts';
import { PLATFORM_SLUGS } from '../platforms/registry.ts';
import { lastSeq, readEvents, type EventFilters } from './log.ts';
import { listConnections } from './connections.ts';
import { platformsWithEvents } from './supervisor.ts';
import type { EventService } from './service.ts';
import type { EventSink, LiveStream } from './stream.ts';

export const HISTORY_DEFAULT_LIMIT = 100;
export const HISTORY_MAX_LIMIT = 1000;

/** Comma lists of `?types=` and `?platforms=`, each value checked (400 naming the bad one). */
export function parseFilters(raw: { types?: string | readonly string[] | undefined; platforms?: string | readonly string[] | undefined }): EventFilters {
  const split = (v: string | readonly string[] | undefined): string[] =>
    (typeof v === 'string' ? v.split(',') : (v ?? []).flatMap((x) => x.split(','))).map((x) => x.trim()).filter((x) => x.length > 0);
  const types = split(raw.types);
  for (const t of types) if (!(EVENT_TYPES as readonly string[]).includes(t)) throw invalidField('query.types', `"${t}" is not an event type; use ${EVENT_TYPES.join(', ')}`);
  const platforms = split(raw.platforms);
  for (const p of platforms) if (!(PLATFORM_SLUGS as readonly string[]).includes(p)) throw invalidField('query.platforms', `"${p}" is not a platform; use ${PLATFORM_SLUGS.join(', ')}`);
  return { types: types as EventType[], platforms };
}

/** The resume point: `?after=` wins over `Last-Event-ID`; both are a seq (a whole number ≥ 0). */
export function parseAfter(after: string | number | undefined, lastEventId: string | undefined): number | null {
  const check = (field: string, v: string | number): number => {
    const n = typeof v === 'number' ? v : /^\d{1,15}$/.test(v.trim()) ? Number(v.trim()) : NaN;
    if (!Number.isSafeInteger(n) || n < 0) throw invalidField(field, 'must be the seq of an event (a whole number, 0 for everything retained)');
    return n;
  };
  if (after !== undefined && after !== '') return check('query.after', after);
  if (lastEventId !== undefined && lastEventId !== '') return check('header.last-event-id', lastEventId);
  return null;
}

/**
 * A service key limited to platforms sees only their events: the requested platforms are narrowed
 * to its grant (all of the grant when none were asked for); asking only for others is a 403.
 */
function withinGrant(caller: Caller, filters: EventFilters): EventFilters {
  const granted = caller.grants?.platforms;
  if (!granted) return filters;
  const asked = filters.platforms ?? [];
  const platforms = asked.length === 0 ? [...granted] : asked.filter((p) => granted.has(p));
  if (platforms.length === 0) throw new AppError('NOT_GRANTED', `this service key may read events of ${[...granted].join(', ') || 'no platform'} only`);
  return { ...filters, platforms };
}

export interface EventPage {
  items: StoredEvent[];
  /** Pass as `after` for the next page; null when this page reached the end of the log. */
  nextAfter: number | null;
  /** The account's last seq when the page was read: `after` for a live stream that misses nothing from now on. */
  head: number;
}

export async function eventHistory(deps: Pick<Deps, 'store'>, caller: Caller, q: { after?: number | undefined; limit?: number | undefined } & EventFilters): Promise<EventPage> {
  requirePermission(caller, 'events:read');
  const limit = q.limit ?? HISTORY_DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > HISTORY_MAX_LIMIT) throw invalidField('query.limit', `must be between 1 and ${HISTORY_MAX_LIMIT}`);
  const { types, platforms } = withinGrant(caller, q);
  const accountId = accountOf(caller);
  const head = await lastSeq(deps, accountId);
  const items = await readEvents(deps, accountId, { after: q.after ?? 0, limit, types, platforms });
  return { items, nextAfter: items.length === limit ? items[items.length - 1]!.seq : null, head };
}

/** Opens a live stream of the caller's account (SSE or WebSocket write to `sink`). */
export function openEventStream(events: EventService, caller: Caller, q: { after: number | null } & EventFilters, sink: EventSink): LiveStream {
  requirePermission(caller, 'events:read');
  const { types, platforms } = withinGrant(caller, q);
  return events.open({ accountId: accountOf(caller), after: q.after, types, platforms }, sink);
}

export interface EventConnection {
  key: string;
  kind: 'integration' | 'streamelements';
  integrationId: string | null;
  streamelementsTokenId: string | null;
  platform: string;
  state: 'connected' | 'connecting' | 'error' | 'off';
  reason: string | null;
  updatedAt: number | null;
}

/** Each live connection of the caller's account and its state (`off` until a connector has run). */
export async function eventConnections(deps: Pick<Deps, 'store'>, caller: Caller): Promise<EventConnection[]> {
  requirePermission(caller, 'events:read');
  const accountId = accountOf(caller);
  const granted = caller.grants?.platforms;
  const connections = (await listConnections(deps, platformsWithEvents(), accountId)).filter((c) => !granted || granted.has(c.platform));
  const states = await deps.store.db.selectFrom('connector_states').selectAll().where('account_id', '=', accountId).execute();
  const byKey = new Map(states.map((s) => [s.key, s]));
  return connections.map((c) => {
    const s = byKey.get(c.key);
    return {
      key: c.key,
      kind: c.kind,
      integrationId: c.integrationId,
      streamelementsTokenId: c.streamelementsTokenId,
      platform: c.platform,
      state: s?.state ?? 'off',
      reason: s?.reason ?? null,
      updatedAt: s ? Number(s.updated_at) : null,
    };
  });
}
