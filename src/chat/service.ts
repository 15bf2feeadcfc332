/**
 * The chat capability of one runtime (`rt.chat`): what it keeps in memory — a sender's role in a
 * channel (Twitch: it raises the window; about 10 minutes), YouTube's liveChatId per channel (a few
 * minutes), a channel's platform channel id (Trovo), the write count that paces log pruning, the
 * sends answered but not yet in the log (written together once per tick, log.ts) — and the wait
 * seam. The calls themselves are operations.ts; the shared limits live in the database (limits.ts).
 */
import { randomFillSync } from 'node:crypto';
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
  /** The platform's channel id of a channel integration where it differs from its user id (Trovo), once learned. */
  channelIdOf(integrationId: string): string | undefined;
  rememberChannelId(integrationId: string, channelId: string): void;
  /** True every PRUNE_EVERY-th log write of this runtime. */
  pruneDue(): boolean;
  /** Waits for a slot to free (tests move a manual clock instead). */
  sleep(ms: number): Promise<void>;
  /**
   * Queues an item for `write`, which runs once per tick with everything queued since (one write at
   * a time). A failed write keeps its items for the next attempt, a second later.
   */
  later<T>(write: BatchWriter<T>, item: T): void;
  /** Resolves once everything queued so far is written (or its write failed). */
  flush(): Promise<void>;
  /** Flushes, then retries nothing more (runtime close: the store closes next). */
  close(): Promise<void>;
  /**
   * Runs `run` once per tick with the items of every call made since (say, one transaction for the
   * slot takes of concurrent sends); each call resolves with its item's result, or all reject.
   */
  together<T, R>(run: GroupRunner<T, R>, item: T): Promise<R>;
  /** `prefix_` and `bytes` CSPRNG bytes as base64url, like prefixedId, from a buffer filled a few hundred ids at a time. */
  randomId(prefix: string, bytes: number): string;
}

/** Answers each item of a group, in order. */
export type GroupRunner<T, R> = (items: T[]) => Promise<R[]>;

/** Writes a batch; the batcher keeps the batch for a later attempt when it rejects. */
export type BatchWriter<T> = (items: T[]) => Promise<void>;

/** Items kept for a retry when writes keep failing; beyond it the oldest are given up. */
export const MAX_QUEUED = 10_000;
const RETRY_MS = 1000;

const PRUNE_EVERY = 25;
const RANDOM_POOL = 4096;
const MAX_ENTRIES = 10_000;

export function createChatService(seams: { sleep?: ((ms: number) => Promise<void>) | undefined } = {}): ChatService {
  const roles = new Map<string, { role: Role; at: number }>();
  const liveChats = new Map<string, { id: string; at: number }>();
  const channelIds = new Map<string, string>();
  let writes = 0;
  const batches = createBatcher();
  // Each byte is handed out once; one fill per RANDOM_POOL bytes instead of one CSPRNG call per id.
  const random = Buffer.allocUnsafe(RANDOM_POOL);
  let randomAt = RANDOM_POOL;
  const groups = new Map<GroupRunner<never, unknown>, { item: unknown; resolve(value: unknown): void; reject(err: unknown): void }[]>();
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
    channelIdOf: (integrationId) => channelIds.get(integrationId),
    rememberChannelId(integrationId, channelId) {
      bounded(channelIds).set(integrationId, channelId);
    },
    pruneDue() {
      writes += 1;
      return writes % PRUNE_EVERY === 1;
    },
    sleep: seams.sleep ?? realSleep,
    later: batches.later,
    flush: batches.flush,
    close: batches.close,
    randomId(prefix, bytes) {
      if (randomAt + bytes > RANDOM_POOL) {
        randomFillSync(random);
        randomAt = 0;
      }
      const id = `${prefix}_${random.toString('base64url', randomAt, randomAt + bytes)}`;
      randomAt += bytes;
      return id;
    },
    together<T, R>(run: GroupRunner<T, R>, item: T): Promise<R> {
      const key = run as GroupRunner<never, unknown>;
      return new Promise<R>((resolve, reject) => {
        let waiting = groups.get(key);
        if (!waiting) {
          groups.set(key, (waiting = []));
          setImmediate(() => {
            groups.delete(key);
            // Through a promise, so a runner that throws at once rejects its callers instead of the process.
            Promise.resolve(waiting!.map((w) => w.item as T)).then(run).then(
              (results) => waiting!.forEach((w, i) => w.resolve(results[i])),
              (err: unknown) => waiting!.forEach((w) => w.reject(err)),
            );
          });
        }
        waiting.push({ item, resolve: resolve as (value: unknown) => void, reject });
      });
    },
  };
}

/** One queue per writer, flushed on the next turn of the event loop (after this tick's answers are written). */
function createBatcher() {
  const queues = new Map<BatchWriter<never>, { items: unknown[]; running?: Promise<void> | undefined; timer?: NodeJS.Timeout | NodeJS.Immediate | undefined }>();
  let closed = false;
  const run = (write: BatchWriter<never>): Promise<void> => {
    const q = queues.get(write)!;
    q.timer = undefined;
    if (q.running) return q.running;
    const items = q.items.splice(0);
    if (items.length === 0) return Promise.resolve();
    q.running = (write as BatchWriter<unknown>)(items).then(
      () => {
        q.running = undefined;
        if (q.items.length > 0 && !q.timer) q.timer = setImmediate(() => void run(write));
      },
      () => {
        q.running = undefined;
        if (closed) return;
        // Kept in order before what came since; the oldest go when the queue would grow past MAX_QUEUED.
        q.items.unshift(...items.slice(Math.max(0, items.length + q.items.length - MAX_QUEUED)));
        if (!q.timer) q.timer = setTimeout(() => void run(write), RETRY_MS).unref();
      },
    );
    return q.running;
  };
  const flush = async (): Promise<void> => {
    for (const [write, q] of queues) {
      if (q.running) await q.running;
      if (q.items.length === 0) continue;
      if (q.timer) {
        clearTimeout(q.timer as NodeJS.Timeout);
        clearImmediate(q.timer as NodeJS.Immediate);
        q.timer = undefined;
      }
      await run(write);
    }
  };
  return {
    later<T>(write: BatchWriter<T>, item: T): void {
      let q = queues.get(write as BatchWriter<never>);
      if (!q) queues.set(write as BatchWriter<never>, (q = { items: [] }));
      q.items.push(item);
      if (!q.timer && !q.running) q.timer = setImmediate(() => void run(write as BatchWriter<never>));
    },
    flush,
    async close(): Promise<void> {
      // The store closes next: one last write of what is queued, no retry after it.
      closed = true;
      await flush();
    },
  };
}
