/**
 * The chat side every fake shares: a record of each message and moderation action it accepted, the
 * count of rate-limit answers it gave, sliding windows and daily budgets to enforce a platform's own
 * limits on the injected clock, and the listing `GET <fake root>/chat` (sandbox: `/sandbox/{platform}/chat`).
 */
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../clock.ts';

export type ChatRecordKind = 'message' | 'delete' | 'ban' | 'timeout' | 'unban';

/** One accepted message or action; platform ids as the platform spells them. */
export interface ChatRecord {
  /** Epoch ms on the fake's clock. */
  at: number;
  kind: ChatRecordKind;
  senderId: string;
  channelId: string;
  text?: string | undefined;
  /** The moderated user (id, channel id or nickname, as the platform names targets). */
  target?: string | undefined;
  /** Timeouts: the seconds the platform applied. */
  durationS?: number | undefined;
  messageId?: string | undefined;
  /** Messages: the message this one replies to. */
  replyTo?: string | undefined;
}

const MAX_RECORDS = 5000;

export class ChatRecorder {
  readonly items: ChatRecord[] = [];
  /** Rate-limit answers (HTTP 429, YouTube's quotaExceeded, Trovo's 11706) the fake gave. */
  rateLimited = 0;
  private readonly windows = new Map<string, number[]>();
  private readonly budgets = new Map<string, { period: string; used: number }>();
  private seq = 0;

  constructor(private readonly clock: Clock) {}

  record(entry: Omit<ChatRecord, 'at'>): ChatRecord {
    const rec: ChatRecord = { at: this.clock.now(), ...entry };
    if (this.items.length >= MAX_RECORDS) this.items.shift();
    this.items.push(rec);
    return rec;
  }

  /** Records of one kind, oldest first. */
  ofKind(kind: ChatRecordKind): ChatRecord[] {
    return this.items.filter((r) => r.kind === kind);
  }

  /** Whether `target` is banned or timed out in `channel` now, from the recorded bans, timeouts and unbans. */
  banState(channelId: string, target: string): 'banned' | 'timed_out' | null {
    const last = this.items.filter((r) => r.channelId === channelId && r.target === target && (r.kind === 'ban' || r.kind === 'timeout' || r.kind === 'unban')).at(-1);
    if (!last || last.kind === 'unban') return null;
    if (last.kind === 'ban') return 'banned';
    return last.at + (last.durationS ?? 0) * 1000 > this.clock.now() ? 'timed_out' : null;
  }

  /** A fresh id for a message or ban (`prefix` + a sequence number). */
  nextId(prefix: string): string {
    return `${prefix}${++this.seq}`;
  }

  /**
   * A sliding window of `limit` events per `windowMs` under `key`: takes a slot and returns 0, or
   * returns the ms until the oldest slot frees (and counts a rate-limit answer).
   */
  take(key: string, limit: number, windowMs: number): number {
    const now = this.clock.now();
    const slots = (this.windows.get(key) ?? []).filter((t) => t > now - windowMs);
    this.windows.set(key, slots);
    if (slots.length >= limit) {
      this.rateLimited++;
      return slots[0]! + windowMs - now;
    }
    slots.push(now);
    return 0;
  }

  /** Spends `cost` of a budget that refills when `period` changes; false (and a rate-limit answer counted) when it would overdraw. */
  spend(key: string, period: string, cost: number, budget: number): boolean {
    const b = this.budgets.get(key);
    const used = b && b.period === period ? b.used : 0;
    if (used + cost > budget) {
      this.rateLimited++;
      return false;
    }
    this.budgets.set(key, { period, used: used + cost });
    return true;
  }

  /** Units spent in the current period of a budget. */
  spent(key: string, period: string): number {
    const b = this.budgets.get(key);
    return b && b.period === period ? b.used : 0;
  }

  /** Forgets records, windows, budgets and the rate-limit count. */
  reset(): void {
    this.items.length = 0;
    this.rateLimited = 0;
    this.windows.clear();
    this.budgets.clear();
  }

  /** The listing's wire shape: snake_case, ISO times. */
  listing(): { items: Record<string, unknown>[] } {
    return {
      items: this.items.map((r) => ({
        at: new Date(r.at).toISOString(),
        kind: r.kind,
        sender_id: r.senderId,
        channel_id: r.channelId,
        ...(r.text !== undefined ? { text: r.text } : {}),
        ...(r.target !== undefined ? { target: r.target } : {}),
        ...(r.durationS !== undefined ? { duration_s: r.durationS } : {}),
        ...(r.messageId !== undefined ? { message_id: r.messageId } : {}),
        ...(r.replyTo !== undefined ? { reply_to: r.replyTo } : {}),
      })),
    };
  }
}

/** `GET /chat` under the fake's root: what the fake received, newest last. */
export function registerChatListing(app: FastifyInstance, chat: ChatRecorder, routeConfig: Record<string, unknown>): void {
  app.get('/chat', { config: routeConfig }, async (_request, reply) => reply.type('application/json').send(JSON.stringify(chat.listing())));
}
