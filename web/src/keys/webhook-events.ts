/** Token lifecycle events a webhook can subscribe to (issue 6 "Push instead of poll"; src/push/events.ts). */
import type { WebhookEvent } from '../api/types.ts';

// Keyed by the API's event type: an event added on the server fails the type-check here until it has words.
const LABELS: Record<WebhookEvent, string> = {
  'token.refreshed': 'A token was refreshed',
  'token.degraded': 'Refreshing a token keeps failing (Bifrost retries)',
  'token.needs_reauth': 'A connection needs re-authorization',
  'token.recovered': 'A connection recovered',
};

export const WEBHOOK_EVENTS: readonly { type: WebhookEvent; label: string }[] = (Object.keys(LABELS) as WebhookEvent[]).map((type) => ({ type, label: LABELS[type] }));
