/**
 * The keyring: AES-256 keys with ids; the first is active (encrypts), all decrypt.
 * Keys come from config (`[encryption] keys` / BIFROST_ENCRYPTION_KEYS) or, when none is configured,
 * from `<data_dir>/keys.json`, created with mode 0600 on first start.
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface KeyEntry {
  id: string;
  key: Buffer;
}

export interface Keyring {
  /** The key new ciphertexts are sealed with. */
  active(): KeyEntry;
  get(id: string): Buffer | undefined;
  ids(): string[];
  /** Where the keys come from: a file path, or 'config' when given by configuration. */
  readonly source: string;
}

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

function writeKeyFile(path: string, file: KeyFile): void {
  // Write-then-rename so an interrupted write never leaves a half key file.
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

export interface KeyringLoad {
  keyring: Keyring;
  /** True when this call created the key file. */
  created: boolean;
}

/** Loads keys from config, else from the key file in the data dir (created on first run). */
export function loadKeyring(configKeys: readonly string[], dataDir: string): KeyringLoad {
  if (configKeys.length > 0) return { keyring: createKeyring(parseKeySpecs(configKeys), 'config'), created: false };
  const path = keyFilePath(dataDir);
  let created = false;
  if (!existsSync(path)) {
    writeKeyFile(path, { keys: [{ id: 'k1', key: randomBytes(32).toString('base64'), created_at: new Date().toISOString() }] });
    created = true;
  }
  const mode = statSync(path).mode & 0o777;
  if (mode & 0o077) chmodSync(path, 0o600);
  const file = readKeyFile(path);
  return {
    keyring: createKeyring(file.keys.map((k) => ({ id: k.id, key: Buffer.from(k.key, 'base64') })), path),
    created,
  };
}

/** Adds a new active key to the key file and returns its id. */
export function rotateKeyFile(dataDir: string): string {
  const path = keyFilePath(dataDir);
  const file = readKeyFile(path);
  const next = nextKeyId(file.keys.map((k) => k.id));
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

export function nextKeyId(existing: readonly string[]): string {
  const max = existing.reduce((m, id) => Math.max(m, /^k(\d+)$/.exec(id) ? Number(id.slice(1)) : 0), 0);
  return `k${max + 1}`;
}
