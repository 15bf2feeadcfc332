/**
 * SQLite's files are private to the owner. SQLite gives its -wal and -shm files the database file's
 * mode, so the database file is created 0600 before SQLite opens it (and the directory 0700 when
 * Bifrost creates it). Files found with a looser mode are tightened; the caller logs what was changed.
 */
import { chmodSync, closeSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensurePrivateDir } from './data-dir.ts';

function modeOf(path: string): number | undefined {
  try {
    return statSync(path).mode & 0o777;
  } catch {
    return undefined;
  }
}

/** Makes `file` exist with mode 0600; returns one warning per file whose mode had to be (or could not be) tightened. */
export function prepareSqliteFiles(file: string): string[] {
  ensurePrivateDir(dirname(file));
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const warnings: string[] = [];
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    const mode = modeOf(path);
    if (mode === undefined || (mode & 0o077) === 0) continue;
    const was = `0${mode.toString(8)}`;
    try {
      chmodSync(path, 0o600);
      warnings.push(`${path} was readable by others (mode ${was}); tightened to 0600`);
    } catch (err) {
      warnings.push(`${path} is readable by others (mode ${was}) and could not be tightened (${(err as NodeJS.ErrnoException).code ?? 'error'}); chmod 600 it`);
    }
  }
  return warnings;
}
