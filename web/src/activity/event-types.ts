/** The event types of the live stream (the API's names) and their labels: SSE names each event by its type, so the page listens for each. */
export const EVENT_TYPE_LABELS = {
  'chat.message': 'Chat message',
  'chat.message_deleted': 'Message deleted',
  follow: 'Follow',
  subscription: 'Subscription',
  'subscription.gift': 'Gifted subs',
  cheer: 'Cheer',
  raid: 'Raid',
  'reward.redemption': 'Reward redeemed',
  tip: 'Tip',
  superchat: 'Super Chat',
  membership: 'Membership',
  'stream.online': 'Stream online',
  'stream.offline': 'Stream offline',
  'moderation.ban': 'Ban',
} as const satisfies Record<string, string>;

export const EVENT_TYPES = Object.keys(EVENT_TYPE_LABELS) as (keyof typeof EVENT_TYPE_LABELS)[];

export function eventTypeLabel(type: string): string {
  return (EVENT_TYPE_LABELS as Record<string, string>)[type] ?? type;
}
