/**
 * The dashboard's generated wire types (web/src/api/openapi.gen.ts) match the routes' zod schemas as
 * they are now: a route change without `npm run gen:api` fails here, not in a browser.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_TYPES_FILE, openApiDocument, renderApiTypes } from '../scripts/api-types.ts';

/** The first line where two texts differ, with its neighbours: a short, readable failure. */
function firstDifference(committed: string, fresh: string): string | null {
  const a = committed.split('\n');
  const b = fresh.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}: committed ${JSON.stringify(a[i] ?? '(end of file)')}, generated ${JSON.stringify(b[i] ?? '(end of file)')}`;
  }
  return null;
}

describe('generated API types', () => {
  let fresh: string;
  beforeAll(async () => {
    fresh = await renderApiTypes(await openApiDocument());
  });

  it('web/src/api/openapi.gen.ts is what `npm run gen:api` writes today', () => {
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    expect(firstDifference(committed, fresh), 'stale generated types: run npm run gen:api and commit the result').toBeNull();
  });

  it('would notice a stale file (the comparison itself works)', () => {
    expect(firstDifference('a\nb\n', 'a\nb\n')).toBeNull();
    expect(firstDifference('a\nb\n', 'a\nc\n')).toBe('line 2: committed "b", generated "c"');
    expect(firstDifference('a', 'a\nb')).toBe('line 2: committed "(end of file)", generated "b"');
  });

  it('describes the routes the dashboard reads, with typed answers', () => {
    for (const path of ['/v1/platforms', '/v1/integrations', '/v1/me', '/v1/tools', '/v1/audit-logs']) expect(fresh).toContain(`"${path}": {`);
    expect(fresh).toMatch(/brand_color: string;/);
    expect(fresh).toMatch(/verified_bots: boolean;/);
  });
});
