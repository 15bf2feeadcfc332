/**
 * The notifications the EventSub fake sends: each type's event body as Twitch shapes it, for a channel
 * and a stand-in viewer, and the Bifrost event names the sandbox control also accepts.
 */
import { randomUUID } from 'node:crypto';

/** Normalised names the control call also accepts, and the EventSub type each is sent as. */
export const EVENTSUB_ALIASES: Readonly<Record<string, string>> = {
  'chat.message': 'channel.chat.message',
  'chat.message_deleted': 'channel.chat.message_delete',
  follow: 'channel.follow',
  subscription: 'channel.subscribe',
  'subscription.gift': 'channel.subscription.gift',
  cheer: 'channel.cheer',
  raid: 'channel.raid',
  'reward.redemption': 'channel.channel_points_custom_reward_redemption.add',
  'stream.online': 'stream.online',
  'stream.offline': 'stream.offline',
  'moderation.ban': 'channel.ban',
};

const VIEWER = { user_id: '55501', user_login: 'sandbox_viewer', user_name: 'Sandbox_Viewer' };

/** The event body of each type, for channel `b` (login `login`); `f` overrides any field. */
export function eventBody(type: string, b: { id: string; login: string; name: string }, f: Record<string, unknown>, nowMs: number): Record<string, unknown> {
  const channel = { broadcaster_user_id: b.id, broadcaster_user_login: b.login, broadcaster_user_name: b.name };
  const now = new Date(nowMs).toISOString();
  const base: Record<string, Record<string, unknown>> = {
    'channel.chat.message': {
      ...channel,
      chatter_user_id: VIEWER.user_id,
      chatter_user_login: VIEWER.user_login,
      chatter_user_name: VIEWER.user_name,
      message_id: randomUUID(),
      message: { text: String(f.text ?? 'hello from the sandbox'), fragments: [{ type: 'text', text: String(f.text ?? 'hello from the sandbox'), cheermote: null, emote: null, mention: null }] },
      color: '#00FF7F',
      badges: [],
      message_type: 'text',
      cheer: null,
      reply: null,
      channel_points_custom_reward_id: null,
    },
    'channel.chat.message_delete': { ...channel, target_user_id: VIEWER.user_id, target_user_login: VIEWER.user_login, target_user_name: VIEWER.user_name, message_id: randomUUID() },
    'channel.follow': { ...VIEWER, ...channel, followed_at: now },
    'channel.subscribe': { ...VIEWER, ...channel, tier: '1000', is_gift: false },
    'channel.subscription.message': { ...VIEWER, ...channel, tier: '1000', message: { text: String(f.text ?? 'another month'), emotes: [] }, cumulative_months: 3, streak_months: null, duration_months: 1 },
    'channel.subscription.gift': { ...VIEWER, ...channel, total: 5, tier: '1000', cumulative_total: null, is_anonymous: false },
    'channel.cheer': { ...VIEWER, ...channel, is_anonymous: false, message: String(f.text ?? 'cheer100 great stream'), bits: 100 },
    'channel.raid': { from_broadcaster_user_id: '66601', from_broadcaster_user_login: 'raiding_friend', from_broadcaster_user_name: 'Raiding_Friend', to_broadcaster_user_id: b.id, to_broadcaster_user_login: b.login, to_broadcaster_user_name: b.name, viewers: 42 },
    'channel.channel_points_custom_reward_redemption.add': { id: randomUUID(), ...channel, ...VIEWER, user_input: '', status: 'unfulfilled', reward: { id: 'reward-hydrate', title: 'Hydrate', cost: 500, prompt: 'Drink some water' }, redeemed_at: now },
    'stream.online': { id: String(nowMs), ...channel, type: 'live', started_at: now },
    'stream.offline': { ...channel },
    'channel.ban': { ...VIEWER, ...channel, moderator_user_id: b.id, moderator_user_login: b.login, moderator_user_name: b.name, reason: 'spam', banned_at: now, ends_at: null, is_permanent: true },
  };
  return { ...(base[type] ?? channel), ...f };
}
