/** A live connection's state (GET /v1/events/connections) in one line on its card or row: receiving events, connecting, off, or the error's reason. */
import type { EventConnection } from '../api/types.ts';

const WORDS: Record<EventConnection['state'], string> = {
  connected: 'Receiving chat and events',
  connecting: 'Connecting to chat and events…',
  off: 'Chat and events: off',
  error: 'Chat and events not received',
};

export function EventStateLine({ connection }: { connection: EventConnection | undefined }) {
  if (!connection) return null;
  const error = connection.state === 'error';
  return (
    <p className={`event-state${error ? ' event-state-error' : ''}`} data-event-state={connection.state}>
      {WORDS[connection.state]}
      {error && connection.reason ? `: ${connection.reason}` : ''}
    </p>
  );
}

/** The connection of an integration or StreamElements token, from the list. */
export function connectionOf(list: readonly EventConnection[] | null, match: { integrationId?: string; streamElementsTokenId?: string }): EventConnection | undefined {
  if (!list) return undefined;
  return list.find((c) => (match.integrationId ? c.integration_id === match.integrationId : c.streamelements_token_id === match.streamElementsTokenId));
}
