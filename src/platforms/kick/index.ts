/**
 * Kick (id.kick.com OAuth 2.1 + public API v1). Quirks kept here: PKCE S256 required and a client
 * secret too [K1]; `state` required [K1]; refresh rotates the refresh token [K1][K4]; revoke takes
 * its parameters in the query string as documented, with the non-standard `token_hint_type` [K1]
 * (OA-11: that URL is secret — send() never logs or reports URLs); `{data, message}` envelopes and
 * mixed error shapes [K6]; the first `127.0.0.1` in an authorize URL is rewritten to `localhost` by
 * Kick's front end, so a sacrificial parameter goes first when the redirect URI is on 127.0.0.1 [K1].
 * Source keys ([K1] …) are listed in docs/platforms.md, Kick.
 */
import { platformHttp, type PlatformDefinition, type ResolvedAdapterOptions } from '../definition.ts';
import type { FakeDefinition } from '../fake/types.ts';
import { PlatformError } from '../errors.ts';
import { buildAuthorizationUrl } from '../oauth/authorize-url.ts';
import { bodyError, failureFromResponse } from '../oauth/classify.ts';
import { isSuccess, send } from '../oauth/http.ts';
import { expandScopes } from '../oauth/scopes.ts';
import { callWithToken, exchangeCode, refreshToken, type TokenEndpoint } from '../oauth/token-endpoint.ts';
import type { PlatformAdapter, PlatformCapabilities } from '../types.ts';
import { KICK_SCOPES } from './scopes.ts';
import { createKickChat, KICK_CHAT } from './chat.ts';
import { createKickWebhookConnector } from './webhooks.ts';
import type { KickFakeKnobs } from './fake.ts';
import { introspectResponse, normaliseKickError, toIdentity, toValidation, usersResponse } from './wire.ts';

/** Endpoint groups and their real base URLs [K1][K3]. */
export const KICK_BASE_URLS = { oauth: 'https://id.kick.com', api: 'https://api.kick.com/public/v1' } as const;

function kickEndpoints(base: Readonly<Record<string, string>>) {
  return {
    authorize: `${base.oauth}/oauth/authorize`,
    token: `${base.oauth}/oauth/token`,
    revoke: `${base.oauth}/oauth/revoke`,
    // The older api.kick.com/public/v1/token/introspect was deprecated on 2026-01-15 [K4].
    introspect: `${base.oauth}/oauth/token/introspect`,
    users: `${base.api}/users`,
  };
}

const KICK_CAPABILITIES: PlatformCapabilities = {
  pkce: 'S256', // required [K1]
  refreshRotates: 'always', // "refresh both access and refresh codes" [K1]; old ones "reusable/flexible" since 2025-11-25, window undocumented [K4]
  scopeSeparator: ' ',
  tokenBody: 'form',
  clientAuth: 'client_secret_post',
  validate: 'available', // introspect; no hourly duty documented
  scopesInTokenResponse: true,
  // Kick's docs require the secret at the token endpoint [K1], but a Kick app may be saved without one
  // (a public client). Tolerant: sent whenever configured, not demanded locally; Kick decides.
  requiresClientSecret: false,
  defaultAccessTokenLifetime: 7200, // 2 h [K1][K6]
  apiAuthScheme: 'Bearer',
  errorBodyOn200: false,
  forceConsent: 'none', // Kick documents no re-prompt parameter
  revokeParams: 'query', // as documented [K1]
  revocableTokens: ['access', 'refresh'], // token_hint_type access_token | refresh_token [K1]
  stateRequired: true, // "required at the moment" [K1]
  issuer: undefined, // Kick publishes no issuer (no discovery document): any `iss` on a callback is refused
  chat: KICK_CHAT,
};

function createAdapter(options: ResolvedAdapterOptions): PlatformAdapter {
  const http = platformHttp(kick, options);
  const ep = kickEndpoints(options.baseUrls);
  const tokenEndpoint: TokenEndpoint = { url: ep.token, caps: KICK_CAPABILITIES, normaliseError: normaliseKickError };
  return {
    slug: 'kick',
    name: 'Kick',
    platformId: 3,
    capabilities: KICK_CAPABILITIES,
    scopes: KICK_SCOPES,
    chat: createKickChat(http, options.baseUrls.api!),
    authorizationUrl: (p) =>
      buildAuthorizationUrl(KICK_CAPABILITIES, {
        endpoint: ep.authorize,
        leading: p.redirectUri.includes('127.0.0.1') ? [['loopback', '127.0.0.1']] : [],
        clientId: p.credentials.clientId,
        redirectUri: p.redirectUri,
        // Bifrost's chat:read / subscribers:read (not Kick scopes) go out as events:subscribe (see scopes.ts).
        scopes: expandScopes(KICK_SCOPES, p.scopes),
        state: p.state,
        codeChallenge: p.codeChallenge,
      }),
    exchangeCode: (p) => exchangeCode(http, tokenEndpoint, p),
    refresh: (p) => refreshToken(http, tokenEndpoint, p),
    async revoke({ token, kind }) {
      const query = new URLSearchParams({ token, token_hint_type: kind === 'refresh' ? 'refresh_token' : 'access_token' });
      // Documented shape: query parameters with a form content type and an empty body [K1].
      const res = await send(http, { method: 'POST', url: `${ep.revoke}?${query.toString()}`, form: {}, purpose: 'revoke' });
      if (isSuccess(res)) return;
      const failure = failureFromResponse(http, 'revoke', res, normaliseKickError);
      if (failure.oauthError === 'invalid_token' || failure.oauthError === 'invalid_grant') return; // already dead (RFC 7009 §2.2)
      throw failure;
    },
    async whoami({ accessToken }) {
      const body = await callWithToken(http, { method: 'GET', url: ep.users, authorization: `Bearer ${accessToken}`, purpose: 'user lookup' }, normaliseKickError);
      const parsed = usersResponse.safeParse(body);
      if (!parsed.success) throw bodyError(http, 'user lookup', 'not a users answer', 200, parsed.error);
      const user = parsed.data.data[0];
      if (!user) throw bodyError(http, 'user lookup', 'no user for this token', 200);
      return toIdentity(user);
    },
    async validate({ accessToken }) {
      const body = await callWithToken(http, { method: 'POST', url: ep.introspect, authorization: `Bearer ${accessToken}`, purpose: 'token validation' }, normaliseKickError);
      const parsed = introspectResponse.safeParse(body);
      if (!parsed.success) throw bodyError(http, 'token validation', 'not an introspect answer', 200, parsed.error);
      if (!parsed.data.data.active) {
        throw new PlatformError({ platform: 'kick', kind: 'oauth', oauthError: 'invalid_token', httpStatus: 200, message: 'Kick says the access token is no longer active' });
      }
      return toValidation(parsed.data.data, http.now());
    },
  };
}

export const kick: PlatformDefinition<'kick', FakeDefinition<KickFakeKnobs>> = {
  slug: 'kick',
  name: 'Kick',
  platformId: 3,
  brand: { color: '#53fc18', textColor: '#0b0b0b' }, // Kick green: bright, so the text is dark
  capabilities: KICK_CAPABILITIES,
  scopes: KICK_SCOPES,
  defaultBaseUrls: KICK_BASE_URLS,
  createAdapter,
  // Webhooks only [K5]: Kick must reach server.public_url over https.
  events: { source: 'kick.webhook', needsPublicUrl: true, createConnector: () => createKickWebhookConnector() },
  loadFake: async () => (await import('./fake.ts')).kickFake,
};
