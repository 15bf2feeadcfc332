/**
 * Where the keyring comes from at start: configuration, else the key file, else a new key file, but
 * only while the database holds no encrypted secret. Creating a key beside secrets sealed with a lost
 * one would hide the loss until every token failed to decrypt; start-up refuses instead.
 */
import type { Logger } from '../log.ts';
import type { Store } from '../store/db.ts';
import { EXIT_CONFIG, StartupError } from '../errors/startup-error.ts';
import { CONFIG_KEY_SOURCE, configKeyring, createKeyFile, keyFilePath, readKeyFileKeyring, type Keyring } from './keyring.ts';
import { keyUsage, NOT_AN_ENVELOPE } from './key-usage.ts';

export interface KeySourceOptions {
  /** `[encryption] keys` / BIFROST_ENCRYPTION_KEYS; when set, no file is read or written. */
  configKeys: readonly string[];
  dataDir: string;
  log: Pick<Logger, 'warn'>;
}

/** "key k1 (3 rows), key k2 (1 row)" */
function describeUsage(entries: readonly (readonly [string, number])[]): string {
  return entries.map(([id, n]) => `key ${id} (${n} ${n === 1 ? 'row' : 'rows'})`).join(', ');
}

export async function openKeyring(store: Store, options: KeySourceOptions): Promise<Keyring> {
  if (options.configKeys.length > 0) return configKeyring(options.configKeys);
  const existing = readKeyFileKeyring(options.dataDir);
  if (existing) return existing;

  const path = keyFilePath(options.dataDir);
  const sealed = [...(await keyUsage(store))].filter(([id]) => id !== NOT_AN_ENVELOPE);
  if (sealed.length > 0) {
    const total = sealed.reduce((sum, [, n]) => sum + n, 0);
    throw new StartupError(
      EXIT_CONFIG,
      `the key file ${path} is missing, but the database holds ${total} encrypted secrets (${describeUsage(sealed)}); ` +
        `restore ${path} from the backup taken with the database, or give the keys in ${CONFIG_KEY_SOURCE}; no new key file was created`,
    );
  }
  const { keyring, created } = createKeyFile(options.dataDir);
  if (created) options.log.warn({ path: keyring.source }, 'created a new encryption key file; back it up with the database');
  return keyring;
}
