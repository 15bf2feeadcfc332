/** Test helpers for configuration: a bifrost.toml in a temp dir, and the problems a ConfigError lists. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './load.ts';

/** Writes `text` to a fresh bifrost.toml and returns its path. */
export function toml(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'bifrost-cfg-')), 'bifrost.toml');
  writeFileSync(path, text);
  return path;
}

/** The problems of the ConfigError `fn` throws (fails when it throws something else or nothing). */
export function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return [...err.problems];
    throw err;
  }
  throw new Error('expected a ConfigError');
}
