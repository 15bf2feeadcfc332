/**
 * The runtime: everything a service function needs, built once at start and injected everywhere
 * (config, store, keyring, clock, logger, fetch). Tests build it with their own pieces.
 */
import { mkdirSync } from 'node:fs';
import type { Config } from './config/schema.ts';
import { openStore, type Store } from './store/db.ts';
import { migrateToLatest } from './store/migrate.ts';
import { loadKeyring, type Keyring } from './crypto/keyring.ts';
import { systemClock, type Clock } from './clock.ts';
import { createLogger, type Logger } from './log.ts';
import { createPlatformRegistry, type RegistryOptions } from './platforms/registry.ts';
import type { PlatformRegistry } from './platforms/types.ts';

export interface Runtime {
  readonly config: Config;
  readonly store: Store;
  readonly keyring: Keyring;
  readonly clock: Clock;
  readonly log: Logger;
  /** Outbound HTTP; injected so tests can count or fail calls. */
  readonly fetch: typeof fetch;
  /** One adapter per platform (pointed at the fakes in tests and sandbox mode). */
  readonly platforms: PlatformRegistry;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  log?: Logger;
  clock?: Clock;
  fetch?: typeof fetch;
  store?: Store;
  keyring?: Keyring;
  /** Platform base-URL overrides (tests point adapters at the fakes). */
  platformBaseUrls?: RegistryOptions['baseUrls'];
  /** Run pending migrations (default true). */
  migrate?: boolean;
}

export async function createRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const log = options.log ?? createLogger({ level: config.log.level });
  mkdirSync(config.data_dir, { recursive: true, mode: 0o700 });
  let keyring = options.keyring;
  if (!keyring) {
    const loaded = loadKeyring(config.encryption.keys, config.data_dir);
    keyring = loaded.keyring;
    if (loaded.created) log.warn({ path: loaded.keyring.source }, 'created a new encryption key file; back it up with the database');
  }
  const store = options.store ?? openStore({ databaseUrl: config.database.url, dataDir: config.data_dir, poolSize: config.database.pool_size });
  if (options.migrate !== false) {
    const applied = await migrateToLatest(store);
    if (applied.length > 0) log.info({ applied, store: store.description }, 'applied migrations');
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  return {
    config,
    store,
    keyring,
    clock: options.clock ?? systemClock,
    log,
    fetch: fetchImpl,
    platforms: createPlatformRegistry(config, { fetch: fetchImpl, ...(options.platformBaseUrls ? { baseUrls: options.platformBaseUrls } : {}) }),
    close: () => store.close(),
  };
}
