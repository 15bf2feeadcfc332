/**
 * Errors in one place: the README's error-code table and the status → code mapping REST and
 * GraphQL use for Fastify's own client errors both come from the registry (src/errors/codes/*.ts).
 * The checks are fed a stale table and a broken registry to prove they would notice.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { graphqlJs } from '../graphql/graphql-js.ts';
import { formatGraphqlErrors } from '../graphql/errors.ts';
import { README_FILE, errorTableProblems, renderErrorTable, withErrorTable } from '../../scripts/error-table.ts';
import type { CodeSpec } from './code-spec.ts';
import { codeForStatus, codes, statusDefaults } from './codes.ts';

const readme = readFileSync(README_FILE, 'utf8');

/** A client error as Fastify or Mercurius raises it: a status and nothing Bifrost-specific. */
function fastifyError(statusCode: number): Error {
  return Object.assign(new Error(`raised with ${statusCode}`), { statusCode });
}

/** What the GraphQL formatter answers for an error thrown before execution. */
function graphqlAnswer(error: Error) {
  const { response, statusCode } = formatGraphqlErrors({ errors: [new graphqlJs.GraphQLError(error.message, { originalError: error })] }, {});
  return { statusCode, extensions: response.errors[0]!.extensions };
}

describe("the README's error-code table", () => {
  it('lists every registry code with its status, retry flag and description, and nothing else (run npm run gen:errors)', () => {
    expect(errorTableProblems(readme, codes)).toEqual([]);
    expect(withErrorTable(readme, renderErrorTable(codes))).toBe(readme);
  });

  it('would notice a missing code, an extra row and a changed status (the check itself works)', () => {
    const registry: Record<string, CodeSpec> = {
      TEAPOT: { status: 418, retryable: false, description: 'Short and stout.' },
      KETTLE: { status: 409, retryable: true, description: 'Whistles | when done.' },
    };
    const table = (text: string) => `intro\n<!-- error-codes:start: written by \`npm run gen:errors\` from src/errors/codes/*.ts -->\n${text}\n<!-- error-codes:end -->\nrest\n`;
    const fresh = table(renderErrorTable(registry));
    expect(errorTableProblems(fresh, registry)).toEqual([]);
    expect(fresh).toContain('| `KETTLE` | 409 | yes | Whistles \\| when done. |');

    const missing = fresh.replace(/^\| `KETTLE`.*\n/m, '');
    expect(errorTableProblems(missing, registry)).toEqual(['KETTLE is in the registry but not in the README table']);
    const extra = fresh.replace('<!-- error-codes:end -->', '| `PAN` | 400 | no | Not a code. |\n<!-- error-codes:end -->');
    expect(errorTableProblems(extra, registry)).toEqual(['PAN is in the README table but not in the registry']);
    const changed = fresh.replace('| `TEAPOT` | 418 |', '| `TEAPOT` | 400 |');
    expect(errorTableProblems(changed, registry)).toEqual(['TEAPOT: the README row differs from the registry (status 418, Short and stout.)']);
    expect(errorTableProblems('no markers here', registry)).toHaveLength(1);
    expect(withErrorTable(missing, renderErrorTable(registry))).toBe(fresh);
  });
});

describe('status → code for errors that carry only a status', () => {
  const clientStatuses = [...new Set(Object.values(codes).map((spec: CodeSpec) => spec.status))].filter((s) => s >= 400 && s < 500);

  it('every client-error status the registry uses has exactly one default code of that status', () => {
    const defaults = statusDefaults(codes);
    for (const status of clientStatuses) {
      expect(defaults.get(status), `mark one code of status ${status} statusDefault`).toBeDefined();
      expect(codes[codeForStatus(status)].status).toBe(status);
    }
    expect([codeForStatus(409), codeForStatus(429)]).toEqual(['CONFLICT', 'RATE_LIMITED']);
    expect([codeForStatus(418), codeForStatus(599)]).toEqual(['BAD_REQUEST', 'INTERNAL']);
  });

  it('a registry with two defaults for one status is refused', () => {
    const twice = { A: { status: 409, retryable: false, description: 'a', statusDefault: true }, B: { status: 409, retryable: false, description: 'b', statusDefault: true } } as const;
    expect(() => statusDefaults(twice)).toThrow('error codes A and B are both the default of status 409');
  });

  it('the GraphQL formatter answers each such status with the registry code, 409 and 429 included', () => {
    for (const status of clientStatuses) {
      const code = codeForStatus(status);
      expect(graphqlAnswer(fastifyError(status)), String(status)).toEqual({ statusCode: status, extensions: { code, ...(codes[code].retryable ? { retryable: true } : {}) } });
    }
    expect(graphqlAnswer(fastifyError(409)).extensions?.code).toBe('CONFLICT');
    expect(graphqlAnswer(fastifyError(429)).extensions).toEqual({ code: 'RATE_LIMITED', retryable: true });
  });
});
