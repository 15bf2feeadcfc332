/** Issue 17's API as the dashboard uses it: the live event stream's address, the log's pages, each connection's state, and (sandbox) the fakes' event buttons. */
import { api, apiList, currentAccountId } from './client.ts';
import type { EventConnection, EventEnvelope } from './types.ts';

export interface EventFilter {
  types: readonly string[];
  platforms: readonly string[];
}

/**
 * The Server-Sent Events address for a filter; `after` resumes after that seq (a filter change opens a
 * new stream). EventSource sends no headers, so the account the dashboard acts on goes in `account=`.
 */
export function eventStreamUrl(filter: EventFilter, after: number | null): string {
  const query = new URLSearchParams();
  const account = currentAccountId();
  if (account) query.set('account', account);
  if (filter.types.length > 0) query.set('types', filter.types.join(','));
  if (filter.platforms.length > 0) query.set('platforms', filter.platforms.join(','));
  if (after !== null) query.set('after', String(after));
  const text = query.toString();
  return `/v1/events${text ? `?${text}` : ''}`;
}

export const eventHistory = (after: number, limit: number) => apiList<EventEnvelope>(`/v1/events/history?after=${after}&limit=${limit}`);
export const listEventConnections = () => apiList<EventConnection>('/v1/events/connections');

/** Sandbox mode only: makes a platform's fake (or StreamElements') emit an event the way the real one would. */
export const simulateEvent = (source: string, body: { type: string } & Record<string, unknown>) =>
  api<unknown>('POST', `/sandbox/${encodeURIComponent(source)}/events`, body);
