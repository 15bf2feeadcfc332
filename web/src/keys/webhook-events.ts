/** Token lifecycle events a webhook can subscribe to (issue 6 "Push instead of poll"; src/tokens/events.ts). */
export const WEBHOOK_EVENTS: readonly { type: string; label: string }[] = [
  { type: 'token.refreshed', label: 'A token was refreshed' },
  { type: 'token.degraded', label: 'Refreshing a token keeps failing (Bifrost retries)' },
  { type: 'token.needs_reauth', label: 'A connection needs re-authorization' },
  { type: 'token.recovered', label: 'A connection recovered' },
];
