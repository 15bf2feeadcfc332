/**
 * The chat capability of one runtime (`rt.chat`): what it keeps in memory — a sender's role in a
 * channel (Twitch: it raises the window; about 10 minutes), YouTube's liveChatId per channel (a few
 * minutes), the write count that paces log pruning — and the wait seam. The calls themselves are
 * operations.ts; the shared limits live in the database (limits.ts).
 */
import { realSleep } from '../clock.ts';

export const ROLE_TTL_MS = 10 * 60_000;
export const LIVE_CHAT_TTL_MS = 5 * 60_000;

type Role = 'broadcaster' | 'moderator' | 'viewer';

export interface ChatService {
  /** A role remembered for (sender, channel), if still fresh. */
  cachedRole(senderId: string, channelId: string, now: number): Role | undefined;
  rememberRole(senderId: string, channelId: string, role: Role, now: number): void;
  cachedLiveChat(channelId: string, now: number): string | undefined;
  rememberLiveChat(channelId: string, liveChatId: string, now: number): void;
  forgetLiveChat(channelId: string): void;
  /** True every PRUNE_EVERY-th log write of this runtime. */
  pruneDue(): boolean;
  /** Waits for a slot to free (tests move a manual clock instead). */
  sleep(ms: number): Promise<void>;
}

const PRUNE_EVERY = 25;
const MAX_ENTRIES = 10_000;

export function createChatService(seams: { sleep?: ((ms: number) => Promise<void>) | undefined } = {}): ChatService {
  const roles = new Map<string, { role: Role; at: number }>();
  const liveChats = new Map<string, { id: string; at: number }>();
  let writes = 0;
  const bounded = <V>(map: Map<string, V>) => {
    if (map.size > MAX_ENTRIES) map.clear();
    return map;
  };
  return {
    cachedRole(senderId, channelId, now) {
      const hit = roles.get(`${senderId}:${channelId}`);
      return hit && now - hit.at < ROLE_TTL_MS ? hit.role : undefined;
    },
    rememberRole(senderId, channelId, role, now) {
      bounded(roles).set(`${senderId}:${channelId}`, { role, at: now });
    },
    cachedLiveChat(channelId, now) {
      const hit = liveChats.get(channelId);
      return hit && now - hit.at < LIVE_CHAT_TTL_MS ? hit.id : undefined;
    },
    rememberLiveChat(channelId, id, now) {
      bounded(liveChats).set(channelId, { id, at: now });
    },
    forgetLiveChat(channelId) {
      liveChats.delete(channelId);
    },
    pruneDue() {
      writes += 1;
      return writes % PRUNE_EVERY === 1;
    },
    sleep: seams.sleep ?? realSleep,
  };
}
