/**
 * The events capability of one runtime (`rt.events`): the hub that fans appended events out to this
 * instance's open streams, the PostgreSQL LISTEN connection that hears appends made by other
 * instances (payload: account id and seq; the streams then read the log), and the connector
 * supervisor (started by `serve` and `worker` when `[events] enabled`).
 */
import type { Deps } from '../deps.ts';
import type { ConsumerService } from '../consumers/service.ts';
import type { StoredEvent } from '../platforms/event-types.ts';
import { eventChannel } from './log.ts';
import { createLiveStream, type EventSink, type LiveStream, type StreamOptions } from './stream.ts';
import { createSupervisor, type Supervisor, type SupervisorSeams } from './supervisor.ts';
import type { ConnectionInfo } from './connections.ts';

/** Live events one stream may have waiting before it falls back to reading the log. */
export const STREAM_BUFFER = 1000;

export interface EventService {
  /** Called by appendEvents after the commit: wakes this instance's streams of the account. */
  appended(accountId: string, events: readonly StoredEvent[]): void;
  /** Opens a stream of the log for one consumer; close it when the consumer goes away. */
  open(options: Omit<StreamOptions, 'bufferSize'> & { bufferSize?: number }, sink: EventSink): LiveStream;
  readonly supervisor: Supervisor;
  /** Stops the supervisor, every stream and the LISTEN connection. */
  stop(): Promise<void>;
}

export interface EventServiceSeams extends Omit<SupervisorSeams, 'sleep'> {
  sleep?: ((ms: number, signal: AbortSignal) => Promise<void>) | undefined;
}

/** A real-time wait that rejects when the signal aborts. */
function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted'));
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    t.unref?.();
    const onAbort = (): void => {
      clearTimeout(t);
      reject(new Error('aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function createEventService(deps: Deps & { readonly consumers: ConsumerService }, seams: EventServiceSeams): EventService {
  const streams = new Map<string, Set<LiveStream>>();
  let listening: Promise<{ close(): Promise<void> } | undefined> | undefined;

  function hintAll(accountId: string | undefined, seq: number): void {
    for (const [account, set] of streams) if (!accountId || account === accountId) for (const s of set) s.hint(seq);
  }

  /** Starts LISTEN at the first stream (PostgreSQL); a failure leaves this instance to its own appends. */
  function listen(): Promise<void> {
    const store = deps.store;
    if (!store.listen) return Promise.resolve();
    listening ??= store
      .listen(
        eventChannel(store),
        (payload) => {
          const at = payload.lastIndexOf(':');
          const seq = Number(payload.slice(at + 1));
          if (at > 0 && Number.isFinite(seq)) hintAll(payload.slice(0, at), seq);
        },
        () => hintAll(undefined, Number.MAX_SAFE_INTEGER),
      )
      .catch((err: unknown) => {
        deps.log.error({ err }, 'could not LISTEN for events of other instances; streams here see only this instance’s appends');
        listening = undefined;
        return undefined;
      });
    return listening.then(() => undefined);
  }

  const appended = (accountId: string, events: readonly StoredEvent[]): void => {
    for (const s of streams.get(accountId) ?? []) s.push(events);
  };
  const supervisor = createSupervisor({ ...deps, events: { appended } }, { ...seams, sleep: seams.sleep ?? abortableSleep });
  return {
    appended,
    supervisor,
    open(options, sink) {
      const stream = createLiveStream(deps, { ...options, bufferSize: options.bufferSize ?? STREAM_BUFFER }, sink, listen());
      const set = streams.get(options.accountId) ?? new Set();
      set.add(stream);
      streams.set(options.accountId, set);
      void stream.done
        .catch(() => {})
        .finally(() => {
          set.delete(stream);
          if (set.size === 0 && streams.get(options.accountId) === set) streams.delete(options.accountId);
        });
      return stream;
    },
    async stop() {
      await supervisor.stop();
      for (const set of streams.values()) for (const s of set) s.close();
      streams.clear();
      const l = await listening;
      listening = undefined;
      await l?.close();
    },
  };
}

export type { ConnectionInfo };
