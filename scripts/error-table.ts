/**
 * The README's "Error codes" table, rendered from the error-code registry (src/errors/codes/*.ts)
 * between two markers: `npm run gen:errors` writes it, src/errors/registry.test.ts checks it.
 */
import { fileURLToPath } from 'node:url';
import type { CodeSpec } from '../src/errors/code-spec.ts';

export const README_FILE = fileURLToPath(new URL('../README.md', import.meta.url));
export const TABLE_START = '<!-- error-codes:start: written by `npm run gen:errors` from src/errors/codes/*.ts -->';
export const TABLE_END = '<!-- error-codes:end -->';

const HEAD = ['| `error.code` | status | retry | meaning |', '|---|---|---|---|'];

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** The table of every code, in registry order. */
export function renderErrorTable(registry: Readonly<Record<string, CodeSpec>>): string {
  const rows = Object.entries(registry).map(([code, spec]) => `| \`${code}\` | ${spec.status} | ${spec.retryable ? 'yes' : 'no'} | ${cell(spec.description)} |`);
  return [...HEAD, ...rows].join('\n');
}

/** Where the table sits in the README (the text between the markers), or undefined without markers. */
function bounds(readme: string): { from: number; to: number } | undefined {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END, start);
  return start === -1 || end === -1 ? undefined : { from: start + TABLE_START.length, to: end };
}

/** The README with the table between the markers replaced by `table`. */
export function withErrorTable(readme: string, table: string): string {
  const at = bounds(readme);
  if (!at) throw new Error(`README.md has no ${TABLE_START} … ${TABLE_END} markers under "Errors"`);
  return `${readme.slice(0, at.from)}\n${table}\n${readme.slice(at.to)}`;
}

/**
 * What the README's table gets wrong against the registry, one line each: a code missing, a row
 * that is no registry code, a status, retry flag or description that differs. Empty when it matches.
 */
export function errorTableProblems(readme: string, registry: Readonly<Record<string, CodeSpec>>): string[] {
  const at = bounds(readme);
  if (!at) return [`README.md has no ${TABLE_START} … ${TABLE_END} markers`];
  const documented = new Map<string, string>();
  for (const line of readme.slice(at.from, at.to).split('\n')) {
    const code = /^\| `([A-Z0-9_]+)` \|/.exec(line)?.[1];
    if (code) documented.set(code, line);
  }
  const problems: string[] = [];
  for (const [code, spec] of Object.entries(registry)) {
    const line = documented.get(code);
    if (!line) problems.push(`${code} is in the registry but not in the README table`);
    else if (line !== renderErrorTable({ [code]: spec }).split('\n').at(-1)) problems.push(`${code}: the README row differs from the registry (status ${spec.status}, ${spec.description})`);
  }
  for (const code of documented.keys()) if (!Object.hasOwn(registry, code)) problems.push(`${code} is in the README table but not in the registry`);
  return problems;
}
