/**
 * Encrypted rows as services store them, for the key-check and start-up tests: PKCE verifiers in
 * oauth_transactions (the encrypted column with the fewest required neighbours), sealed under the
 * keyring's active key with the same AAD a service would use.
 */
import { sql } from 'kysely';
import type { Store } from '../../src/store/db.ts';
import type { Keyring } from '../../src/crypto/keyring.ts';
import { encryptSecret } from '../../src/crypto/envelope.ts';

export const SEALED_COLUMN = { table: 'oauth_transactions', column: 'pkce_verifier_enc', idColumn: 'id' } as const;

/** Inserts `count` rows sealed with `keyring`'s active key; ids are `${prefix}${n}`. Returns the ids. */
export async function seedSealedRows(store: Store, keyring: Keyring, count: number, prefix = 'otx_'): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 500) {
    const values = [];
    for (let i = start; i < Math.min(count, start + 500); i++) {
      const id = `${prefix}${String(i).padStart(6, '0')}`;
      ids.push(id);
      const sealed = encryptSecret(keyring, `verifier-${i}`, { ...SEALED_COLUMN, rowId: id });
      values.push(sql`(${id}, 'twitch', 'usr_test', 'sess', 'channel', '[]', ${sealed}, 0, 0)`);
    }
    await sql`insert into oauth_transactions (id, platform, user_id, session_hash, integration_type, scopes, pkce_verifier_enc, created_at, expires_at)
      values ${sql.join(values)}`.execute(store.db);
  }
  return ids;
}

/** Writes a raw value into one row's encrypted column (to damage or replace a ciphertext). */
export async function overwriteSealed(store: Store, id: string, value: string): Promise<void> {
  await sql`update oauth_transactions set pkce_verifier_enc = ${value} where id = ${id}`.execute(store.db);
}
