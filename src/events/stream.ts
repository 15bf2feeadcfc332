/**
 * One consumer's stream of the log: it reads the log from its resume point up to the tail, then
 * takes live events from this instance's hub through a bounded buffer. Everything goes out in seq
 * order exactly once: an event at or below the cursor is skipped, a gap in seq (events published out
 * of order, or appended on another instance) and a full buffer (a slow consumer) both send the stream
 * back to reading the log from its cursor. Appending never waits for a stream.
 */
import type { Deps } from '../deps.ts';
import type { StoredEvent } from '../platforms/event-types.ts';
import { lastSeq, readEvents, type EventFilters } from './log.ts';

const PAGE = 500;

/** Where a stream writes; a returned promise holds the stream until the consumer has taken the event. */
export interface EventSink {
  send(event: StoredEvent): Promise<void> | void;
}

export interface StreamOptions extends EventFilters {
  accountId: string;
  /** Resume after this seq; null = only events appended from now on. */
  after: number | null;
  /** Live events held for a consumer that has not taken them yet; more and it reads from the log. */
  bufferSize: number;
}

export interface LiveStream {
  readonly accountId: string;
  /** Live events from the hub (all of the account's, in the order they were published). */
  push(events: readonly StoredEvent[]): void;
  /** Events up to `seq` exist in the log (another instance appended them). */
  hint(seq: number): void;
  close(): void;
  /** Settles when the stream has stopped (closed, or the sink failed). */
  readonly done: Promise<void>;
  /** Times the buffer overflowed and the stream fell back to the log (tests, metrics). */
  readonly fallbacks: number;
}

export function createLiveStream(deps: Pick<Deps, 'store'>, options: StreamOptions, sink: EventSink, ready: Promise<void>): LiveStream {
  const types = options.types && options.types.length > 0 ? new Set<string>(options.types) : undefined;
  const platforms = options.platforms && options.platforms.length > 0 ? new Set<string>(options.platforms) : undefined;
  const matches = (e: StoredEvent): boolean => (!types || types.has(e.type)) && (!platforms || platforms.has(e.platform));
  let queue: StoredEvent[] = [];
  let cursor = 0;
  /** Highest seq this stream knows of (queued or sent). */
  let known = 0;
  let overflowed = false;
  let behind = false;
  let closed = false;
  let fallbacks = 0;
  let wake: (() => void) | undefined;
  const poke = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  async function catchUp(): Promise<void> {
    for (;;) {
      const tail = await lastSeq(deps, options.accountId);
      const page = await readEvents(deps, options.accountId, { after: cursor, upTo: tail, limit: PAGE, types: options.types, platforms: options.platforms });
      for (const e of page) {
        if (closed) return;
        await sink.send(e);
        cursor = e.seq;
      }
      if (page.length < PAGE) {
        cursor = Math.max(cursor, tail);
        known = Math.max(known, cursor);
        return;
      }
    }
  }

  async function run(): Promise<void> {
    await ready;
    cursor = options.after ?? (await lastSeq(deps, options.accountId));
    known = cursor;
    await catchUp();
    while (!closed) {
      if (overflowed || behind) {
        overflowed = false;
        behind = false;
        queue = [];
        await catchUp();
        continue;
      }
      const e = queue.shift();
      if (!e) {
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (e.seq <= cursor) continue;
      if (e.seq > cursor + 1) {
        queue.unshift(e);
        await catchUp();
        // Defensive: an event published is committed, so the log reaches it; never loop on a gap.
        if (cursor < e.seq - 1) cursor = e.seq - 1;
        continue;
      }
      cursor = e.seq;
      if (matches(e)) await sink.send(e);
    }
  }

  const done = run().finally(() => {
    closed = true;
    queue = [];
  });
  return {
    accountId: options.accountId,
    push(events) {
      if (closed || events.length === 0) return;
      known = Math.max(known, events[events.length - 1]!.seq);
      if (overflowed) return;
      if (queue.length + events.length > options.bufferSize) {
        overflowed = true;
        fallbacks++;
        queue = [];
      } else {
        for (const e of events) queue.push(e);
      }
      poke();
    },
    hint(seq) {
      if (closed || seq <= known) return;
      known = seq;
      behind = true;
      poke();
    },
    close() {
      closed = true;
      poke();
    },
    done,
    get fallbacks() {
      return fallbacks;
    },
  };
}
