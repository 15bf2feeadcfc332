/** Key ids never repeat (so a lost key's id is never reused), the key file is created once and 0600, and old `kN` ids keep working. */
import { describe, expect, it } from 'vitest';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeyFile, keyFilePath, newKeyId, readKeyFileKeyring, rotateKeyFile } from './keyring.ts';

const tempDir = () => mkdtempSync(join(tmpdir(), 'bifrost-keyring-'));

describe('key ids', () => {
  it('fresh key files never share an id', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 200; i++) ids.add(createKeyFile(join(tempDir(), 'data')).keyring.active().id);
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^k1-[0-9a-f]{12}$/);
  });

  it('two copies of one key file rotated apart get different new ids, numbered after the highest', () => {
    const a = tempDir();
    const first = createKeyFile(a).keyring.active().id;
    const b = tempDir();
    copyFileSync(keyFilePath(a), keyFilePath(b));
    const fromA = rotateKeyFile(a);
    const fromB = rotateKeyFile(b);
    expect(fromA).not.toBe(fromB);
    expect(fromA).toMatch(/^k2-/);
    expect(readKeyFileKeyring(a)!.ids()).toEqual([fromA, first]);
  });

  it('continues the numbering of existing kN ids and ignores ids of other shapes', () => {
    expect(newKeyId(['k1', 'k3', 'primary'])).toMatch(/^k4-[0-9a-f]{12}$/);
    expect(newKeyId(['k2-0a1b2c3d4e5f', 'k1'])).toMatch(/^k3-/);
    expect(newKeyId([])).toMatch(/^k1-/);
  });
});

describe('the key file', () => {
  it('is created 0600 in a data dir created 0700, and a second create keeps the first key', () => {
    const dir = join(tempDir(), 'nested', 'data');
    const made = createKeyFile(dir);
    expect(made.created).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(keyFilePath(dir)).mode & 0o777).toBe(0o600);
    const before = readFileSync(keyFilePath(dir), 'utf8');
    const again = createKeyFile(dir);
    expect(again.created).toBe(false);
    expect(again.keyring.active()).toEqual(made.keyring.active());
    expect(readFileSync(keyFilePath(dir), 'utf8')).toBe(before);
  });

  it('reads nothing when absent, and tightens a readable key file to 0600', () => {
    const dir = tempDir();
    expect(readKeyFileKeyring(dir)).toBeUndefined();
    mkdirSync(dir, { recursive: true });
    createKeyFile(dir);
    chmodSync(keyFilePath(dir), 0o644);
    expect(readKeyFileKeyring(dir)!.ids()).toHaveLength(1);
    expect(statSync(keyFilePath(dir)).mode & 0o777).toBe(0o600);
  });
});
