/**
 * The keyring: AES-256 keys with ids; the first is active (encrypts), all decrypt.
 * Keys come from config (`[encryption] keys` / BIFROST_ENCRYPTION_KEYS) or from `<data_dir>/keys.json`
 * (mode 0600). Whether a missing key file may be created is decided by the caller, who knows whether
 * the database already holds secrets (src/crypto/key-source.ts).
 */
import { chmodSync, existsSync, linkSync, readFileSync, renameSync, unlinkSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ensurePrivateDir } from '../store/data-dir.ts';

export interface KeyEntry {
  id: string;
  key: Buffer;
}

export interface Keyring {
  /** The key new ciphertexts are sealed with. */
  active(): KeyEntry;
  get(id: string): Buffer | undefined;
  ids(): string[];
  /** Where the keys come from: a file path, or CONFIG_KEY_SOURCE when given by configuration. */
  readonly source: string;
}

/** How messages name keys given by configuration rather than by a file. */
export const CONFIG_KEY_SOURCE = 'BIFROST_ENCRYPTION_KEYS / [encryption] keys';

export function createKeyring(entries: readonly KeyEntry[], source: string): Keyring {
  if (entries.length === 0) throw new Error('a keyring needs at least one key');
  const map = new Map(entries.map((e) => [e.id, e.key]));
  return {
    active: () => entries[0]!,
    get: (id) => map.get(id),
    ids: () => entries.map((e) => e.id),
    source,
  };
}

/** Parses `id:base64key` specs (validated by the config schema already). */
export function parseKeySpecs(specs: readonly string[]): KeyEntry[] {
  return specs.map((spec) => {
    const i = spec.indexOf(':');
    return { id: spec.slice(0, i).trim(), key: Buffer.from(spec.slice(i + 1).trim(), 'base64') };
  });
}

export function configKeyring(specs: readonly string[]): Keyring {
  return createKeyring(parseKeySpecs(specs), CONFIG_KEY_SOURCE);
}

export function generateKeySpec(id: string): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

interface KeyFile {
  /** Newest first; the first key is active. */
  keys: { id: string; key: string; created_at: string }[];
}

export function keyFilePath(dataDir: string): string {
  return join(dataDir, 'keys.json');
}

function readKeyFile(path: string): KeyFile {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as KeyFile;
  if (!Array.isArray(parsed.keys) || parsed.keys.length === 0) throw new Error(`${path} holds no keys`);
  return parsed;
}

function writeTemp(path: string, file: KeyFile): string {
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  return tmp;
}

function writeKeyFile(path: string, file: KeyFile): void {
  // Write-then-rename so an interrupted write never leaves a half key file.
  renameSync(writeTemp(path, file), path);
}

function fileKeyring(path: string): Keyring {
  const file = readKeyFile(path);
  return createKeyring(file.keys.map((k) => ({ id: k.id, key: Buffer.from(k.key, 'base64') })), path);
}

/** The key file's keyring, or undefined when there is no key file (its mode is tightened to 0600 if looser). */
export function readKeyFileKeyring(dataDir: string): Keyring | undefined {
  const path = keyFilePath(dataDir);
  if (!existsSync(path)) return undefined;
  if (statSync(path).mode & 0o077) chmodSync(path, 0o600);
  return fileKeyring(path);
}

/**
 * Creates the key file with one fresh key, unless another process created one meanwhile (then that
 * one is used): link() refuses an existing name, where rename() would replace a key already in use.
 */
export function createKeyFile(dataDir: string): { keyring: Keyring; created: boolean } {
  ensurePrivateDir(dataDir);
  const path = keyFilePath(dataDir);
  const tmp = writeTemp(path, { keys: [{ id: newKeyId([]), key: randomBytes(32).toString('base64'), created_at: new Date().toISOString() }] });
  let created = true;
  try {
    linkSync(tmp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    created = false;
  } finally {
    unlinkSync(tmp);
  }
  return { keyring: fileKeyring(path), created };
}

/** Adds a new active key to the key file and returns its id. */
export function rotateKeyFile(dataDir: string): string {
  const path = keyFilePath(dataDir);
  const file = readKeyFile(path);
  const next = newKeyId(file.keys.map((k) => k.id));
  file.keys.unshift({ id: next, key: randomBytes(32).toString('base64'), created_at: new Date().toISOString() });
  writeKeyFile(path, file);
  return next;
}

/** Removes a (non-active) key from the key file. Callers check first that no row uses it. */
export function removeFromKeyFile(dataDir: string, id: string): void {
  const path = keyFilePath(dataDir);
  const file = readKeyFile(path);
  if (file.keys[0]?.id === id) throw new Error(`key "${id}" is the active key; rotate first`);
  const keys = file.keys.filter((k) => k.id !== id);
  if (keys.length === file.keys.length) throw new Error(`no key "${id}" in ${path}`);
  writeKeyFile(path, { keys });
}

/**
 * A fresh key id: `k<n>-<48 random bits in hex>`, n one more than the highest `k<n>` or `k<n>-…` in
 * `existing`. The counter keeps ids readable in order; the random part makes sure a key generated
 * after a key file was lost never reuses a lost key's id, so rows sealed with the lost key are
 * reported as such instead of failing authentication under a different key of the same name.
 */
export function newKeyId(existing: readonly string[]): string {
  const max = existing.reduce((m, id) => {
    const match = /^k(\d+)(?:-|$)/.exec(id);
    return match ? Math.max(m, Number(match[1])) : m;
  }, 0);
  return `k${max + 1}-${randomBytes(6).toString('hex')}`;
}
