/**
 * The wire envelope of a stored event — the same for SSE, WebSocket, history and webhook bodies:
 * snake_case keys, ISO 8601 times, and `data` as the connector wrote it (already snake_case).
 * Its JSON is made once per stored event and shared by every consumer stream and webhook body.
 */
import type { StoredEvent } from '../platforms/event-types.ts';

export interface EventEnvelope {
  id: string;
  seq: number;
  type: StoredEvent['type'];
  account_id: string;
  platform: string;
  integration_id: string | null;
  source: string;
  occurred_at: string;
  received_at: string;
  actor: StoredEvent['actor'];
  data: StoredEvent['data'];
}

export function eventEnvelope(e: StoredEvent): EventEnvelope {
  return {
    id: e.id,
    seq: e.seq,
    type: e.type,
    account_id: e.accountId,
    platform: e.platform,
    integration_id: e.integrationId,
    source: e.source,
    occurred_at: new Date(e.occurredAt).toISOString(),
    received_at: new Date(e.receivedAt).toISOString(),
    actor: e.actor,
    data: e.data,
  };
}

/**
 * The envelope's JSON, kept on the event itself (a stored event is never changed) under a hidden key:
 * one serialisation however many streams send it, and no cache held by this module.
 */
const ENVELOPE_JSON = Symbol('envelope json');

export function eventEnvelopeJson(e: StoredEvent): string {
  const held = (e as StoredEvent & { [ENVELOPE_JSON]?: string })[ENVELOPE_JSON];
  if (held !== undefined) return held;
  const json = JSON.stringify(eventEnvelope(e));
  Object.defineProperty(e, ENVELOPE_JSON, { value: json, enumerable: false });
  return json;
}
