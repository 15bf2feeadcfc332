/** Row types of Kick's webhook subscriptions (migration 061; see core.ts for the conventions). */
export interface KickWebhookTables {
  kick_webhook_subscriptions: {
    /** Kick's subscription id (the `Kick-Event-Subscription-Id` of each delivery). */
    id: string;
    integration_id: string;
    account_id: string;
    /** The channel's Kick user id, as text. */
    broadcaster_user_id: string;
    /** Kick's event name (`chat.message.sent` …). */
    event: string;
    version: number;
    created_at: number;
  };
}
