// Contract tests: the Trovo adapter against the Trovo fake, one test per quirk in docs/platforms.md (Trovo).
import { describe, expect, it } from 'vitest';
import { contractFixture } from '../fake/contract-fixture.ts';
import { adapterFor, connectWithFake, platformFailure as failure } from '../testing.ts';
import { startFake } from './fake.ts';
import { trovo } from './index.ts';

const REDIRECT = 'http://127.0.0.1:8080/v1/integrations/callback/trovo';

describe('Trovo adapter against its fake', () => {
  const fx = contractFixture(startFake);
  const { rec, adapter } = fx;

  it('builds the authorize URL: open.trovo.live login page, scopes joined by a literal +, state, no PKCE', () => {
    const a = trovo.createAdapter({ fetch, timeoutMs: 1000, baseUrls: trovo.defaultBaseUrls, now: Date.now });
    const url = a.authorizationUrl({ credentials: { clientId: 'cid' }, redirectUri: REDIRECT, scopes: ['user_details_self', 'chat_send_self', 'chat_connect'], state: 'st', codeChallenge: 'ignored', forceConsent: true });
    expect(url).toBe(
      'https://open.trovo.live/page/login.html?client_id=cid&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fv1%2Fintegrations%2Fcallback%2Ftrovo&response_type=code&state=st&scope=user_details_self+chat_send_self+chat_connect',
    );
  });

  it('exchanges with a JSON body and the Client-ID header; string expires_in; no scope in the answer', async () => {
    const { tokens } = await connectWithFake(adapter(), fx.fake, { scopes: ['user_details_self', 'chat_send_self'] });
    expect(tokens).toMatchObject({ expiresIn: 14_400, scopes: undefined, tokenType: 'OAuth' });
    const sent = rec.requests.find((r) => r.url.endsWith('/openplatform/exchangetoken'))!;
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.headers['client-id']).toBe(fx.fake.credentials.clientId);
    expect(JSON.parse(sent.body!)).toEqual({ grant_type: 'authorization_code', code: expect.any(String), redirect_uri: REDIRECT, client_secret: fx.fake.credentials.clientSecret });
    const raw = await fetch(`${fx.fake.baseUrls.api}/exchangetoken`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(await raw.json()).toMatchObject({ error: 'invalidHeader' });
  });

  it('validate gives the granted scopes (OAuth scheme + Client-ID); Bearer looks like a bad token', async () => {
    const { tokens } = await connectWithFake(adapter(), fx.fake, { scopes: ['user_details_self', 'chat_connect'], user: 'trovo_dev' });
    const v = await adapter().validate!({ credentials: fx.fake.credentials, accessToken: tokens.accessToken });
    expect(v).toEqual({ expiresIn: 14_400, scopes: ['user_details_self', 'chat_connect'], platformUserId: '100000021' });
    expect(rec.requests.at(-1)!.headers).toMatchObject({ authorization: `OAuth ${tokens.accessToken}`, 'client-id': fx.fake.credentials.clientId });
    const bearer = await fetch(`${fx.fake.baseUrls.api}/validate`, { headers: { authorization: `Bearer ${tokens.accessToken}`, 'client-id': fx.fake.credentials.clientId } });
    expect(await bearer.json()).toMatchObject({ error: 'invalidAccessToken' });
  });

  it('whoami reads camelCase getuserinfo; the channel id differs from the user id', async () => {
    const { tokens } = await connectWithFake(adapter(), fx.fake, { scopes: ['user_details_self'], user: 'streamer_one' });
    expect(await adapter().whoami({ credentials: fx.fake.credentials, accessToken: tokens.accessToken })).toEqual({ platformUserId: '100000022', username: 'streamer_one', displayName: 'StreamerOne', channelId: '100000032' });
  });

  it('refresh rotates to a new 30-day token while the old one keeps working until its expiry', async () => {
    const { tokens } = await connectWithFake(adapter(), fx.fake);
    const next = await adapter().refresh({ credentials: fx.fake.credentials, refreshToken: tokens.refreshToken! });
    expect(next.refreshTokenRotated).toBe(true);
    expect(rec.requests.at(-1)!.url).toMatch(/\/openplatform\/refreshtoken$/);
    expect((await adapter().refresh({ credentials: fx.fake.credentials, refreshToken: tokens.refreshToken! })).accessToken).toBeTruthy();
    fx.clock.advance(30 * 86_400_000 + 1000);
    expect((await failure(adapter().refresh({ credentials: fx.fake.credentials, refreshToken: tokens.refreshToken! }))).oauthError).toBe('invalid_grant');
  });

  it('refuses refresh beyond 50 live access tokens as a throttle, not as a dead grant', async () => {
    fx.fake.knobs.accessTokenCap = { max: 1, onExceed: 'refuse' };
    const { tokens } = await connectWithFake(adapter(), fx.fake);
    const err = await failure(adapter().refresh({ credentials: fx.fake.credentials, refreshToken: tokens.refreshToken! }));
    expect([err.kind, err.transient]).toEqual(['status', true]);
  });

  it('reads error envelopes on HTTP 4xx and on HTTP 200', async () => {
    const { tokens } = await connectWithFake(adapter(), fx.fake);
    const bad = () => failure(adapter().refresh({ credentials: fx.fake.credentials, refreshToken: 'f'.repeat(32) }));
    expect(await bad()).toMatchObject({ kind: 'oauth', oauthError: 'invalid_grant', httpStatus: 400 });
    fx.fake.knobs.errorsOnHttp200 = true;
    expect(await bad()).toMatchObject({ kind: 'oauth', oauthError: 'invalid_grant', httpStatus: 200 });
    const client = await failure(adapter().refresh({ credentials: { ...fx.fake.credentials, clientSecret: 'x' }, refreshToken: tokens.refreshToken! }));
    expect(client.oauthError).toBe('invalid_client');
    expect((await failure(adapter().whoami({ credentials: fx.fake.credentials, accessToken: 'dead' }))).oauthError).toBe('invalid_token');
  });

  it('a rate-limit envelope (status 11706) on HTTP 200 is a transient throttle', async () => {
    const stub = (async () => new Response(JSON.stringify({ status: 11706, error: 'rateLimitExceeded', message: 'API rate limit exceeded' }), { status: 200 })) as typeof fetch;
    const err = await failure(adapterFor(fx.fake, { fetch: stub }).refresh({ credentials: fx.fake.credentials, refreshToken: 'x' }));
    expect([err.kind, err.httpStatus, err.transient]).toEqual(['status', 429, true]);
  });

  it('revokes the access token with a JSON body; refresh tokens have no revoke (no call)', async () => {
    const { tokens } = await connectWithFake(adapter(), fx.fake);
    await adapter().revoke({ credentials: fx.fake.credentials, token: tokens.accessToken, kind: 'access' });
    expect(JSON.parse(rec.requests.at(-1)!.body!)).toEqual({ access_token: tokens.accessToken });
    expect((await failure(adapter().validate!({ credentials: fx.fake.credentials, accessToken: tokens.accessToken }))).oauthError).toBe('invalid_token');
    await adapter().revoke({ credentials: fx.fake.credentials, token: tokens.refreshToken!, kind: 'refresh' });
    expect(fx.fake.counters.revocations).toBe(1);
  });
});
