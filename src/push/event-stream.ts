/**
 * Server-Sent Events for consumers (GET /internal/events): each instance polls the token_events
 * outbox about once a second while at least one stream is open, so an event written by any instance
 * reaches streams on every instance. The poll reaches back a few seconds and de-duplicates by id,
 * which absorbs small clock differences and commits that land out of order. `Last-Event-ID` resumes.
 * One consumer key holds at most `tokens.max_streams_per_key` streams per instance.
 */
import type { ServerResponse } from 'node:http';
import type { Runtime } from '../runtime.ts';
import { AppError } from '../errors/app-error.ts';
import { eventBody, eventsSince, type TokenEventRow } from './events.ts';
import { mayRead, type Consumer } from '../consumers/consumers.ts';

const LOOKBACK_MS = 5_000;
const HEARTBEAT_MS = 15_000;
/** Open streams re-check that their service key still exists every this many polls (15 s by default). */
const REVALIDATE_EVERY_POLLS = 15;

interface Subscriber {
  consumer: Consumer;
  res: ServerResponse;
}

interface Hub {
  subscribers: Set<Subscriber>;
  seen: Map<string, number>;
  timer?: ReturnType<typeof setInterval> | undefined;
  heartbeat?: ReturnType<typeof setInterval> | undefined;
  polling: boolean;
  lastRevalidation: number;
}

const hubs = new WeakMap<Runtime, Hub>();
/** Open (or opening) streams per consumer key, per runtime. */
const openPerKey = new WeakMap<Runtime, Map<string, number>>();

/** A reserved place for one stream of one consumer; released when the stream ends. */
export interface EventStreamSlot {
  consumer: Consumer;
  release(): void;
}

/** Seconds a refused client is told to wait: about when a dead stream of its own is noticed (a heartbeat fails). */
const STREAM_RETRY_AFTER_S = HEARTBEAT_MS / 1000;

/**
 * Reserves a stream for the consumer, before anything is sent; throws TOO_MANY_STREAMS (429) when its
 * key already holds `tokens.max_streams_per_key` here. Synchronous, so parallel opens cannot exceed it.
 */
export function reserveEventStream(rt: Runtime, consumer: Consumer): EventStreamSlot {
  let counts = openPerKey.get(rt);
  if (!counts) openPerKey.set(rt, (counts = new Map()));
  const key = `${consumer.kind}:${consumer.id}`;
  const open = counts.get(key) ?? 0;
  const cap = rt.config.tokens.max_streams_per_key;
  if (open >= cap) {
    throw new AppError('TOO_MANY_STREAMS', `this key already has ${open} open event streams on this instance (tokens.max_streams_per_key = ${cap}); close one, or share one stream per process`, {
      retryAfter: STREAM_RETRY_AFTER_S,
    });
  }
  counts.set(key, open + 1);
  let released = false;
  return {
    consumer,
    release() {
      if (released) return;
      released = true;
      const left = (counts.get(key) ?? 1) - 1;
      if (left > 0) counts.set(key, left);
      else counts.delete(key);
    },
  };
}

function visible(consumer: Consumer, e: TokenEventRow): boolean {
  if (!e.integration_id || !e.platform) return false;
  return mayRead(consumer, { id: e.integration_id, account_id: e.account_id, platform: e.platform }) === 'ok';
}

function frame(e: TokenEventRow): string {
  return `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(eventBody(e))}\n\n`;
}

async function poll(rt: Runtime, hub: Hub): Promise<void> {
  if (hub.polling) return;
  hub.polling = true;
  try {
    const now = rt.clock.now();
    const rows = await eventsSince(rt, now - LOOKBACK_MS);
    for (const e of rows) {
      if (hub.seen.has(e.id)) continue;
      hub.seen.set(e.id, e.created_at);
      for (const s of hub.subscribers) if (visible(s.consumer, e)) s.res.write(frame(e));
    }
    for (const [id, at] of hub.seen) if (at < now - 2 * LOOKBACK_MS) hub.seen.delete(id);
    if (Date.now() - hub.lastRevalidation >= REVALIDATE_EVERY_POLLS * rt.config.tokens.events_poll_interval * 1000) await revalidate(rt, hub);
  } catch (err) {
    rt.log.warn({ err }, 'event stream poll failed; retrying');
  } finally {
    hub.polling = false;
  }
}

/** Ends the streams of service keys that were deleted since they connected. */
async function revalidate(rt: Runtime, hub: Hub): Promise<void> {
  hub.lastRevalidation = Date.now();
  const keyIds = [...new Set([...hub.subscribers].flatMap((s) => (s.consumer.kind === 'service_key' ? [s.consumer.id] : [])))];
  if (keyIds.length === 0) return;
  const alive = new Set((await rt.store.db.selectFrom('service_keys').select('id').where('id', 'in', keyIds).execute()).map((r) => r.id));
  for (const s of hub.subscribers) {
    if (s.consumer.kind === 'service_key' && !alive.has(s.consumer.id)) s.res.end();
  }
}

function hubOf(rt: Runtime): Hub {
  let hub = hubs.get(rt);
  if (!hub) hubs.set(rt, (hub = { subscribers: new Set(), seen: new Map(), polling: false, lastRevalidation: Date.now() }));
  return hub;
}

async function start(rt: Runtime, hub: Hub): Promise<void> {
  if (hub.timer) return;
  // Events already in the window when the first stream opens are not news: mark them seen.
  for (const e of await eventsSince(rt, rt.clock.now() - LOOKBACK_MS)) hub.seen.set(e.id, e.created_at);
  hub.timer = setInterval(() => void poll(rt, hub), rt.config.tokens.events_poll_interval * 1000);
  hub.timer.unref?.();
  hub.heartbeat = setInterval(() => {
    for (const s of hub.subscribers) s.res.write(': keep-alive\n\n');
  }, HEARTBEAT_MS);
  hub.heartbeat.unref?.();
}

function stop(hub: Hub): void {
  clearInterval(hub.timer);
  clearInterval(hub.heartbeat);
  hub.timer = undefined;
  hub.heartbeat = undefined;
  hub.seen.clear();
}

/** Streams events to `res` until the client goes away; the slot is released when it does. */
export async function openEventStream(rt: Runtime, slot: EventStreamSlot, res: ServerResponse, lastEventId?: string): Promise<void> {
  const { consumer } = slot;
  const hub = hubOf(rt);
  const subscriber: Subscriber = { consumer, res };
  // Registered first: a client that leaves while the stream is being set up still frees its slot.
  res.on('close', () => {
    slot.release();
    if (hub.subscribers.delete(subscriber) && hub.subscribers.size === 0) stop(hub);
  });
  try {
    await start(rt, hub);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(': connected\nretry: 2000\n\n');
    if (lastEventId) {
      // Resume: what was written after the last event this client saw (events are kept a day).
      const last = await rt.store.db.selectFrom('token_events').select(['id', 'created_at']).where('id', '=', lastEventId).executeTakeFirst();
      if (last) {
        const missed = await eventsSince(rt, last.created_at);
        for (const e of missed) if (e.id !== last.id && (e.created_at > last.created_at || e.id > last.id) && visible(consumer, e)) res.write(frame(e));
      }
    }
  } catch (err) {
    slot.release();
    throw err;
  }
  if (res.destroyed) return;
  hub.subscribers.add(subscriber);
}

/** Closes every open stream (server shutdown). */
export function closeEventStreams(rt: Runtime): void {
  const hub = hubs.get(rt);
  if (!hub) return;
  for (const s of hub.subscribers) s.res.end();
  hub.subscribers.clear();
  stop(hub);
}
