/** Test helpers: run a GraphQL operation through the real HTTP app (`inject`), and read the seed's examples. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from '../../http/app.ts';

export interface GqlResponse<T = Record<string, any>> {
  status: number;
  data: T | null;
  errors: { message: string; path?: (string | number)[]; extensions: { code: string; field?: string } }[] | undefined;
  body: string;
}

export async function gql<T = Record<string, any>>(
  app: App,
  headers: Record<string, string>,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GqlResponse<T>> {
  const res = await app.inject({ method: 'POST', url: '/graphql', headers, payload: variables ? { query, variables } : { query } });
  const json = res.body ? (JSON.parse(res.body) as { data?: T | null; errors?: GqlResponse['errors'] }) : {};
  return { status: res.statusCode, data: json.data ?? null, errors: json.errors, body: res.body };
}

/** The codes of a response's errors, in order. */
export function codesOf(res: Pick<GqlResponse, 'errors'>): string[] {
  return (res.errors ?? []).map((e) => e.extensions.code);
}

export interface SeedExample {
  /** The comment line above the block (e.g. "Get all integrations grouped by platform"). */
  title: string;
  text: string;
}

/** Seed 000 (the user's own document), read from the shared workspace beside the repository. */
export const SEED_PATH = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'seeds', '000_323b41970250592d.txt');

/** Every `query {…}` / `mutation {…}` block of the seed's "GraphQL" section, verbatim. */
export function seedExamples(text = readFileSync(SEED_PATH, 'utf8')): SeedExample[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === 'GraphQL');
  const end = lines.findIndex((l, i) => i > start && l.trim() === 'REST API');
  if (start < 0 || end < 0) throw new Error('seed 000 has no GraphQL … REST API section');
  const out: SeedExample[] = [];
  let title = '';
  for (let i = start + 1; i < end; i++) {
    const line = lines[i]!;
    if (line.startsWith('#')) title = line.replace(/^#\s*/, '');
    if (!/^(query|mutation)\s*\{/.test(line.trim())) continue;
    const block: string[] = [];
    let depth = 0;
    for (; i < end; i++) {
      const l = lines[i]!;
      block.push(l);
      depth += (l.match(/\{/g) ?? []).length - (l.match(/\}/g) ?? []).length;
      if (depth === 0) break;
    }
    out.push({ title, text: block.join('\n') });
  }
  return out;
}
