/**
 * Backup and restore of a SQLite data directory as one tar.gz: a consistent copy of the database taken
 * with SQLite's online backup (the server may keep running and writing), the key file, and a manifest.
 * The database without its keys is unreadable, so they travel together; the archive is therefore as
 * secret as the key file and is written 0600.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import * as tar from 'tar';
import { keyFilePath } from '../crypto/keyring.ts';
import { ensurePrivateDir } from './data-dir.ts';

export const DATABASE_FILE = 'bifrost.db';
const KEY_FILE = basename(keyFilePath('.'));
const MANIFEST = 'manifest.json';
const FORMAT = 'bifrost-backup';
/** The only names an archive may hold: nothing else is ever extracted (no paths, no links). */
const ENTRIES: ReadonlySet<string> = new Set([MANIFEST, DATABASE_FILE, KEY_FILE]);

/** A backup or restore that cannot go ahead, with a message that says why and what to do. */
export class BackupError extends Error {}

export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
}

export interface Manifest {
  format: typeof FORMAT;
  version: 1;
  created_at: string;
  bifrost_version: string;
  files: string[];
}

export interface BackupResult {
  file: string;
  /** False when the keys come from configuration: the archive then holds the database only. */
  keyFile: boolean;
  bytes: number;
}

/**
 * Writes `<dataDir>/bifrost.db` (online backup) and `keys.json` into `file`. Written beside the target
 * and renamed at the end, so an interrupted backup never leaves a half archive under the asked name.
 */
export async function backupDataDir(options: { dataDir: string; file: string; version: string; onProgress?: (p: BackupProgress) => void }): Promise<BackupResult> {
  const database = join(options.dataDir, DATABASE_FILE);
  if (!existsSync(database)) throw new BackupError(`there is no database at ${database}; check --data-dir (or BIFROST_DATA_DIR)`);
  const target = resolve(options.file);
  if (!existsSync(dirname(target))) throw new BackupError(`the folder ${dirname(target)} does not exist; create it or choose another file`);
  if (existsSync(target) && statSync(target).isDirectory()) throw new BackupError(`${target} is a folder; give the archive's file name, e.g. ${join(target, 'bifrost-backup.tar.gz')}`);

  const work = mkdtempSync(join(tmpdir(), 'bifrost-backup-'));
  const partial = `${target}.partial-${process.pid}`;
  try {
    const source = new Database(database, { fileMustExist: true, readonly: true });
    try {
      await source.backup(join(work, DATABASE_FILE), {
        progress: (p) => {
          options.onProgress?.(p);
          return 100; // pages per step: small steps let a running server's writes in between
        },
      });
    } finally {
      source.close();
    }
    const keys = keyFilePath(options.dataDir);
    const keyFile = existsSync(keys);
    if (keyFile) writeFileSync(join(work, KEY_FILE), readFileSync(keys), { mode: 0o600 });
    const files = keyFile ? [DATABASE_FILE, KEY_FILE] : [DATABASE_FILE];
    const manifest: Manifest = { format: FORMAT, version: 1, created_at: new Date().toISOString(), bifrost_version: options.version, files };
    writeFileSync(join(work, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    closeSync(openSync(partial, 'w', 0o600));
    await tar.create({ gzip: true, file: partial, cwd: work, portable: true }, [MANIFEST, ...files]);
    chmodSync(partial, 0o600);
    renameSync(partial, target);
    return { file: target, keyFile, bytes: statSync(target).size };
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(partial, { force: true });
  }
}

/** Files in the data dir that a restore would replace or that hold state (not a leftover temp dir). */
function occupied(dataDir: string): string[] {
  if (!existsSync(dataDir)) return [];
  return readdirSync(dataDir).filter((name) => !name.startsWith('.restore-'));
}

export interface RestoreResult {
  manifest: Manifest;
  keyFile: boolean;
}

/** Reads and checks the archive into `work`; throws BackupError naming what is wrong. */
async function unpack(file: string, work: string): Promise<Manifest> {
  if (!existsSync(file)) throw new BackupError(`${file} does not exist`);
  const seen: string[] = [];
  try {
    await tar.list({ file, strict: true, onReadEntry: (entry) => void seen.push(entry.path) });
  } catch (err) {
    throw new BackupError(`${file} is not a Bifrost backup (not a readable tar.gz: ${(err as Error).message})`);
  }
  const foreign = seen.filter((name) => !ENTRIES.has(name));
  if (foreign.length > 0) throw new BackupError(`${file} is not a Bifrost backup: it holds ${foreign.slice(0, 3).join(', ')}, which a backup never does`);
  if (!seen.includes(MANIFEST) || !seen.includes(DATABASE_FILE)) throw new BackupError(`${file} is not a Bifrost backup: ${MANIFEST} or ${DATABASE_FILE} is missing`);
  await tar.extract({ file, cwd: work, strict: true, filter: (path) => ENTRIES.has(path) });
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(work, MANIFEST), 'utf8')) as Manifest;
  } catch {
    throw new BackupError(`${file} is not a Bifrost backup: its ${MANIFEST} does not parse`);
  }
  if (manifest.format !== FORMAT || manifest.version !== 1) throw new BackupError(`${file} is not a Bifrost backup this version can restore (format ${String(manifest.format)} ${String(manifest.version)})`);
  const db = new Database(join(work, DATABASE_FILE), { fileMustExist: true, readonly: true });
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`the database in ${file} is damaged (SQLite quick_check: ${String(check)})`);
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError(`the database in ${file} does not open: ${(err as Error).message}`);
  } finally {
    db.close();
  }
  return manifest;
}

/**
 * Puts the archive's database and key file into `dataDir`. Refuses a data dir that holds anything
 * unless `force`; then the old database (with its -wal and -shm, which belong to it and would corrupt
 * the restored one) and key file are replaced. Bifrost must not be running on that data dir.
 */
export async function restoreDataDir(options: { dataDir: string; file: string; force: boolean }): Promise<RestoreResult> {
  const dataDir = resolve(options.dataDir);
  if (!existsSync(options.file)) throw new BackupError(`${options.file} does not exist`);
  const present = occupied(dataDir);
  if (present.length > 0 && !options.force) {
    throw new BackupError(`the data dir ${dataDir} is not empty (it holds ${present.slice(0, 4).join(', ')}); stop Bifrost and pass --force to replace its database and keys, or restore into an empty --data-dir`);
  }
  if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  ensurePrivateDir(dataDir);
  // Unpacked inside the data dir so the final renames stay on one file system.
  const work = mkdtempSync(join(dataDir, '.restore-'));
  try {
    const manifest = await unpack(resolve(options.file), work);
    const database = join(dataDir, DATABASE_FILE);
    for (const stale of [`${database}-wal`, `${database}-shm`, `${database}-journal`]) rmSync(stale, { force: true });
    chmodSync(join(work, DATABASE_FILE), 0o600);
    renameSync(join(work, DATABASE_FILE), database);
    const keyFile = existsSync(join(work, KEY_FILE));
    if (keyFile) {
      chmodSync(join(work, KEY_FILE), 0o600);
      renameSync(join(work, KEY_FILE), keyFilePath(dataDir));
    }
    return { manifest, keyFile };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
