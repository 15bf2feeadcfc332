/**
 * Per-runtime state of the token lifecycle (the in-process single-flight map, the lease owner id and
 * what tests inject). Keyed by the Runtime object: two runtimes in one test process behave like two
 * Bifrost instances, each with its own flights and lease owner.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Runtime } from '../runtime.ts';
import type { IntegrationRow } from '../integrations/model.ts';

export interface TokensState {
  /** Lease owner written to integrations.refresh_lease_owner: host, pid and a per-runtime random part. */
  readonly owner: string;
  /** In-flight refreshes by integration id. */
  readonly flights: Map<string, Promise<IntegrationRow>>;
  /** Uniform [0,1) randomness for jitter (tests make it deterministic). */
  random: () => number;
  /** Real-time wait between lease polls (tests with a manual clock keep it short). */
  sleep: (ms: number) => Promise<void>;
  /** Failpoint handler; the default kills the process when the configured failpoint is hit. */
  failpoint?: ((name: string) => void) | undefined;
}

const states = new WeakMap<Runtime, TokensState>();

export const realSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms).unref?.();
  });

/** Resolves on the next turn of the event loop, after pending I/O callbacks: loops over work await it so timers and sockets get their turn. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function tokensState(rt: Runtime): TokensState {
  let state = states.get(rt);
  if (!state) {
    state = {
      owner: `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
      flights: new Map(),
      random: Math.random,
      sleep: realSleep,
    };
    states.set(rt, state);
  }
  return state;
}
