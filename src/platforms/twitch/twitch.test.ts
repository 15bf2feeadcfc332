// Contract tests: the Twitch adapter against the Twitch fake, one test per quirk in docs/platforms.md (Twitch).
import { describe, expect, it } from 'vitest';
import { connectWithFake, platformFailure, refreshModes } from '../testing.ts';
import { contractFixture } from '../fake/contract-fixture.ts';
import { startFake } from './fake.ts';
import { twitch } from './index.ts';

const REDIRECT = 'http://127.0.0.1:8080/v1/integrations/callback/twitch';

const failure = platformFailure;

describe('Twitch adapter against its fake', () => {
  const fx = contractFixture(startFake);
  const { rec, adapter } = fx;

  it('builds the authorize URL: id.twitch.tv, space-separated scopes, state, force_verify, no PKCE', () => {
    const a = twitch.createAdapter({ fetch, timeoutMs: 1000, baseUrls: twitch.defaultBaseUrls, now: Date.now });
    const params = { credentials: { clientId: 'cid' }, redirectUri: REDIRECT, scopes: ['user:read:chat', 'user:write:chat'], state: 'st4te', codeChallenge: 'ignored-challenge' };
    expect(a.authorizationUrl({ ...params, forceConsent: true })).toBe(
      'https://id.twitch.tv/oauth2/authorize?client_id=cid&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fv1%2Fintegrations%2Fcallback%2Ftwitch&response_type=code&scope=user%3Aread%3Achat+user%3Awrite%3Achat&state=st4te&force_verify=true',
    );
    const plain = new URL(a.authorizationUrl({ ...params, forceConsent: false }));
    expect(plain.searchParams.has('force_verify')).toBe(false);
    expect(plain.searchParams.has('code_challenge')).toBe(false);
    expect(plain.searchParams.get('scope')).toBe('user:read:chat user:write:chat');
  });

  it('exchanges a code: form body with the secret, scope array → list, lower-case bearer, ~4 h', async () => {
    const { tokens } = await connectWithFake(adapter(), fx.fake, { scopes: ['user:read:chat', 'user:read:email'], user: 'streamer_one' });
    expect(tokens.scopes).toEqual(['user:read:chat', 'user:read:email']);
    expect(tokens.tokenType).toBe('bearer');
    expect(tokens.expiresIn).toBe(14_400);
    expect(tokens.refreshToken).toMatch(/^[a-z0-9]{50}$/);
    const sent = rec.requests.find((r) => r.url.endsWith('/oauth2/token'))!;
    expect(sent.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(sent.body).get('client_secret')).toBe(fx.fake.credentials.clientSecret);
    expect(sent.url).not.toContain('secret');
    expect(fx.fake.counters.codeExchanges).toBe(1);
  });

  it('whoami reads Helix users with Bearer and Client-Id; ids are numeric strings', async () => {
    const { tokens } = await connectWithFake(adapter(), fx.fake, { user: 'streamer_one' });
    const me = await adapter().whoami({ credentials: fx.fake.credentials, accessToken: tokens.accessToken });
    expect(me).toEqual({ platformUserId: '12826', username: 'streamer_one', displayName: 'Streamer_One' });
    const sent = rec.requests.find((r) => r.url.endsWith('/helix/users'))!;
    expect(sent.headers.authorization).toBe(`Bearer ${tokens.accessToken}`);
    expect(sent.headers['client-id']).toBe(fx.fake.credentials.clientId);
    const noClientId = await fetch(`${fx.fake.baseUrls.api}/users`, { headers: { authorization: `Bearer ${tokens.accessToken}` } });
    expect(noClientId.status).toBe(401);
  });

  it('validates with the OAuth scheme (hourly duty); the fake refuses Bearer there', async () => {
    const { tokens } = await connectWithFake(adapter(), fx.fake, { scopes: ['user:read:chat'], user: 'twitchdev' });
    const v = await adapter().validate!({ credentials: fx.fake.credentials, accessToken: tokens.accessToken });
    expect(v).toEqual({ expiresIn: 14_400, scopes: ['user:read:chat'], platformUserId: '141981764', username: 'twitchdev' });
    expect(rec.requests.at(-1)!.headers.authorization).toBe(`OAuth ${tokens.accessToken}`);
    expect(twitch.capabilities.validate).toBe('hourly');
    const bearer = await fetch(`${fx.fake.baseUrls.oauth}/validate`, { headers: { authorization: `Bearer ${tokens.accessToken}` } });
    expect(bearer.status).toBe(401);
  });

  it('refresh (non-rotating by default) returns the same refresh token; a rotating fake gives a new one', async () => {
    const { tokens } = await connectWithFake(adapter(), fx.fake);
    const same = await adapter().refresh({ credentials: fx.fake.credentials, refreshToken: tokens.refreshToken! });
    expect(same.refreshToken).toBe(tokens.refreshToken);
    expect(same.refreshTokenRotated).toBe(false);
    expect(same.accessToken).not.toBe(tokens.accessToken);
    fx.fake.knobs.refreshMode = refreshModes.strict;
    const next = await adapter().refresh({ credentials: fx.fake.credentials, refreshToken: tokens.refreshToken! });
    expect(next.refreshTokenRotated).toBe(true);
    expect(next.refreshToken).not.toBe(tokens.refreshToken);
    expect(fx.fake.counters.refreshesByGrant[fx.fake.state.grantIdOf(tokens.refreshToken!)!]).toBe(2);
  });

  it('maps {status,message} errors: Invalid refresh token → invalid_grant, invalid client (secret) → invalid_client', async () => {
    const bad = await failure(adapter().refresh({ credentials: fx.fake.credentials, refreshToken: 'nope' }));
    expect([bad.kind, bad.oauthError, bad.httpStatus, bad.transient]).toEqual(['oauth', 'invalid_grant', 400, false]);
    const { tokens } = await connectWithFake(adapter(), fx.fake);
    const secret = await failure(adapter().refresh({ credentials: { clientId: fx.fake.credentials.clientId, clientSecret: 'wrong' }, refreshToken: tokens.refreshToken! }));
    expect([secret.oauthError, secret.httpStatus]).toEqual(['invalid_client', 403]);
    const client = await failure(adapter().refresh({ credentials: { clientId: 'who', clientSecret: 'x' }, refreshToken: tokens.refreshToken! }));
    expect([client.oauthError, client.httpStatus]).toEqual(['invalid_client', 400]);
  });

  it('a redirect_uri different from the authorize one is refused', async () => {
    const a = adapter();
    const url = a.authorizationUrl({ credentials: fx.fake.credentials, redirectUri: REDIRECT, scopes: ['user:read:chat'], state: 's', forceConsent: false });
    const code = new URL(fx.fake.approve(url)).searchParams.get('code')!;
    const err = await failure(a.exchangeCode({ credentials: fx.fake.credentials, code, redirectUri: 'http://127.0.0.1:8080/elsewhere' }));
    expect(err.oauthError).toBe('invalid_grant');
  });

  it('revoke posts client_id and token as a form; the token then fails validation', async () => {
    const { tokens } = await connectWithFake(adapter(), fx.fake);
    await adapter().revoke({ credentials: fx.fake.credentials, token: tokens.accessToken, kind: 'access' });
    const sent = rec.requests.find((r) => r.url.endsWith('/oauth2/revoke'))!;
    expect(Object.fromEntries(new URLSearchParams(sent.body))).toEqual({ client_id: fx.fake.credentials.clientId, token: tokens.accessToken });
    expect(fx.fake.counters.revocations).toBe(1);
    const dead = await failure(adapter().validate!({ credentials: fx.fake.credentials, accessToken: tokens.accessToken }));
    expect([dead.kind, dead.oauthError]).toEqual(['oauth', 'invalid_token']);
    // Refresh tokens cannot be revoked at Twitch: no call is made.
    await adapter().revoke({ credentials: fx.fake.credentials, token: tokens.refreshToken!, kind: 'refresh' });
    expect(fx.fake.counters.revocations).toBe(1);
  });

  it('caps live access tokens per refresh token (50 by default): the oldest stops working', async () => {
    fx.fake.knobs.accessTokenCap = { max: 2, onExceed: 'revoke_oldest' };
    const { tokens } = await connectWithFake(adapter(), fx.fake);
    await adapter().refresh({ credentials: fx.fake.credentials, refreshToken: tokens.refreshToken! });
    await adapter().refresh({ credentials: fx.fake.credentials, refreshToken: tokens.refreshToken! });
    const first = await failure(adapter().validate!({ credentials: fx.fake.credentials, accessToken: tokens.accessToken }));
    expect(first.oauthError).toBe('invalid_token');
  });

  it('the fake also takes token parameters from the query string, as Twitch does', async () => {
    const a = adapter();
    const url = a.authorizationUrl({ credentials: fx.fake.credentials, redirectUri: REDIRECT, scopes: [], state: 's', forceConsent: false });
    const code = new URL(fx.fake.approve(url)).searchParams.get('code')!;
    const q = new URLSearchParams({ client_id: fx.fake.credentials.clientId, client_secret: fx.fake.credentials.clientSecret, code, grant_type: 'authorization_code', redirect_uri: REDIRECT });
    const res = await fetch(`${fx.fake.baseUrls.oauth}/token?${q}`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect((await res.json()).scope).toEqual([]);
  });

  it('denial redirects with access_denied and the state', () => {
    const url = adapter().authorizationUrl({ credentials: fx.fake.credentials, redirectUri: REDIRECT, scopes: ['user:read:chat'], state: 'xyz', forceConsent: false });
    const back = new URL(fx.fake.deny(url));
    expect(Object.fromEntries(back.searchParams)).toEqual({ error: 'access_denied', error_description: 'The user denied you access', state: 'xyz' });
  });
});
