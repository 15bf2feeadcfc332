/**
 * Bifrost stands on its own: a clone has nothing beside it, so no tracked file may read or cite a
 * file outside the repository (the team's workspace folders, its specification documents), and every
 * requirement id (OA-n, AS-n, F-n), platform source key ([T8]) or docs/ page the files cite must be
 * defined in docs/. The last test feeds the scanner offending lines to prove it would catch them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

/** A line that reads or cites something outside the repository. */
const OUTSIDE: readonly RegExp[] = [
  /\.\.\/shared(?!\.[a-z]+\b)/, // not a sibling module such as cli/shared.ts
  /\bshared\/(seeds|reference|design|hooks)\b/,
  /['"]shared['"]\s*,\s*['"](seeds|reference|design|hooks)['"]/,
  /\breference\/(platforms|security-and-reliability|style-anchors)\.md/,
  /\b(security-and-reliability|style-anchors)\.md/,
  /\bplatforms\.md\s*§/,
  /\bseed 0\d+/i,
  /\bsecurity doc \d/i,
];
const REQUIREMENT_ID = /\b(?:OA|AS|F)-\d+\b/g;
const SOURCE_KEY = /\[([A-Z][A-Za-z]?\d+[a-z]?)\]/g;
const DOCS_PAGE = /\bdocs\/([a-z][a-z0-9-]*\.md)/g;

/** Folders that are never part of the product, for a copy without git metadata. */
const NOT_TRACKED = new Set(['node_modules', '.git', 'dist', 'data', 'test-artifacts']);
/** Third-party data, not ours to cite anything in. */
const SKIPPED = new Set(['package-lock.json']);

function walk(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const path = prefix ? `${prefix}/${e.name}` : e.name;
    if (NOT_TRACKED.has(e.name)) return [];
    if (e.isDirectory()) return walk(dir, path);
    return e.isFile() ? [path] : [];
  });
}

/** The tracked files (`git ls-files`), or a walk of the tree when this copy has no git metadata. */
function trackedFiles(): string[] {
  let files: string[] = [];
  try {
    files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  } catch {
    // no git, or not a repository: walk instead
  }
  if (files.length === 0) files = walk(ROOT); // e.g. an export placed inside another repository
  return files.filter((f) => !SKIPPED.has(f) && existsSync(join(ROOT, f)));
}

interface Line {
  file: string;
  n: number;
  text: string;
}

function textLines(files: readonly string[]): Line[] {
  return files.flatMap((file) => {
    const buf = readFileSync(join(ROOT, file));
    if (buf.includes(0)) return []; // binary
    return buf.toString('utf8').split('\n').map((text, i) => ({ file, n: i + 1, text }));
  });
}

/** Lines that point outside the repository. */
function outsideCitations(lines: readonly Line[]): string[] {
  return lines.filter((l) => OUTSIDE.some((re) => re.test(l.text))).map((l) => `${l.file}:${l.n}: ${l.text.trim()}`);
}

/** Matches of `re` whose key is not in `defined`, as "file:line: key". */
function undefinedCitations(lines: readonly Line[], re: RegExp, defined: ReadonlySet<string>): string[] {
  return lines.flatMap((l) => [...l.text.matchAll(re)].map((m) => m[1] ?? m[0]).filter((k) => !defined.has(k)).map((k) => `${l.file}:${l.n}: ${k}`));
}

/** The ids docs/security.md defines: one `### OA-7` heading each. */
function definedIds(securityMd: string): Set<string> {
  return new Set([...securityMd.matchAll(/^### ((?:OA|AS|F)-\d+)\s*$/gm)].map((m) => m[1]!));
}

/** The source keys docs/platforms.md defines: the keys on its source-list lines (`- [T8] https://…`). */
function definedSourceKeys(platformsMd: string): Set<string> {
  const listLines = platformsMd.split('\n').filter((l) => /^\s*-\s*\[[A-Z]/.test(l));
  return new Set(listLines.flatMap((l) => [...l.matchAll(SOURCE_KEY)].map((m) => m[1]!)));
}

const docs = (page: string) => readFileSync(join(ROOT, 'docs', page), 'utf8');

describe('the repository stands on its own', () => {
  const lines = textLines(trackedFiles());
  const ids = definedIds(docs('security.md'));
  const keys = definedSourceKeys(docs('platforms.md'));

  it('reads the tracked files and the definitions in docs/', () => {
    expect(lines.some((l) => l.file === 'src/runtime.ts')).toBe(true);
    expect(ids).toContain('OA-7');
    expect(ids.size).toBeGreaterThan(30);
    expect(keys).toContain('T8');
    expect(keys).toContain('K7g');
  });

  it('no tracked file reads or cites a file outside the repository', () => {
    expect(outsideCitations(lines)).toEqual([]);
  });

  it('every OA-n, AS-n and F-n cited is defined in docs/security.md', () => {
    expect(undefinedCitations(lines, REQUIREMENT_ID, ids)).toEqual([]);
  });

  it('every source key cited ([T8] …) is listed in docs/platforms.md', () => {
    expect(undefinedCitations(lines, SOURCE_KEY, keys)).toEqual([]);
  });

  it('every docs/ page cited exists', () => {
    const pages = new Set(readdirSync(join(ROOT, 'docs')));
    expect(undefinedCitations(lines, DOCS_PAGE, pages)).toEqual([]);
  });

  it('would catch each kind of citation (the scanner itself works)', () => {
    const line = (text: string): Line[] => [{ file: 'x.ts', n: 1, text }];
    const up = ['..', 'shared'].join('/');
    for (const text of [
      `export const P = join(dir, '${up}/seeds/000.txt');`,
      `join(import.meta.dirname, '..', '${['shared', "', '", 'seeds'].join('')}', '000.txt')`,
      `// see ${['reference', 'platforms.md'].join('/')}`,
      `// quirk of ${['platforms.md', '§5'].join(' ')}`,
      `// as ${['Seed', '004'].join(' ')} says`,
    ]) {
      expect(outsideCitations(line(text)), text).toHaveLength(1);
    }
    expect(outsideCitations(line("import { seedIntegration } from './testing/seed.ts';"))).toEqual([]);
    expect(outsideCitations(line("import { processIo } from '../shared.ts';"))).toEqual([]);
    // Built at run time, so this file's own lines cite nothing undefined.
    const [id, key, page] = [['OA', '99'].join('-'), `K${99}`, `${'missing'}.md`];
    expect(undefinedCitations(line(`// refused before the exchange (OA-7, ${id})`), REQUIREMENT_ID, ids)).toEqual([`x.ts:1: ${id}`]);
    expect(undefinedCitations(line('// UTF-8 and SHA-256 are not ids'), REQUIREMENT_ID, ids)).toEqual([]);
    expect(undefinedCitations(line(`// Kick answers OK [K1][${key}]`), SOURCE_KEY, keys)).toEqual([`x.ts:1: ${key}`]);
    expect(undefinedCitations(line(`// docs/${page}`), DOCS_PAGE, new Set(['security.md']))).toEqual([`x.ts:1: ${page}`]);
  });
});
