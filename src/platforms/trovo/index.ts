/**
 * Trovo (open.trovo.live consent + open-api.trovo.live/openplatform). Quirks kept here: JSON token
 * bodies with the client id in a `Client-ID` header on every call [R3][R4]; `Authorization: OAuth`
 * (Bearer looks like a bad token) [R3][R5]; scopes joined by a literal `+` [R3][R11]; `expires_in`
 * as a string and no `scope` in token answers (granted scopes come from validate) [R3][R12];
 * one URL per grant (exchangetoken, refreshtoken); errors as `{status,error,message}`, perhaps on 200 [R3].
 * Source keys ([R1] …) are listed in docs/platforms.md, Trovo.
 */
import { platformHttp, type PlatformDefinition, type ResolvedAdapterOptions } from '../definition.ts';
import type { FakeDefinition } from '../fake/types.ts';
import { buildAuthorizationUrl } from '../oauth/authorize-url.ts';
import { bodyError, failureFromResponse } from '../oauth/classify.ts';
import { send, isSuccess } from '../oauth/http.ts';
import { callWithToken, exchangeCode, refreshToken, type TokenEndpoint } from '../oauth/token-endpoint.ts';
import type { PlatformAdapter, PlatformCapabilities } from '../types.ts';
import { createTrovoChatConnector, TROVO_CHAT_SOURCE } from './chat-socket.ts';
import { TROVO_SCOPES } from './scopes.ts';
import { createTrovoChat, TROVO_CHAT } from './chat.ts';
import type { TrovoFakeKnobs } from './fake.ts';
import { normaliseTrovoError, toIdentity, toValidation, userInfoResponse, validateResponse } from './wire.ts';

/** Endpoint groups and their real base URLs [R1][R3]. */
export const TROVO_BASE_URLS = { consent: 'https://open.trovo.live/page', api: 'https://open-api.trovo.live/openplatform', chat: 'wss://open-chat.trovo.live/chat' } as const;

function trovoEndpoints(base: Readonly<Record<string, string>>) {
  return {
    authorize: `${base.consent}/login.html`,
    exchange: `${base.api}/exchangetoken`,
    refresh: `${base.api}/refreshtoken`,
    validate: `${base.api}/validate`,
    revoke: `${base.api}/revoke`,
    userinfo: `${base.api}/getuserinfo`,
  };
}

const TROVO_CAPABILITIES: PlatformCapabilities = {
  pkce: 'none', // not documented; the code flow uses client_secret [R3]
  refreshRotates: 'always', // a new 30-day refresh token each time; the old one keeps working until its own expiry [R3]
  scopeSeparator: '+',
  tokenBody: 'json',
  clientAuth: 'client_secret_json',
  validate: 'available',
  scopesInTokenResponse: false,
  requiresClientSecret: true,
  defaultAccessTokenLifetime: 14_400, // 4 h [R3]
  clientIdHeader: 'Client-ID',
  apiAuthScheme: 'OAuth',
  errorBodyOn200: true, // "may not always come with a non-2xx HTTP code" [R3]; unconfirmed, so 2xx bodies are checked
  forceConsent: 'none',
  revokeParams: 'json',
  revocableTokens: ['access'], // revoke takes `access_token` only [R4][R5]
  stateRequired: false,
  maxAccessTokensPerRefreshToken: 50, // beyond, refresh is refused until old access tokens expire [R3]
  refreshTokenLifetime: 30 * 86_400, // [R3]
  issuer: undefined, // Trovo publishes no issuer (no discovery document): any `iss` on a callback is refused
  chat: TROVO_CHAT,
};

function createAdapter(options: ResolvedAdapterOptions): PlatformAdapter {
  const http = platformHttp(trovo, options);
  const ep = trovoEndpoints(options.baseUrls);
  const endpoint = (url: string): TokenEndpoint => ({ url, caps: TROVO_CAPABILITIES, normaliseError: normaliseTrovoError });
  const apiHeaders = (clientId: string, accessToken: string) => ({ authorization: `OAuth ${accessToken}`, headers: { 'client-id': clientId } });
  return {
    slug: 'trovo',
    name: 'Trovo',
    platformId: 4,
    capabilities: TROVO_CAPABILITIES,
    scopes: TROVO_SCOPES,
    chat: createTrovoChat(http, options.baseUrls.api!),
    authorizationUrl: (p) =>
      buildAuthorizationUrl(TROVO_CAPABILITIES, { endpoint: ep.authorize, clientId: p.credentials.clientId, redirectUri: p.redirectUri, scopes: p.scopes, state: p.state }),
    exchangeCode: (p) => exchangeCode(http, endpoint(ep.exchange), p),
    refresh: (p) => refreshToken(http, endpoint(ep.refresh), p),
    async revoke({ credentials, token, kind }) {
      if (!TROVO_CAPABILITIES.revocableTokens!.includes(kind)) return;
      const res = await send(http, { method: 'POST', url: ep.revoke, headers: { 'client-id': credentials.clientId, authorization: `OAuth ${token}` }, json: { access_token: token }, purpose: 'revoke' });
      const envelope = normaliseTrovoError(res.status, res.json);
      if (isSuccess(res) && !envelope) return;
      const failure = failureFromResponse(http, 'revoke', res, normaliseTrovoError);
      if (failure.oauthError === 'invalid_token') return; // already dead (RFC 7009 §2.2)
      throw failure;
    },
    async whoami({ credentials, accessToken }) {
      const body = await callWithToken(http, { method: 'GET', url: ep.userinfo, ...apiHeaders(credentials.clientId, accessToken), purpose: 'user lookup' }, normaliseTrovoError, true);
      const parsed = userInfoResponse.safeParse(body);
      if (!parsed.success) throw bodyError(http, 'user lookup', 'not a user info answer', 200, parsed.error);
      return toIdentity(parsed.data);
    },
    async validate({ credentials, accessToken }) {
      const body = await callWithToken(http, { method: 'GET', url: ep.validate, ...apiHeaders(credentials.clientId, accessToken), purpose: 'token validation' }, normaliseTrovoError, true);
      const parsed = validateResponse.safeParse(body);
      if (!parsed.success) throw bodyError(http, 'token validation', 'not a validate answer', 200, parsed.error);
      return toValidation(parsed.data, http.now());
    },
  };
}

export const trovo: PlatformDefinition<'trovo', FakeDefinition<TrovoFakeKnobs>> = {
  slug: 'trovo',
  name: 'Trovo',
  platformId: 4,
  brand: { color: '#19d66b', textColor: '#0b0b0b' }, // Trovo green: bright, so the text is dark
  capabilities: TROVO_CAPABILITIES,
  scopes: TROVO_SCOPES,
  defaultBaseUrls: TROVO_BASE_URLS,
  createAdapter,
  events: { source: TROVO_CHAT_SOURCE, createConnector: () => createTrovoChatConnector() },
  loadFake: async () => (await import('./fake.ts')).trovoFake,
};
