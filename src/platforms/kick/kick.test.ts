// Contract tests: the Kick adapter against the Kick fake, one test per quirk in docs/platforms.md (Kick).
import { describe, expect, it } from 'vitest';
import { contractFixture } from '../fake/contract-fixture.ts';
import { createPkcePair } from '../oauth/pkce.ts';
import { connectWithFake, platformFailure as failure, refreshModes } from '../testing.ts';
import { startFake } from './fake.ts';
import { kick } from './index.ts';

const REDIRECT = 'http://127.0.0.1:8080/v1/integrations/callback/kick';

describe('Kick adapter against its fake', () => {
  const fx = contractFixture(startFake);
  const { rec, adapter } = fx;

  it('builds the authorize URL: PKCE S256 and state required, chat:read/subscribers:read requested as events:subscribe, loopback guard first', () => {
    const a = kick.createAdapter({ fetch, timeoutMs: 1000, baseUrls: kick.defaultBaseUrls, now: Date.now });
    const url = a.authorizationUrl({ credentials: { clientId: 'cid' }, redirectUri: REDIRECT, scopes: ['user:read', 'chat:read', 'subscribers:read', 'chat:write'], state: 'st', codeChallenge: 'CHALLENGE', forceConsent: true });
    expect(url).toBe(
      'https://id.kick.com/oauth/authorize?loopback=127.0.0.1&client_id=cid&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fv1%2Fintegrations%2Fcallback%2Fkick&response_type=code' +
        '&scope=user%3Aread+events%3Asubscribe+chat%3Awrite&state=st&code_challenge=CHALLENGE&code_challenge_method=S256',
    );
    const https = a.authorizationUrl({ credentials: { clientId: 'cid' }, redirectUri: 'https://bifrost.example.com/cb', scopes: ['user:read'], state: 'st', codeChallenge: 'C', forceConsent: false });
    expect(new URL(https).searchParams.has('loopback')).toBe(false);
    expect(() => a.authorizationUrl({ credentials: { clientId: 'cid' }, redirectUri: REDIRECT, scopes: [], state: 'st', forceConsent: false })).toThrow(/PKCE/);
  });

  it('the loopback guard defeats the front end rewriting the first 127.0.0.1 to localhost', async () => {
    fx.fake.knobs.loopbackRewriteBug = true;
    const { tokens } = await connectWithFake(adapter(), fx.fake, { scopes: ['user:read'] });
    expect(tokens.accessToken).toBeTruthy();
    // Without the guard the redirect URI becomes localhost and the exchange no longer matches.
    const a = adapter();
    const pkce = createPkcePair();
    const bare = a.authorizationUrl({ credentials: fx.fake.credentials, redirectUri: REDIRECT, scopes: ['user:read'], state: 's', codeChallenge: pkce.challenge, forceConsent: false }).replace('loopback=127.0.0.1&', '');
    const redirect = fx.fake.approve(bare);
    expect(redirect.startsWith('http://localhost:8080/')).toBe(true);
    const code = new URL(redirect).searchParams.get('code')!;
    expect((await failure(a.exchangeCode({ credentials: fx.fake.credentials, code, redirectUri: REDIRECT, codeVerifier: pkce.verifier }))).oauthError).toBe('invalid_grant');
  });

  it('exchanges with code_verifier and client secret (form); scope string, Bearer, 2 h', async () => {
    const { tokens, codeVerifier } = await connectWithFake(adapter(), fx.fake, { scopes: ['user:read', 'chat:write'] });
    expect(tokens).toMatchObject({ scopes: ['user:read', 'chat:write'], tokenType: 'Bearer', expiresIn: 7200 });
    const sent = new URLSearchParams(rec.requests.find((r) => r.url.endsWith('/oauth/token'))!.body);
    expect([sent.get('code_verifier'), sent.get('client_secret')]).toEqual([codeVerifier, fx.fake.credentials.clientSecret]);
  });

  it('requires the PKCE verifier at the token endpoint', async () => {
    const a = adapter();
    const pkce = createPkcePair();
    const url = a.authorizationUrl({ credentials: fx.fake.credentials, redirectUri: REDIRECT, scopes: ['user:read'], state: 's', codeChallenge: pkce.challenge, forceConsent: false });
    const code = new URL(fx.fake.approve(url)).searchParams.get('code')!;
    expect((await failure(a.exchangeCode({ credentials: fx.fake.credentials, code, redirectUri: REDIRECT }))).oauthError).toBe('invalid_request');
  });

  it('refresh rotates; the old token works within the grace window, not after it', async () => {
    const { tokens } = await connectWithFake(adapter(), fx.fake);
    const first = await adapter().refresh({ credentials: fx.fake.credentials, refreshToken: tokens.refreshToken! });
    expect(first.refreshTokenRotated).toBe(true);
    expect(first.refreshToken).not.toBe(tokens.refreshToken);
    fx.clock.advance(30_000);
    const again = await adapter().refresh({ credentials: fx.fake.credentials, refreshToken: tokens.refreshToken! });
    fx.clock.advance(61_000);
    expect((await failure(adapter().refresh({ credentials: fx.fake.credentials, refreshToken: first.refreshToken! }))).oauthError).toBe('invalid_grant');
    expect((await adapter().refresh({ credentials: fx.fake.credentials, refreshToken: again.refreshToken! })).accessToken).toBeTruthy();
    expect(fx.fake.counters.reuseDetections).toBe(0);
  });

  it('refuses an authorize request without state; refresh tokens die 30 days after issue (user report)', async () => {
    const a = adapter();
    const url = a.authorizationUrl({ credentials: fx.fake.credentials, redirectUri: REDIRECT, scopes: ['user:read'], state: 'x', codeChallenge: createPkcePair().challenge, forceConsent: false });
    expect(() => fx.fake.approve(url.replace('&state=x', ''))).toThrow(/missing state/);
    const { tokens } = await connectWithFake(a, fx.fake);
    fx.clock.advance(30 * 86_400_000 + 1000);
    expect((await failure(a.refresh({ credentials: fx.fake.credentials, refreshToken: tokens.refreshToken! }))).oauthError).toBe('invalid_grant');
  });

  it('under strict rotation a reused refresh token revokes the whole grant', async () => {
    fx.fake.knobs.refreshMode = refreshModes.strict;
    const { tokens } = await connectWithFake(adapter(), fx.fake);
    const next = await adapter().refresh({ credentials: fx.fake.credentials, refreshToken: tokens.refreshToken! });
    expect((await failure(adapter().refresh({ credentials: fx.fake.credentials, refreshToken: tokens.refreshToken! }))).oauthError).toBe('invalid_grant');
    expect(fx.fake.counters.reuseDetections).toBe(1);
    expect((await failure(adapter().refresh({ credentials: fx.fake.credentials, refreshToken: next.refreshToken! }))).oauthError).toBe('invalid_grant');
  });

  it('revokes with token and token_hint_type in the query string; a failure never shows the URL', async () => {
    const { tokens } = await connectWithFake(adapter(), fx.fake);
    await adapter().revoke({ credentials: fx.fake.credentials, token: tokens.refreshToken!, kind: 'refresh' });
    const sent = rec.requests.at(-1)!;
    const url = new URL(sent.url);
    expect([url.pathname, url.searchParams.get('token'), url.searchParams.get('token_hint_type'), sent.body]).toEqual(['/oauth/revoke', tokens.refreshToken, 'refresh_token', '']);
    expect((await failure(adapter().validate!({ credentials: fx.fake.credentials, accessToken: tokens.accessToken }))).oauthError).toBe('invalid_token');
    fx.fake.knobs.faultEndpoints = ['revoke'];
    fx.fake.knobs.forceStatus = 500;
    const err = await failure(adapter().revoke({ credentials: fx.fake.credentials, token: 'SECRET-TOKEN-VALUE', kind: 'access' }));
    expect(err.kind).toBe('status');
    expect(JSON.stringify({ message: err.message, cause: String(err.cause), details: err.details })).not.toContain('SECRET-TOKEN-VALUE');
  });

  it('introspects with Bearer: scopes and expiry from the {data, message} envelope; inactive → invalid_token', async () => {
    const { tokens } = await connectWithFake(adapter(), fx.fake, { scopes: ['user:read', 'channel:read'] });
    expect(await adapter().validate!({ credentials: fx.fake.credentials, accessToken: tokens.accessToken })).toEqual({ expiresIn: 7200, scopes: ['user:read', 'channel:read'] });
    expect(rec.requests.at(-1)!.headers.authorization).toBe(`Bearer ${tokens.accessToken}`);
    expect((await failure(adapter().validate!({ credentials: fx.fake.credentials, accessToken: 'NOPE' }))).oauthError).toBe('invalid_token');
  });

  it('whoami turns the integer user_id into a string id', async () => {
    const { tokens } = await connectWithFake(adapter(), fx.fake, { user: 'Scorfly', scopes: ['user:read'] });
    expect(await adapter().whoami({ credentials: fx.fake.credentials, accessToken: tokens.accessToken })).toEqual({ platformUserId: '123456', username: 'Scorfly', displayName: 'Scorfly' });
    expect((await failure(adapter().whoami({ credentials: fx.fake.credentials, accessToken: 'NOPE' }))).oauthError).toBe('invalid_token');
  });

  it('normalises the three error shapes', async () => {
    const { tokens } = await connectWithFake(adapter(), fx.fake);
    const refresh = () => failure(adapter().refresh({ credentials: fx.fake.credentials, refreshToken: `${tokens.refreshToken}x` }));
    expect((await refresh()).oauthError).toBe('invalid_grant');
    fx.fake.knobs.errorShape = 'message';
    expect((await refresh()).oauthError).toBe('invalid_grant');
    fx.fake.knobs.errorShape = 'docs';
    expect((await refresh()).oauthError).toBe('invalid_request');
    fx.fake.knobs.errorShape = 'message';
    const client = await failure(adapter().refresh({ credentials: { ...fx.fake.credentials, clientSecret: 'x' }, refreshToken: tokens.refreshToken! }));
    expect([client.oauthError, client.httpStatus]).toEqual(['invalid_client', 401]);
  });

  it('tolerates a missing client secret locally (a public client); the fx.fake, like Kick [K1], refuses it', async () => {
    expect(kick.capabilities.requiresClientSecret).toBe(false);
    const { tokens } = await connectWithFake(adapter(), fx.fake);
    const err = await failure(adapter().refresh({ credentials: { clientId: fx.fake.credentials.clientId }, refreshToken: tokens.refreshToken! }));
    expect(err.oauthError).toBe('invalid_client');
    expect(fx.fake.counters.tokenCalls).toBe(2);
    fx.fake.knobs.requireClientSecret = false;
    expect((await adapter().refresh({ credentials: { clientId: fx.fake.credentials.clientId }, refreshToken: tokens.refreshToken! })).accessToken).toBeTruthy();
  });
});
