/**
 * YouTube (Google OAuth 2.0 + YouTube Data API v3). Quirks kept here: `access_type=offline` and
 * `prompt=consent` on every authorize so a refresh token is issued [G1] (OA-19); PKCE S256 [G1][G14];
 * refresh answers carry no refresh token (Google does not rotate) [G1]; scope is a space string;
 * identity is the channel from channels.list mine=true, not the Google account [G6].
 * Source keys ([G1] …) are listed in docs/platforms.md, YouTube.
 */
import { platformHttp, type PlatformDefinition, type ResolvedAdapterOptions } from '../definition.ts';
import type { FakeDefinition } from '../fake/types.ts';
import { buildAuthorizationUrl } from '../oauth/authorize-url.ts';
import { bodyError, failureFromResponse } from '../oauth/classify.ts';
import { isSuccess, send } from '../oauth/http.ts';
import { callWithToken, exchangeCode, refreshToken, type TokenEndpoint } from '../oauth/token-endpoint.ts';
import { PlatformError } from '../errors.ts';
import type { PlatformAdapter, PlatformCapabilities } from '../types.ts';
import { YOUTUBE_SCOPES } from './scopes.ts';
import { createYouTubeChat, YOUTUBE_CHAT } from './chat.ts';
import { createYouTubeLiveChatConnector } from './live-chat.ts';
import type { YouTubeFakeKnobs } from './fake.ts';
import { channelListResponse, normaliseGoogleError, toIdentity, toValidation, tokenInfoResponse } from './wire.ts';

/** Endpoint groups and their real base URLs [G14][G6]. */
export const YOUTUBE_BASE_URLS = {
  authorize: 'https://accounts.google.com/o/oauth2/v2',
  oauth: 'https://oauth2.googleapis.com',
  api: 'https://www.googleapis.com/youtube/v3',
} as const;

function youtubeEndpoints(base: Readonly<Record<string, string>>) {
  return {
    authorize: `${base.authorize}/auth`,
    token: `${base.oauth}/token`,
    revoke: `${base.oauth}/revoke`,
    tokeninfo: `${base.oauth}/tokeninfo`,
    channels: `${base.api}/channels?part=snippet&mine=true`,
  };
}

const YOUTUBE_CAPABILITIES: PlatformCapabilities = {
  pkce: 'S256', // supported (S256 or plain) [G1][G14]; Bifrost always uses S256 (OA-3)
  refreshRotates: 'never', // refresh answers carry no new refresh token [G1]
  scopeSeparator: ' ',
  tokenBody: 'form',
  clientAuth: 'client_secret_post',
  validate: 'available', // tokeninfo; no hourly duty [G4]
  scopesInTokenResponse: true,
  requiresClientSecret: true,
  defaultAccessTokenLifetime: 3600, // ≈1 h (3599) [G15a]
  apiAuthScheme: 'Bearer',
  errorBodyOn200: false,
  forceConsent: 'prompt_consent',
  revokeParams: 'form',
  revocableTokens: ['access', 'refresh'], // revoking either ends the grant [G5]
  stateRequired: false,
  issuer: 'https://accounts.google.com', // as accounts.google.com/.well-known/openid-configuration states it
  chat: YOUTUBE_CHAT,
};

function createAdapter(options: ResolvedAdapterOptions): PlatformAdapter {
  const http = platformHttp(youtube, options);
  const ep = youtubeEndpoints(options.baseUrls);
  const tokenEndpoint: TokenEndpoint = { url: ep.token, caps: YOUTUBE_CAPABILITIES, normaliseError: normaliseGoogleError };
  return {
    slug: 'youtube',
    name: 'YouTube',
    platformId: 2,
    capabilities: YOUTUBE_CAPABILITIES,
    scopes: YOUTUBE_SCOPES,
    chat: createYouTubeChat(http, options.baseUrls.api!),
    authorizationUrl: (p) =>
      buildAuthorizationUrl(YOUTUBE_CAPABILITIES, {
        endpoint: ep.authorize,
        clientId: p.credentials.clientId,
        redirectUri: p.redirectUri,
        scopes: p.scopes,
        state: p.state,
        codeChallenge: p.codeChallenge,
        // Always: a refresh token is only issued offline, and for a returning user only with a consent prompt [G1].
        // So forceConsent changes nothing here; Google re-prompts every time.
        extra: [
          ['access_type', 'offline'],
          ['prompt', 'consent'],
        ],
      }),
    exchangeCode: (p) => exchangeCode(http, tokenEndpoint, p),
    refresh: (p) => refreshToken(http, tokenEndpoint, p),
    async revoke({ token }) {
      const res = await send(http, { method: 'POST', url: ep.revoke, form: { token }, purpose: 'revoke' });
      if (isSuccess(res)) return;
      const failure = failureFromResponse(http, 'revoke', res, normaliseGoogleError);
      // 400 invalid_token: already expired or revoked — the goal of a revoke (RFC 7009 §2.2) [G5].
      if (failure.oauthError === 'invalid_token') return;
      throw failure;
    },
    async whoami({ accessToken }) {
      const body = await callWithToken(http, { method: 'GET', url: ep.channels, authorization: `Bearer ${accessToken}`, purpose: 'channel lookup' }, normaliseGoogleError);
      const parsed = channelListResponse.safeParse(body);
      if (!parsed.success) throw bodyError(http, 'channel lookup', 'not a channel list', 200, parsed.error);
      const channel = parsed.data.items?.[0];
      if (!channel) {
        // A Google account with no YouTube channel: definitive, the user must create one (or pick another account).
        throw new PlatformError({ platform: 'youtube', kind: 'oauth', oauthError: 'no_channel', message: 'this Google account has no YouTube channel; create one, or connect with the account that owns the channel' });
      }
      return toIdentity(channel);
    },
    async validate({ accessToken }) {
      // POST with the token in the Authorization header, as google-auth-library does, keeps it out of the URL (OA-11) [G4].
      const body = await callWithToken(http, { method: 'POST', url: ep.tokeninfo, authorization: `Bearer ${accessToken}`, purpose: 'token validation' }, normaliseGoogleError);
      const parsed = tokenInfoResponse.safeParse(body);
      if (!parsed.success) throw bodyError(http, 'token validation', 'not a tokeninfo answer', 200, parsed.error);
      return toValidation(parsed.data, http.now());
    },
  };
}

export const youtube: PlatformDefinition<'youtube', FakeDefinition<YouTubeFakeKnobs>> = {
  slug: 'youtube',
  name: 'YouTube',
  platformId: 2,
  brand: { color: '#b91c1c', textColor: '#ffffff' }, // YouTube red, darkened so white text keeps its contrast
  capabilities: YOUTUBE_CAPABILITIES,
  scopes: YOUTUBE_SCOPES,
  defaultBaseUrls: YOUTUBE_BASE_URLS,
  createAdapter,
  events: { source: 'youtube.livechat', createConnector: (settings) => createYouTubeLiveChatConnector({ quotaUnitsPerDay: settings.youtube_quota_units_per_day }) },
  loadFake: async () => (await import('./fake.ts')).youtubeFake,
};

