/**
 * Server-Sent Events for consumers (GET /internal/events): each instance polls the token_events
 * outbox about once a second while at least one stream is open, so an event written by any instance
 * reaches streams on every instance. The poll reaches back a few seconds and de-duplicates by id,
 * which absorbs small clock differences and commits that land out of order. `Last-Event-ID` resumes.
 * One reader key holds at most `tokens.max_streams_per_key` streams per instance. Who may see what is
 * the reader's business (the consumers capability builds it); this hub only fans events out.
 */
import type { ServerResponse } from 'node:http';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors/app-error.ts';
import { eventBody, eventsSince, type TokenEventRow } from './events.ts';

const LOOKBACK_MS = 5_000;
const HEARTBEAT_MS = 15_000;
/** Open streams re-check that their reader's credential still exists every this many polls (15 s by default). */
const REVALIDATE_EVERY_POLLS = 15;
/** Seconds a refused client is told to wait: about when a dead stream of its own is noticed (a heartbeat fails). */
const STREAM_RETRY_AFTER_S = HEARTBEAT_MS / 1000;

/** Who reads a stream. */
export interface StreamReader {
  /** Streams are capped per key (one consumer credential). */
  readonly key: string;
  /** Whether this reader may see events of this integration. */
  sees(integration: { id: string; account_id: string | null; platform: string }): boolean;
  /** For a credential that can be deleted (a service key): whether it still exists; its streams end when it does not. */
  stillValid?(): Promise<boolean>;
}

/** A reserved place for one stream of one reader; released when the stream ends. */
export interface EventStreamSlot {
  reader: StreamReader;
  release(): void;
}

export interface EventStreams {
  /**
   * Reserves a stream before anything is sent; throws TOO_MANY_STREAMS (429) when the reader's key
   * already holds `tokens.max_streams_per_key` here. Synchronous, so parallel opens cannot exceed it.
   */
  reserve(reader: StreamReader): EventStreamSlot;
  /** Streams events to `res` until the client goes away; the slot is released when it does. */
  open(slot: EventStreamSlot, res: ServerResponse, lastEventId?: string): Promise<void>;
  /** Closes every open stream (server shutdown). */
  closeAll(): void;
}

interface Subscriber {
  reader: StreamReader;
  res: ServerResponse;
}

function visible(reader: StreamReader, e: TokenEventRow): boolean {
  if (!e.integration_id || !e.platform) return false;
  return reader.sees({ id: e.integration_id, account_id: e.account_id, platform: e.platform });
}

function frame(e: TokenEventRow): string {
  return `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(eventBody(e))}\n\n`;
}

export function createEventStreams(deps: Deps): EventStreams {
  const cfg = deps.config.tokens;
  const subscribers = new Set<Subscriber>();
  const seen = new Map<string, number>();
  /** Open (or opening) streams per reader key. */
  const openPerKey = new Map<string, number>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let polling = false;
  let lastRevalidation = Date.now();

  async function poll(): Promise<void> {
    if (polling) return;
    polling = true;
    try {
      const now = deps.clock.now();
      for (const e of await eventsSince(deps, now - LOOKBACK_MS)) {
        if (seen.has(e.id)) continue;
        seen.set(e.id, e.created_at);
        for (const s of subscribers) if (visible(s.reader, e)) s.res.write(frame(e));
      }
      for (const [id, at] of seen) if (at < now - 2 * LOOKBACK_MS) seen.delete(id);
      if (Date.now() - lastRevalidation >= REVALIDATE_EVERY_POLLS * cfg.events_poll_interval) await revalidate();
    } catch (err) {
      deps.log.warn({ err }, 'event stream poll failed; retrying');
    } finally {
      polling = false;
    }
  }

  /** Ends the streams whose credential was deleted since they connected (one check per key). */
  async function revalidate(): Promise<void> {
    lastRevalidation = Date.now();
    const checks = new Map<string, Promise<boolean>>();
    for (const s of subscribers) {
      if (s.reader.stillValid && !checks.has(s.reader.key)) checks.set(s.reader.key, s.reader.stillValid());
    }
    for (const s of subscribers) {
      const check = checks.get(s.reader.key);
      if (check && !(await check)) s.res.end();
    }
  }

  async function start(): Promise<void> {
    if (timer) return;
    // Events already in the window when the first stream opens are not news: mark them seen.
    for (const e of await eventsSince(deps, deps.clock.now() - LOOKBACK_MS)) seen.set(e.id, e.created_at);
    timer = setInterval(() => void poll(), cfg.events_poll_interval);
    timer.unref?.();
    heartbeat = setInterval(() => {
      for (const s of subscribers) s.res.write(': keep-alive\n\n');
    }, HEARTBEAT_MS);
    heartbeat.unref?.();
  }

  function stop(): void {
    clearInterval(timer);
    clearInterval(heartbeat);
    timer = undefined;
    heartbeat = undefined;
    seen.clear();
  }

  return {
    reserve(reader) {
      const open = openPerKey.get(reader.key) ?? 0;
      const cap = cfg.max_streams_per_key;
      if (open >= cap) {
        throw new AppError('TOO_MANY_STREAMS', `this key already has ${open} open event streams on this instance (tokens.max_streams_per_key = ${cap}); close one, or share one stream per process`, {
          retryAfter: STREAM_RETRY_AFTER_S,
        });
      }
      openPerKey.set(reader.key, open + 1);
      let released = false;
      return {
        reader,
        release() {
          if (released) return;
          released = true;
          const left = (openPerKey.get(reader.key) ?? 1) - 1;
          if (left > 0) openPerKey.set(reader.key, left);
          else openPerKey.delete(reader.key);
        },
      };
    },

    async open(slot, res, lastEventId) {
      const subscriber: Subscriber = { reader: slot.reader, res };
      // Registered first: a client that leaves while the stream is being set up still frees its slot.
      res.on('close', () => {
        slot.release();
        if (subscribers.delete(subscriber) && subscribers.size === 0) stop();
      });
      try {
        await start();
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        res.write(': connected\nretry: 2000\n\n');
        if (lastEventId) {
          // Resume: what was written after the last event this client saw (events are kept a day).
          const last = await deps.store.db.selectFrom('token_events').select(['id', 'created_at']).where('id', '=', lastEventId).executeTakeFirst();
          if (last) {
            const missed = await eventsSince(deps, last.created_at);
            for (const e of missed) if (e.id !== last.id && (e.created_at > last.created_at || e.id > last.id) && visible(slot.reader, e)) res.write(frame(e));
          }
        }
      } catch (err) {
        slot.release();
        throw err;
      }
      if (res.destroyed) return;
      subscribers.add(subscriber);
    },

    closeAll() {
      for (const s of subscribers) s.res.end();
      subscribers.clear();
      stop();
    },
  };
}
