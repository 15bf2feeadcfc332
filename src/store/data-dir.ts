/** The data directory: created 0700 when Bifrost creates it; an existing one keeps the mode its owner chose. */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';

/** Creates `dir` (and missing parents) owner-only; returns true when this call created it. */
export function ensurePrivateDir(dir: string): boolean {
  if (existsSync(dir)) return false;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode is filtered by the umask; chmod makes the result exact.
  chmodSync(dir, 0o700);
  return true;
}
