/**
 * The live feed of GET /v1/events (Server-Sent Events) for a filter: newest first, each event once.
 * When the stream drops or answers an error, the hook closes it and, after a pause, opens a new one
 * with `after=` the last seq seen (rather than leaving it to EventSource's own retry, whose URL cannot
 * change); a filter change opens a new stream with `after=` too, so nothing between two streams is missed.
 */
import { useEffect, useRef, useState } from 'react';
import { eventStreamUrl, type EventFilter } from '../api/events-api.ts';
import type { EventEnvelope } from '../api/types.ts';
import { EVENT_TYPES } from './event-types.ts';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting';

/** How many events the page keeps. */
const KEEP = 200;
/** Pause before opening the stream again, growing to MAX_RETRY_MS while it keeps failing. */
const RETRY_MS = 1_000;
const MAX_RETRY_MS = 15_000;

function matches(event: EventEnvelope, filter: EventFilter): boolean {
  return (filter.types.length === 0 || filter.types.includes(event.type)) && (filter.platforms.length === 0 || filter.platforms.includes(event.platform));
}

export function useEventStream(filter: EventFilter): { events: EventEnvelope[]; status: StreamStatus } {
  const [events, setEvents] = useState<EventEnvelope[]>([]);
  const [status, setStatus] = useState<StreamStatus>('connecting');
  // The highest seq seen under any filter: the next stream resumes after it.
  const lastSeq = useRef<number | null>(null);
  const key = `${filter.types.join(',')}|${filter.platforms.join(',')}`;

  useEffect(() => {
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    let pause = RETRY_MS;
    // What the old filter showed and the new one excludes leaves the list at once.
    setEvents((list) => list.filter((e) => matches(e, filter)));

    const receive = (message: MessageEvent<string>) => {
      let event: EventEnvelope;
      try {
        event = JSON.parse(message.data) as EventEnvelope;
      } catch {
        return;
      }
      if (typeof event.seq !== 'number' || (lastSeq.current !== null && event.seq <= lastSeq.current)) return;
      lastSeq.current = event.seq;
      setEvents((list) => [event, ...list].slice(0, KEEP));
    };

    const open = () => {
      if (stopped) return;
      source = new EventSource(eventStreamUrl(filter, lastSeq.current), { withCredentials: true });
      source.onopen = () => {
        pause = RETRY_MS;
        setStatus('live');
      };
      source.onerror = () => {
        source?.close();
        source = null;
        setStatus('reconnecting');
        timer = setTimeout(open, pause);
        pause = Math.min(pause * 2, MAX_RETRY_MS);
      };
      source.onmessage = receive;
      for (const type of EVENT_TYPES) source.addEventListener(type, receive);
    };

    setStatus('connecting');
    open();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      source?.close();
    };
    // The filter's contents, not its identity, decide when a new stream is needed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return { events, status };
}
