/**
 * @bifrost/client's generated files (packages/client/src/generated/) match Bifrost as it is now: a route
 * or error-code change without `npm run gen:api` fails here, not in a bot developer's build.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_CODES_FILE, CLIENT_TYPES_FILE, openApiDocument, renderClientCodes, renderClientTypes } from '../../scripts/api-types.ts';
import { codes } from '../../src/errors/codes.ts';

function firstDifference(committed: string, fresh: string): string | null {
  const a = committed.split('\n');
  const b = fresh.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}: committed ${JSON.stringify(a[i] ?? '(end of file)')}, generated ${JSON.stringify(b[i] ?? '(end of file)')}`;
  }
  return null;
}

describe('@bifrost/client generated files', () => {
  let freshTypes: string;
  beforeAll(async () => {
    freshTypes = await renderClientTypes(await openApiDocument());
  });

  it('generated/openapi.ts is what `npm run gen:api` writes today', () => {
    expect(firstDifference(readFileSync(CLIENT_TYPES_FILE, 'utf8'), freshTypes), 'stale client types: run npm run gen:api and commit the result').toBeNull();
  });

  it('generated/error-codes.ts lists every code of the registry with its status', () => {
    expect(firstDifference(readFileSync(CLIENT_CODES_FILE, 'utf8'), renderClientCodes(codes)), 'stale client error codes: run npm run gen:api and commit the result').toBeNull();
  });

  it('covers the routes the client calls', () => {
    for (const path of ['/internal/integrations/{id}/token', '/internal/integrations/{id}/token/invalid', '/internal/platforms/{slug}/bot', '/v1/chat/{platform}/messages', '/v1/moderation/{platform}/bans', '/v1/events/history']) {
      expect(freshTypes).toContain(`"${path}": {`);
    }
  });

  it('would notice a stale file (the comparison works, and a changed registry changes the codes file)', () => {
    expect(firstDifference('a\nb\n', 'a\nc\n')).toBe('line 2: committed "b", generated "c"');
    const changed = renderClientCodes({ ...codes, BRAND_NEW_CODE: { status: 418, retryable: false } });
    expect(firstDifference(readFileSync(CLIENT_CODES_FILE, 'utf8'), changed)).not.toBeNull();
  });
});
