// Strict token-response parsing (OA-12): 10,000 generated malformed answers give a typed error, never a crash.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlatformError } from '../errors.ts';
import { MAX_TOKEN_LIFETIME_SECONDS, parseRefreshResponse, parseTokenResponse } from './token-response.ts';

const ctx = { platform: 'twitch', name: 'Twitch' } as const;
const DEFAULT_LIFETIME = 3600;

function outcome(body: unknown): 'ok' | 'body' | 'crash' {
  try {
    const t = parseTokenResponse(ctx, body, DEFAULT_LIFETIME);
    const sane =
      typeof t.accessToken === 'string' && t.accessToken.length > 0 && Number.isInteger(t.expiresIn) && t.expiresIn > 0 && t.expiresIn <= MAX_TOKEN_LIFETIME_SECONDS && typeof t.tokenType === 'string';
    return sane ? 'ok' : 'crash';
  } catch (err) {
    return isPlatformError(err) && err.kind === 'body' && err.transient ? 'body' : 'crash';
  }
}

const goodToken = fc.stringMatching(/^[A-Za-z0-9._~+/=-]{1,64}$/);
const goodExpires = fc.oneof(fc.integer({ min: 1, max: MAX_TOKEN_LIFETIME_SECONDS }), fc.integer({ min: 1, max: 100_000 }).map(String));
const valid = fc.record(
  { access_token: goodToken, expires_in: goodExpires, refresh_token: goodToken, scope: fc.oneof(fc.array(fc.stringMatching(/^[a-z:_]{1,20}$/)), fc.constant('a b')), token_type: fc.constantFrom('bearer', 'Bearer', 'OAuth') },
  { requiredKeys: ['access_token'] },
);

const notAnObject = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.anything()));
const badAccessToken = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(''),
  fc.integer(),
  fc.boolean(),
  fc.array(fc.string()),
  fc.object(),
  fc.string({ minLength: 1 }).map((s) => `${s} ${s}`),
  fc.string({ minLength: 8193, maxLength: 8200 }),
);
const badExpires = fc.oneof(
  fc.integer({ max: 0 }),
  fc.integer({ min: MAX_TOKEN_LIFETIME_SECONDS + 1 }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.5, -1, '-1', '', '  ', '3600s', '1e5', 'soon', '0', `${MAX_TOKEN_LIFETIME_SECONDS + 1}`),
  fc.boolean(),
  fc.array(fc.integer()),
  fc.object(),
  fc.string().filter((s) => !/^\s*\d{1,12}(\.\d+)?\s*$/.test(s)),
);
const badScope = fc.oneof(fc.integer(), fc.boolean(), fc.object(), fc.array(fc.oneof(fc.integer(), fc.constant(null), fc.object()), { minLength: 1 }).filter((a) => a.some((x) => typeof x !== 'string')));
const badOptionalToken = fc.oneof(fc.integer(), fc.boolean(), fc.object(), fc.array(fc.string()));

const malformed = fc.oneof(
  notAnObject,
  valid.chain((v) => badAccessToken.map((access_token) => ({ ...v, access_token }))),
  valid.chain((v) => badExpires.map((expires_in) => ({ ...v, expires_in }))),
  valid.chain((v) => badScope.map((scope) => ({ ...v, scope }))),
  valid.chain((v) => badOptionalToken.map((refresh_token) => ({ ...v, refresh_token }))),
  valid.chain((v) => badOptionalToken.map((token_type) => ({ ...v, token_type }))),
);

describe('parseTokenResponse', () => {
  it('10,000 malformed token answers → PlatformError body (transient), never a crash', () => {
    fc.assert(
      fc.property(malformed, (body) => outcome(body) === 'body'),
      { numRuns: 10_000 },
    );
  });

  it('arbitrary JSON values either parse sanely or fail typed', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (body) => outcome(body) !== 'crash'),
      { numRuns: 2_000 },
    );
  });

  it('well-formed answers parse', () => {
    fc.assert(
      fc.property(valid, (body) => outcome(body) === 'ok'),
      { numRuns: 1_000 },
    );
  });

  it('tolerates the documented variants: string expires_in, [""] scopes, space-string scopes, missing expires_in', () => {
    expect(parseTokenResponse(ctx, { access_token: 'a', expires_in: '14400' }, DEFAULT_LIFETIME).expiresIn).toBe(14_400);
    expect(parseTokenResponse(ctx, { access_token: 'a', scope: [''] }, DEFAULT_LIFETIME).scopes).toEqual([]);
    expect(parseTokenResponse(ctx, { access_token: 'a', scope: 'x y  z' }, DEFAULT_LIFETIME).scopes).toEqual(['x', 'y', 'z']);
    expect(parseTokenResponse(ctx, { access_token: 'a', refresh_token: '' }, DEFAULT_LIFETIME)).toEqual({ accessToken: 'a', refreshToken: undefined, expiresIn: DEFAULT_LIFETIME, scopes: undefined, tokenType: 'bearer' });
  });

  it('a refresh answer without refresh_token keeps the old one; with one, reports the rotation', () => {
    fc.assert(
      fc.property(valid, goodToken, (body, old) => {
        const { refresh_token: _dropped, ...without } = body;
        const kept = parseRefreshResponse(ctx, without, DEFAULT_LIFETIME, old);
        if (kept.refreshToken !== old || kept.refreshTokenRotated !== false) return false;
        const withNew = parseRefreshResponse(ctx, { ...without, refresh_token: `${old}n` }, DEFAULT_LIFETIME, old);
        return withNew.refreshToken === `${old}n` && withNew.refreshTokenRotated === true;
      }),
      { numRuns: 1_000 },
    );
  });
});
