// Contract tests: the YouTube adapter against the Google/YouTube fake, one test per quirk in docs/platforms.md (YouTube).
import { describe, expect, it } from 'vitest';
import { contractFixture } from '../fake/contract-fixture.ts';
import { codeChallengeS256, createPkcePair } from '../oauth/pkce.ts';
import { connectWithFake, platformFailure as failure } from '../testing.ts';
import { startFake } from './fake.ts';
import { youtube } from './index.ts';

const REDIRECT = 'http://127.0.0.1:8080/v1/integrations/callback/youtube';
const FORCE_SSL = 'https://www.googleapis.com/auth/youtube.force-ssl';

describe('YouTube adapter against its fake', () => {
  const fx = contractFixture(startFake);
  const { rec, adapter } = fx;

  it('builds the authorize URL: Google host, PKCE S256, state, access_type=offline and prompt=consent always', () => {
    const a = youtube.createAdapter({ fetch, timeoutMs: 1000, baseUrls: youtube.defaultBaseUrls, now: Date.now });
    const challenge = codeChallengeS256('v'.repeat(43));
    const url = a.authorizationUrl({ credentials: { clientId: 'cid.apps.googleusercontent.com' }, redirectUri: REDIRECT, scopes: [FORCE_SSL, 'https://www.googleapis.com/auth/youtube.readonly'], state: 'st', codeChallenge: challenge, forceConsent: false });
    expect(url).toBe(
      'https://accounts.google.com/o/oauth2/v2/auth?client_id=cid.apps.googleusercontent.com&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fv1%2Fintegrations%2Fcallback%2Fyoutube&response_type=code' +
        '&scope=https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fyoutube.force-ssl+https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fyoutube.readonly' +
        `&state=st&code_challenge=${challenge}&code_challenge_method=S256&access_type=offline&prompt=consent`,
    );
  });

  it('exchanges with the PKCE verifier: scope string → list, capital-B Bearer, ~1 h, a refresh token', async () => {
    const { tokens, codeVerifier } = await connectWithFake(adapter(), fx.fake, { scopes: [FORCE_SSL] });
    expect(tokens).toMatchObject({ scopes: [FORCE_SSL], tokenType: 'Bearer', expiresIn: 3599 });
    expect(tokens.refreshToken).toMatch(/^1\/\/0/);
    const sent = new URLSearchParams(rec.requests.find((r) => r.url.endsWith('/token'))!.body);
    expect(sent.get('code_verifier')).toBe(codeVerifier);
    expect(sent.get('client_secret')).toBe(fx.fake.credentials.clientSecret);
  });

  it('refuses a wrong PKCE verifier with invalid_grant', async () => {
    const a = adapter();
    const pkce = createPkcePair();
    const url = a.authorizationUrl({ credentials: fx.fake.credentials, redirectUri: REDIRECT, scopes: [FORCE_SSL], state: 's', codeChallenge: pkce.challenge, forceConsent: false });
    const code = new URL(fx.fake.approve(url)).searchParams.get('code')!;
    const err = await failure(a.exchangeCode({ credentials: fx.fake.credentials, code, redirectUri: REDIRECT, codeVerifier: createPkcePair().verifier }));
    expect([err.kind, err.oauthError, err.transient]).toEqual(['oauth', 'invalid_grant', false]);
  });

  it('refresh answers carry no refresh token (Google does not rotate): the old one is kept', async () => {
    const { tokens } = await connectWithFake(adapter(), fx.fake);
    const res = await adapter().refresh({ credentials: fx.fake.credentials, refreshToken: tokens.refreshToken! });
    expect(res.refreshToken).toBe(tokens.refreshToken);
    expect(res.refreshTokenRotated).toBe(false);
    const raw = await fetch(`${fx.fake.baseUrls.oauth}/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refreshToken!, client_id: fx.fake.credentials.clientId, client_secret: fx.fake.credentials.clientSecret }),
    });
    expect(Object.keys(await raw.json()).sort()).toEqual(['access_token', 'expires_in', 'scope', 'token_type']);
  });

  it('issues a refresh token only offline, and to a returning user only with prompt=consent', async () => {
    const exchange = async (extra: Record<string, string>) => {
      const q = new URLSearchParams({ client_id: fx.fake.credentials.clientId, redirect_uri: REDIRECT, response_type: 'code', scope: FORCE_SSL, state: 's', ...extra });
      const code = new URL(fx.fake.approve(`${fx.fake.baseUrls.authorize}/auth?${q}`, { user: '@bifrostbot' })).searchParams.get('code')!;
      return adapter().exchangeCode({ credentials: fx.fake.credentials, code, redirectUri: REDIRECT });
    };
    expect((await exchange({})).refreshToken).toBeUndefined();
    expect((await exchange({ access_type: 'offline' })).refreshToken).toBeDefined();
    expect((await exchange({ access_type: 'offline' })).refreshToken).toBeUndefined();
    expect((await exchange({ access_type: 'offline', prompt: 'consent' })).refreshToken).toBeDefined();
  });

  it('whoami is the channel from channels.list mine=true; an account without a channel is a clear refusal', async () => {
    const { tokens } = await connectWithFake(adapter(), fx.fake, { user: '@streamerone' });
    expect(await adapter().whoami({ credentials: fx.fake.credentials, accessToken: tokens.accessToken })).toEqual({ platformUserId: 'UCb1fr0stStr3amer0ne000A', username: '@streamerone', displayName: 'Streamer One' });
    expect(rec.requests.at(-1)!.url).toMatch(/\/youtube\/v3\/channels\?part=snippet&mine=true$/);
    const none = await connectWithFake(adapter(), fx.fake, { user: 'nochannel' });
    const err = await failure(adapter().whoami({ credentials: fx.fake.credentials, accessToken: none.tokens.accessToken }));
    expect([err.kind, err.oauthError]).toEqual(['oauth', 'no_channel']);
    const bad = await failure(adapter().whoami({ credentials: fx.fake.credentials, accessToken: 'ya29.nope' }));
    expect([bad.oauthError, bad.httpStatus]).toEqual(['invalid_token', 401]);
  });

  it('validates through tokeninfo (POST, token in the header, numbers as strings)', async () => {
    const { tokens } = await connectWithFake(adapter(), fx.fake);
    const v = await adapter().validate!({ credentials: fx.fake.credentials, accessToken: tokens.accessToken });
    expect(v).toEqual({ expiresIn: 3599, scopes: [FORCE_SSL] });
    const sent = rec.requests.at(-1)!;
    expect([sent.method, sent.url.includes(tokens.accessToken), sent.headers.authorization]).toEqual(['POST', false, `Bearer ${tokens.accessToken}`]);
    const dead = await failure(adapter().validate!({ credentials: fx.fake.credentials, accessToken: 'ya29.dead' }));
    expect([dead.oauthError, dead.httpStatus]).toEqual(['invalid_token', 400]);
  });

  it('revoking the refresh token ends the grant; an unknown token counts as revoked', async () => {
    const { tokens } = await connectWithFake(adapter(), fx.fake);
    await adapter().revoke({ credentials: fx.fake.credentials, token: tokens.refreshToken!, kind: 'refresh' });
    expect(new URLSearchParams(rec.requests.at(-1)!.body).get('token')).toBe(tokens.refreshToken);
    const err = await failure(adapter().refresh({ credentials: fx.fake.credentials, refreshToken: tokens.refreshToken! }));
    expect(err.oauthError).toBe('invalid_grant');
    await adapter().revoke({ credentials: fx.fake.credentials, token: tokens.accessToken, kind: 'access' });
    expect(fx.fake.counters.revocations).toBe(2);
  });

  it('RFC 6749 errors: invalid_grant for a dead refresh token, invalid_client (401) for a wrong secret', async () => {
    const { tokens } = await connectWithFake(adapter(), fx.fake);
    const secret = await failure(adapter().refresh({ credentials: { ...fx.fake.credentials, clientSecret: 'nope' }, refreshToken: tokens.refreshToken! }));
    expect([secret.oauthError, secret.httpStatus]).toEqual(['invalid_client', 401]);
    fx.fake.knobs.revokedGrant = true;
    const dead = await failure(adapter().refresh({ credentials: fx.fake.credentials, refreshToken: tokens.refreshToken! }));
    expect([dead.oauthError, dead.httpStatus, dead.transient]).toEqual(['invalid_grant', 400, false]);
  });

  it('beyond the per-user grant cap the oldest grant is silently invalidated', async () => {
    fx.fake.knobs.grantsPerUserCap = 2;
    const first = await connectWithFake(adapter(), fx.fake, { user: '@googledevelopers' });
    await connectWithFake(adapter(), fx.fake, { user: '@googledevelopers' });
    await connectWithFake(adapter(), fx.fake, { user: '@googledevelopers' });
    expect((await failure(adapter().refresh({ credentials: fx.fake.credentials, refreshToken: first.tokens.refreshToken! }))).oauthError).toBe('invalid_grant');
  });
});
