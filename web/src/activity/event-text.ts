/** One event in words, by type: the chat text, the sub's tier and months, the gift count, bits, raid viewers, the tip's amount and message. */
import type { EventEnvelope } from '../api/types.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function money(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

const withMessage = (head: string, message: string | null | undefined) => (message ? `${head}: ${message}` : head);
const list = (...parts: (string | number | null | false | undefined)[]) => parts.filter(Boolean).join(', ');

/** Who did it, as the feed shows them. */
export function actorName(event: EventEnvelope): string {
  return event.actor ? (event.actor.display_name ?? event.actor.username) : '';
}

export function eventText(event: EventEnvelope): string {
  switch (event.type) {
    case 'chat.message':
      return event.data.text;
    case 'chat.message_deleted':
      return 'deleted a message';
    case 'follow':
      return 'followed';
    case 'subscription': {
      const d = event.data;
      return withMessage(list(d.is_gift ? 'received a gifted sub' : 'subscribed', d.tier && `tier ${d.tier}`, d.months && plural(d.months, 'month')), d.message);
    }
    case 'subscription.gift':
      return list(`gifted ${plural(event.data.count, 'sub')}`, event.data.tier && `tier ${event.data.tier}`);
    case 'cheer':
      return withMessage(`cheered ${plural(event.data.bits, 'bit')}`, event.data.message);
    case 'raid':
      return `raided with ${plural(event.data.viewers, 'viewer')}`;
    case 'reward.redemption':
      return withMessage(`redeemed ${event.data.title} (${event.data.cost})`, event.data.input);
    case 'tip':
      return withMessage(`tipped ${money(event.data.amount, event.data.currency)}`, event.data.message);
    case 'superchat':
      return withMessage(`sent a ${event.data.sticker ? 'Super Sticker' : 'Super Chat'} of ${money(event.data.amount, event.data.currency)}`, event.data.message);
    case 'membership': {
      const d = event.data;
      return list(d.is_gift ? 'received a gifted membership' : 'became a member', d.level, d.months && plural(d.months, 'month'));
    }
    case 'stream.online':
      return withMessage('went live', event.data.title);
    case 'stream.offline':
      return 'went offline';
    case 'moderation.ban': {
      const d = event.data;
      return withMessage(d.duration_s ? `timed out ${d.username} for ${d.duration_s} s` : `banned ${d.username}`, d.reason);
    }
    case 'obs.scene_changed':
      return `OBS switched to ${event.data.scene}`;
    case 'obs.stream_state':
      return event.data.active ? 'OBS started streaming' : 'OBS stopped streaming';
    case 'obs.record_state':
      return event.data.active ? 'OBS started recording' : 'OBS stopped recording';
    case 'obs.input_mute':
      return `${event.data.input} ${event.data.muted ? 'muted' : 'unmuted'}`;
    case 'streamerbot.event':
      return `Streamer.bot ${event.data.event_source}.${event.data.event_type}`;
  }
}
