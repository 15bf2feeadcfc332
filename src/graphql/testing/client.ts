/** Test helpers: run a GraphQL operation through the real HTTP app (`inject`), and read the documented examples. */
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

export interface DocumentedExample {
  /** The comment line above the block (e.g. "Get all integrations grouped by platform"). */
  title: string;
  text: string;
}

/** The documented GraphQL examples, kept verbatim in the repository as a fixture. */
const EXAMPLES_PATH = join(import.meta.dirname, 'documented-examples.graphql');

/** Every `query {…}` / `mutation {…}` block of the examples, verbatim, titled by the `#` line above it. */
export function documentedExamples(text = readFileSync(EXAMPLES_PATH, 'utf8')): DocumentedExample[] {
  const lines = text.split(/\r?\n/);
  const out: DocumentedExample[] = [];
  let title = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('#')) title = line.replace(/^#\s*/, '');
    if (!/^(query|mutation)\s*\{/.test(line.trim())) continue;
    const block: string[] = [];
    let depth = 0;
    for (; i < lines.length; i++) {
      const l = lines[i]!;
      block.push(l);
      depth += (l.match(/\{/g) ?? []).length - (l.match(/\}/g) ?? []).length;
      if (depth === 0) break;
    }
    out.push({ title, text: block.join('\n') });
  }
  return out;
}
