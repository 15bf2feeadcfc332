/**
 * The start-up key check on both stores: rows per key id counted in SQL (known, unknown and damaged
 * values), a missing or wrong key stopping start-up with one line, and a key file created only while
 * the database holds no encrypted secret.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeTargets } from '../../test/support/stores.ts';
import { overwriteSealed, SEALED_COLUMN, seedSealedRows } from '../../test/support/sealed-rows.ts';
import type { Store } from '../store/db.ts';
import { expectStartupError } from '../../test/support/startup-error.ts';
import { CONFIG_KEY_SOURCE, configKeyring, createKeyring, generateKeySpec, keyFilePath, parseKeySpecs } from './keyring.ts';
import { encryptSecret } from './envelope.ts';
import { keyUsage, keyUsageByColumn, NOT_AN_ENVELOPE } from './key-usage.ts';
import { verifyKeyring } from './key-check.ts';
import { openKeyring } from './key-source.ts';

const silent = { warn: () => {} };

for (const target of storeTargets()) {
  describe(`${target.name}: key usage and the start-up key check`, () => {
    let store: Store;
    const old = configKeyring([generateKeySpec('k1'), generateKeySpec('k0')]);
    const current = configKeyring([generateKeySpec('k2-5eed'), `k1:${old.get('k1')!.toString('base64')}`]);

    beforeEach(async () => {
      store = await target.open();
    });
    afterEach(async () => store?.close());

    it('counts rows per key id in every column, including ids the caller does not know and damaged values', async () => {
      await seedSealedRows(store, old, 7, 'otx_a');
      await seedSealedRows(store, current, 4, 'otx_b');
      await overwriteSealed(store, 'otx_a000000', 'plaintext-by-mistake');
      await overwriteSealed(store, 'otx_a000001', 'v1.nodots');
      await seedSealedRows(store, createKeyring(parseKeySpecs([generateKeySpec('k9')]), 'test'), 2, 'otx_c');

      const expected = new Map([
        ['k1', 5],
        ['k2-5eed', 4],
        ['k9', 2],
        [NOT_AN_ENVELOPE, 2],
      ]);
      expect(await keyUsage(store)).toEqual(expected);
      expect(await keyUsage(store, { knownIds: ['k2-5eed', 'k1', 'k0'] })).toEqual(expected);
      const byColumn = await keyUsageByColumn(store, { knownIds: ['k1'] });
      expect(byColumn.find((c) => c.column.table === SEALED_COLUMN.table)!.rows).toEqual(expected);
      expect(byColumn.filter((c) => c.rows.size > 0)).toHaveLength(1);
    });

    it('passes when every key is present and decrypts, and reports rows per key id', async () => {
      await seedSealedRows(store, old, 3, 'otx_a');
      await seedSealedRows(store, current, 2, 'otx_b');
      expect(await verifyKeyring(store, current)).toEqual(new Map([['k1', 3], ['k2-5eed', 2]]));
    });

    it('stops on a key id missing from the keyring, naming the id, its row count and where keys come from', async () => {
      await seedSealedRows(store, old, 3, 'otx_a');
      await seedSealedRows(store, current, 2, 'otx_b');
      const withoutK1 = configKeyring([`k2-5eed:${current.get('k2-5eed')!.toString('base64')}`]);
      const err = await expectStartupError(verifyKeyring(store, withoutK1));
      expect(err.exitCode).toBe(2);
      expect(err.message).toContain('key k1 (3 stored secrets) is not in the keys read from BIFROST_ENCRYPTION_KEYS / [encryption] keys');
      expect(err.message).not.toContain('k2-5eed');
      expect(err.message).not.toMatch(/\n/);
    });

    it('stops on a key that does not decrypt its rows (same id, different key), naming the key file', async () => {
      await seedSealedRows(store, old, 3, 'otx_a');
      const impostor = createKeyring(parseKeySpecs([generateKeySpec('k1')]), '/srv/bifrost/keys.json');
      const err = await expectStartupError(verifyKeyring(store, impostor));
      expect(err.exitCode).toBe(2);
      expect(err.message).toContain('key k1 read from /srv/bifrost/keys.json does not decrypt the 3 stored secrets sealed with it');
      expect(err.message).toContain('restore /srv/bifrost/keys.json from the backup');
      expect(err.message).not.toContain(old.get('k1')!.toString('base64'));
    });

    it('a single damaged row does not pass for a wrong key, but a key that opens none of its samples does', async () => {
      const [first] = await seedSealedRows(store, old, 2, 'otx_a');
      // A ciphertext moved from another row fails authentication (AAD), like any damaged row.
      await overwriteSealed(store, first!, encryptSecret(old, 'x', { ...SEALED_COLUMN, rowId: 'elsewhere' }));
      expect((await verifyKeyring(store, old)).get('k1')).toBe(2);
      await overwriteSealed(store, 'otx_a000001', encryptSecret(old, 'y', { ...SEALED_COLUMN, rowId: 'elsewhere' }));
      await expectStartupError(verifyKeyring(store, old));
    });

    it('passes on a database without secrets and ignores values that are not envelopes', async () => {
      expect(await verifyKeyring(store, current)).toEqual(new Map());
      await seedSealedRows(store, old, 1, 'otx_a');
      await overwriteSealed(store, 'otx_a000000', 'plaintext-by-mistake');
      expect(await verifyKeyring(store, current)).toEqual(new Map([[NOT_AN_ENVELOPE, 1]]));
    });

    it('creates a key file only while the database holds no encrypted secret', async () => {
      const fresh = join(mkdtempSync(join(tmpdir(), 'bifrost-keysrc-')), 'data');
      const warned: string[] = [];
      const first = await openKeyring(store, { configKeys: [], dataDir: fresh, log: { warn: (_o: unknown, m?: string) => warned.push(String(m)) } });
      expect(first.source).toBe(keyFilePath(fresh));
      expect(warned).toEqual(['created a new encryption key file; back it up with the database']);
      // Reading it again yields the same key and creates nothing.
      const again = await openKeyring(store, { configKeys: [], dataDir: fresh, log: silent });
      expect(again.active()).toEqual(first.active());

      const other = join(mkdtempSync(join(tmpdir(), 'bifrost-keysrc-')), 'data');
      await seedSealedRows(store, first, 2);
      const err = await expectStartupError(openKeyring(store, { configKeys: [], dataDir: other, log: silent }));
      expect(err.exitCode).toBe(2);
      expect(err.message).toContain(`the key file ${keyFilePath(other)} is missing, but the database holds 2 encrypted secrets (key ${first.active().id} (2 rows))`);
      expect(err.message).toContain('no new key file was created');
      expect(existsSync(keyFilePath(other))).toBe(false);
      expect(existsSync(other)).toBe(false);

      // Keys from configuration never touch the data dir.
      const fromConfig = await openKeyring(store, { configKeys: [generateKeySpec('k5')], dataDir: other, log: silent });
      expect(fromConfig.source).toBe(CONFIG_KEY_SOURCE);
      expect(existsSync(other)).toBe(false);
    });
  });
}
