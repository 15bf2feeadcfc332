/** One event in words, by type: the chat text, the sub's tier and months, the gift count, bits, raid viewers, the tip's amount and message. */
import type { EventEnvelope } from '../api/types.ts';

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function money(data: Record<string, unknown>): string {
  const amount = num(data.amount);
  const currency = text(data.currency);
  if (amount === null) return '';
  try {
    return currency ? new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount) : String(amount);
  } catch {
    return `${amount} ${currency ?? ''}`.trim();
  }
}

const withMessage = (head: string, message: unknown) => (text(message) ? `${head}: ${text(message)}` : head);

/** Who did it, as the feed shows them. */
export function actorName(event: EventEnvelope): string {
  return event.actor ? (event.actor.display_name ?? event.actor.username) : '';
}

export function eventText(event: EventEnvelope): string {
  const d = event.data ?? {};
  switch (event.type) {
    case 'chat.message':
      return text(d.text) ?? '';
    case 'chat.message_deleted':
      return 'deleted a message';
    case 'follow':
      return 'followed';
    case 'subscription': {
      const tier = text(d.tier);
      const months = num(d.months);
      const parts = [d.is_gift === true ? 'received a gifted sub' : 'subscribed', tier ? `tier ${tier}` : null, months ? plural(months, 'month') : null].filter(Boolean);
      return withMessage(parts.join(', '), d.message);
    }
    case 'subscription.gift': {
      const count = num(d.count) ?? 1;
      return `gifted ${plural(count, 'sub')}${text(d.tier) ? `, tier ${text(d.tier)}` : ''}`;
    }
    case 'cheer':
      return withMessage(`cheered ${plural(num(d.bits) ?? 0, 'bit')}`, d.message);
    case 'raid':
      return `raided with ${plural(num(d.viewers) ?? 0, 'viewer')}`;
    case 'reward.redemption':
      return withMessage(`redeemed ${text(d.title) ?? 'a reward'}${num(d.cost) !== null ? ` (${num(d.cost)})` : ''}`, d.input);
    case 'tip':
      return withMessage(`tipped ${money(d)}`, d.message);
    case 'superchat':
      return withMessage(`sent a ${d.sticker === true ? 'Super Sticker' : 'Super Chat'} of ${money(d)}`, d.message);
    case 'membership': {
      const months = num(d.months);
      return [d.is_gift === true ? 'received a gifted membership' : 'became a member', text(d.level), months ? plural(months, 'month') : null].filter(Boolean).join(', ');
    }
    case 'stream.online':
      return withMessage('went live', d.title);
    case 'stream.offline':
      return 'went offline';
    case 'moderation.ban': {
      const duration = num(d.duration_s);
      const who = text(d.username) ?? 'a user';
      return withMessage(duration ? `timed out ${who} for ${duration} s` : `banned ${who}`, d.reason);
    }
    default:
      return event.type;
  }
}
