/**
 * The token capabilities' layering: each folder imports only the foundation and the folders below it
 * (tokens < integrations < push < health < refresh < consumers < worker), never the runtime or the
 * transport above it (not even a type), and holds no per-runtime state at module level — services
 * created by src/runtime.ts own it. A violation names the file and the import or line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');
/** Lowest first: a folder may import the ones before it. */
const ORDER = ['tokens', 'integrations', 'push', 'health', 'refresh', 'consumers', 'worker'];
/** The folders this test holds to every rule (integrations' other rules are its own). */
const STRICT = ['tokens', 'push', 'health', 'refresh', 'consumers', 'worker'];
const ABOVE_CAPABILITIES = ['runtime.ts', 'http', 'graphql', 'cli'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The top-level entry under src/ (a folder or a file) that each relative import of a file names. */
function importedEntries(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  return specs.map((spec) => relative(SRC, resolve(dirname(file), spec)).split('/')[0]!);
}

/** Why a file in `folder` may not import `entry` (a top-level entry of src/), if it may not. */
function ruleBroken(folder: string, entry: string): string | undefined {
  if (ORDER.indexOf(entry) > ORDER.indexOf(folder)) return 'a capability above it';
  if (STRICT.includes(folder) && ABOVE_CAPABILITIES.includes(entry)) return 'the transport or the runtime';
  return undefined;
}

/** Module-level mutable state: a top-level `let`, or a top-level Map, WeakMap or WeakSet. */
function isModuleState(line: string): boolean {
  return /^(export )?let /.test(line) || /^(export )?const \w+(: [^=]+)? = new (Map|WeakMap|WeakSet)\b/.test(line);
}

function violations(): string[] {
  const found: string[] = [];
  for (const folder of ORDER) {
    for (const file of sourceFiles(join(SRC, folder))) {
      for (const entry of importedEntries(file)) {
        const why = ruleBroken(folder, entry);
        if (why) found.push(`${relative(ROOT, file)} imports src/${entry}: ${why}`);
      }
    }
  }
  return found;
}

function moduleState(): string[] {
  const found: string[] = [];
  for (const folder of STRICT) {
    for (const file of sourceFiles(join(SRC, folder))) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (isModuleState(line)) found.push(`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
        });
    }
  }
  return found;
}

describe('token capabilities', () => {
  it('import only the folders below them, and nothing of the runtime or the transport', () => {
    expect(violations()).toEqual([]);
  });

  it('keep no per-runtime state at module level', () => {
    expect(moduleState()).toEqual([]);
  });

  it('would notice a breach (the checks themselves work)', () => {
    expect(importedEntries(join(SRC, 'worker', 'worker.ts'))).toContain('refresh');
    expect(ruleBroken('worker', 'refresh')).toBeUndefined();
    expect(ruleBroken('refresh', 'consumers')).toBe('a capability above it');
    expect(ruleBroken('integrations', 'health')).toBe('a capability above it');
    expect(ruleBroken('push', 'runtime.ts')).toBe('the transport or the runtime');
    expect(ruleBroken('consumers', 'http')).toBe('the transport or the runtime');
    expect(isModuleState('const caches = new WeakMap<Runtime, Cache>();')).toBe(true);
    expect(isModuleState('let timer: NodeJS.Timeout | undefined;')).toBe(true);
    expect(isModuleState("const FORCED: ReadonlySet<string> = new Set(['manual']);")).toBe(false);
    expect(isModuleState('  const cache = new Map<string, number>();')).toBe(false);
  });
});
