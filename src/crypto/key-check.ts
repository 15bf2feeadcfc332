/**
 * The start-up key check: every key id the stored secrets use must be in the keyring, and each key
 * must decrypt a sample of its rows. Either failure stops start-up with one line naming the key id,
 * its row count and where the keys were read from, before anything hands out or refreshes a token.
 */
import type { Store } from '../store/db.ts';
import { EXIT_CONFIG, StartupError } from '../errors/startup-error.ts';
import { decryptSecret } from './envelope.ts';
import { CONFIG_KEY_SOURCE, type Keyring } from './keyring.ts';
import { keyUsageByColumn, NOT_AN_ENVELOPE, sampleRows, type ColumnKeyUsage } from './key-usage.ts';

/**
 * Rows tried per key id. AES-GCM never authenticates under a wrong key, so one success proves the key;
 * a few tries keep a single damaged row from being mistaken for a wrong key.
 */
const SAMPLES_PER_KEY = 3;

async function decryptsASample(store: Store, keyring: Keyring, keyId: string, usage: readonly ColumnKeyUsage[]): Promise<boolean> {
  let tried = 0;
  for (const { column, rows } of usage) {
    if (!rows.has(keyId) || tried >= SAMPLES_PER_KEY) continue;
    for (const row of await sampleRows(store, column, keyId, SAMPLES_PER_KEY - tried)) {
      tried += 1;
      try {
        decryptSecret(keyring, row.value, { table: column.table, column: column.column, rowId: row.id });
        return true;
      } catch {
        // try the next sample
      }
    }
  }
  return false;
}

function rowsWord(n: number): string {
  return `${n} stored ${n === 1 ? 'secret' : 'secrets'}`;
}

/** Checks the keyring against the stored secrets; returns rows per key id (for the start-up log). */
export async function verifyKeyring(store: Store, keyring: Keyring): Promise<Map<string, number>> {
  const usage = await keyUsageByColumn(store, { knownIds: keyring.ids() });
  const totals = new Map<string, number>();
  for (const { rows } of usage) for (const [id, n] of rows) totals.set(id, (totals.get(id) ?? 0) + n);

  const problems: string[] = [];
  for (const [id, n] of totals) {
    if (id === NOT_AN_ENVELOPE) continue;
    if (!keyring.get(id)) problems.push(`key ${id} (${rowsWord(n)}) is not in the keys read from ${keyring.source}`);
    else if (!(await decryptsASample(store, keyring, id, usage))) {
      problems.push(`key ${id} read from ${keyring.source} does not decrypt the ${rowsWord(n)} sealed with it (a different key under the same id)`);
    }
  }
  if (problems.length > 0) {
    const fix =
      keyring.source === CONFIG_KEY_SOURCE
        ? `put the original keys back in ${CONFIG_KEY_SOURCE}`
        : `restore ${keyring.source} from the backup taken with the database, or give the original keys in ${CONFIG_KEY_SOURCE}`;
    throw new StartupError(EXIT_CONFIG, `cannot decrypt stored secrets: ${problems.join('; ')}; ${fix}`);
  }
  return totals;
}
