/**
 * A small typed event bus, built once per runtime: how a capability reacts to another without
 * importing it. The lower capability emits; runtime.ts subscribes the higher one. Handlers run in
 * subscription order and their results come back to the emitter, so an event can also collect work
 * to do later (an account about to be deleted gathers the revokes to run after the delete commits).
 * Written here rather than taken from a library: Node's EventEmitter neither awaits handlers nor
 * returns their results, and the typed map of events is the point.
 */
import type { BusEvents } from './events.ts';

export type BusEventName = keyof BusEvents;
type Payload<K extends BusEventName> = BusEvents[K]['payload'];
type Result<K extends BusEventName> = BusEvents[K]['result'];
export type BusHandler<K extends BusEventName> = (payload: Payload<K>) => Promise<Result<K>> | Result<K>;

export interface Bus {
  /** Subscribes a handler; returns the function that unsubscribes it. */
  on<K extends BusEventName>(name: K, handler: BusHandler<K>): () => void;
  /** Runs every handler of `name` in subscription order and returns their results (a failing handler fails the emit). */
  emit<K extends BusEventName>(name: K, payload: Payload<K>): Promise<Result<K>[]>;
}

export function createBus(): Bus {
  const handlers = new Map<BusEventName, BusHandler<BusEventName>[]>();
  return {
    on(name, handler) {
      const list = handlers.get(name) ?? [];
      list.push(handler as unknown as BusHandler<BusEventName>);
      handlers.set(name, list);
      return () => {
        const current = handlers.get(name) ?? [];
        handlers.set(
          name,
          current.filter((h) => h !== (handler as unknown)),
        );
      };
    },
    async emit(name, payload) {
      const results = [];
      for (const handler of handlers.get(name) ?? []) results.push(await handler(payload as never));
      return results as never;
    },
  };
}
