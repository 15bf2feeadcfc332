/**
 * What every capability may use: the foundation, built once per runtime (src/runtime.ts) and passed
 * to service functions. Capabilities take `Deps` (or a narrower Pick), never the Runtime, so no
 * capability depends on the assembly above it.
 */
import type { Config } from './config/schema.ts';
import type { Store } from './store/db.ts';
import type { Keyring } from './crypto/keyring.ts';
import type { Clock } from './clock.ts';
import type { Logger } from './log.ts';
import type { PlatformRegistry } from './platforms/types.ts';
import type { Bus } from './bus/bus.ts';
import type { EgressPolicy } from './net/egress.ts';
import type { Metrics } from './metrics.ts';

export interface Deps {
  readonly config: Config;
  readonly store: Store;
  readonly keyring: Keyring;
  readonly clock: Clock;
  readonly log: Logger;
  /** Outbound HTTP to the platforms; injected so tests can count or fail calls. */
  readonly fetch: typeof fetch;
  /** One adapter per platform (pointed at the fakes in tests and sandbox mode). */
  readonly platforms: PlatformRegistry;
  /** How capabilities react to each other without importing each other. */
  readonly bus: Bus;
  /** The one check of every address a member chose (webhooks, tools). */
  readonly egress: EgressPolicy;
  /** The runtime's Prometheus counters (one registry per runtime, served at /metrics). */
  readonly metrics: Metrics;
}
