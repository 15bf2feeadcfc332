/**
 * Twitch (id.twitch.tv OAuth + Helix). Quirks kept here: no PKCE [T10]; `force_verify` re-prompts
 * [T1]; scopes come back as an array [T6]; errors are `{status,message}` [T8]; validate uses the
 * `OAuth` scheme and is required hourly [T3]; Helix needs `Client-Id` with the Bearer token [T7].
 * Source keys ([T1] …) are listed in docs/platforms.md, Twitch.
 */
import { platformHttp, type PlatformDefinition, type ResolvedAdapterOptions } from '../definition.ts';
import type { FakeDefinition } from '../fake/types.ts';
import { buildAuthorizationUrl } from '../oauth/authorize-url.ts';
import { bodyError } from '../oauth/classify.ts';
import { failureFromResponse } from '../oauth/classify.ts';
import { isSuccess, send } from '../oauth/http.ts';
import { callWithToken, exchangeCode, refreshToken, type TokenEndpoint } from '../oauth/token-endpoint.ts';
import type { PlatformAdapter, PlatformCapabilities } from '../types.ts';
import { createTwitchEventSubConnector, TWITCH_EVENTSUB_SOURCE } from './eventsub.ts';
import { TWITCH_SCOPES } from './scopes.ts';
import { createTwitchChat, TWITCH_CHAT } from './chat.ts';
import type { TwitchFakeKnobs } from './fake.ts';
import { helixUsersResponse, normaliseTwitchError, toIdentity, toValidation, validateResponse } from './wire.ts';

/** Endpoint groups and their real base URLs [T6][T7]. */
export const TWITCH_BASE_URLS = { oauth: 'https://id.twitch.tv/oauth2', api: 'https://api.twitch.tv/helix', eventsub: 'wss://eventsub.wss.twitch.tv/ws' } as const;

function twitchEndpoints(base: Readonly<Record<string, string>>) {
  return {
    authorize: `${base.oauth}/authorize`,
    token: `${base.oauth}/token`,
    revoke: `${base.oauth}/revoke`,
    validate: `${base.oauth}/validate`,
    users: `${base.api}/users`,
  };
}

const TWITCH_CAPABILITIES: PlatformCapabilities = {
  pkce: 'none', // "PKCE is not supported by Twitch" [T10]
  refreshRotates: 'may', // "may differ; always store the newest" [T2]
  scopeSeparator: ' ',
  tokenBody: 'form', // query string also accepted by Twitch [T9]; Bifrost never puts secrets in URLs (OA-11)
  clientAuth: 'client_secret_post',
  validate: 'hourly', // mandatory at start-up and hourly [T3]
  scopesInTokenResponse: true,
  requiresClientSecret: true, // public clients cannot use the code flow [T9][T10]
  defaultAccessTokenLifetime: 14_400, // ~4 h [T2][T19]; Twitch says react to 401 rather than trust expires_in
  verifiedBots: true,
  apiAuthScheme: 'Bearer',
  errorBodyOn200: false,
  forceConsent: 'force_verify',
  revokeParams: 'form',
  // /revoke is documented for access tokens [T6][T9]; whether it takes refresh tokens is not documented.
  revocableTokens: ['access'],
  stateRequired: false,
  maxAccessTokensPerRefreshToken: 50, // [T12b] (a gist citing the docs)
  issuer: 'https://id.twitch.tv/oauth2', // as id.twitch.tv/oauth2/.well-known/openid-configuration states it
  chat: TWITCH_CHAT,
};

function createAdapter(options: ResolvedAdapterOptions): PlatformAdapter {
  const http = platformHttp(twitch, options);
  const ep = twitchEndpoints(options.baseUrls);
  const tokenEndpoint: TokenEndpoint = { url: ep.token, caps: TWITCH_CAPABILITIES, normaliseError: normaliseTwitchError };
  return {
    slug: 'twitch',
    name: 'Twitch',
    platformId: 1,
    capabilities: TWITCH_CAPABILITIES,
    scopes: TWITCH_SCOPES,
    chat: createTwitchChat(http, options.baseUrls.api!),
    authorizationUrl: (p) =>
      buildAuthorizationUrl(TWITCH_CAPABILITIES, {
        endpoint: ep.authorize,
        clientId: p.credentials.clientId,
        redirectUri: p.redirectUri,
        scopes: p.scopes,
        state: p.state,
        // force_verify=true shows the consent screen again, so the user can switch accounts [T1].
        extra: p.forceConsent ? [['force_verify', 'true']] : [],
      }),
    exchangeCode: (p) => exchangeCode(http, tokenEndpoint, p),
    refresh: (p) => refreshToken(http, tokenEndpoint, p),
    async revoke({ credentials, token, kind }) {
      if (!TWITCH_CAPABILITIES.revocableTokens!.includes(kind)) return;
      const res = await send(http, { method: 'POST', url: ep.revoke, form: { client_id: credentials.clientId, token }, purpose: 'revoke' });
      if (isSuccess(res)) return;
      const failure = failureFromResponse(http, 'revoke', res, normaliseTwitchError);
      // An already-invalid token is what revoke wants (RFC 7009 §2.2) [T8].
      if (failure.oauthError === 'invalid_token') return;
      throw failure;
    },
    async whoami({ credentials, accessToken }) {
      const body = await callWithToken(
        http,
        { method: 'GET', url: ep.users, authorization: `Bearer ${accessToken}`, headers: { 'client-id': credentials.clientId }, purpose: 'user lookup' },
        normaliseTwitchError,
      );
      const parsed = helixUsersResponse.safeParse(body);
      if (!parsed.success) throw bodyError(http, 'user lookup', 'not a Helix users list', 200, parsed.error);
      const user = parsed.data.data[0];
      if (!user) throw bodyError(http, 'user lookup', 'no user for this token', 200);
      return toIdentity(user);
    },
    async validate({ accessToken }) {
      // The validate endpoint takes the `OAuth` scheme, unlike Helix [T3][T6].
      const body = await callWithToken(http, { method: 'GET', url: ep.validate, authorization: `OAuth ${accessToken}`, purpose: 'token validation' }, normaliseTwitchError);
      const parsed = validateResponse.safeParse(body);
      if (!parsed.success) throw bodyError(http, 'token validation', 'not a validate answer', 200, parsed.error);
      return toValidation(parsed.data);
    },
  };
}

export const twitch: PlatformDefinition<'twitch', FakeDefinition<TwitchFakeKnobs>> = {
  slug: 'twitch',
  name: 'Twitch',
  platformId: 1,
  brand: { color: '#6d28d9', textColor: '#ffffff' }, // Twitch purple, darkened so white text keeps its contrast
  capabilities: TWITCH_CAPABILITIES,
  scopes: TWITCH_SCOPES,
  defaultBaseUrls: TWITCH_BASE_URLS,
  createAdapter,
  events: { source: TWITCH_EVENTSUB_SOURCE, createConnector: () => createTwitchEventSubConnector() },
  loadFake: async () => (await import('./fake.ts')).twitchFake,
};

