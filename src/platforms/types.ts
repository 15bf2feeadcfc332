/**
 * The platform adapter contract. Shared code (integrations, tokens) talks to platforms only through
 * this interface and reads `capabilities`; everything platform-specific lives in `platforms/<slug>/`.
 */
import type { PlatformSlug } from './registry.ts';
import type { ChatAdapter, ChatCapabilities } from './chat-types.ts';

export type { PlatformSlug };

/** Capability table: differences as data, read by shared code (never `if (slug === 'kick')` outside its folder). */
export interface PlatformCapabilities {
  /** PKCE: 'S256' sends a challenge (Kick requires it; Google supports it); 'none' does not (Twitch, Trovo). */
  readonly pkce: 'S256' | 'none';
  /** Refresh-token rotation: 'never' (Google), 'may' (Twitch: store the newest), 'always' (Kick, Trovo). */
  readonly refreshRotates: 'never' | 'may' | 'always';
  /** Separator of scopes in the authorize URL. */
  readonly scopeSeparator: ' ' | '+';
  /** Encoding of token-endpoint bodies. */
  readonly tokenBody: 'form' | 'json';
  /** How the client authenticates at the token endpoint. */
  readonly clientAuth: 'client_secret_post' | 'client_secret_json';
  /** Token validation: 'hourly' means the platform requires validating at start-up and every hour (Twitch). */
  readonly validate: 'hourly' | 'available' | 'none';
  /** Whether the token response carries the granted scopes (Trovo's does not). */
  readonly scopesInTokenResponse: boolean;
  /** Whether a client secret is required to exchange a code. */
  readonly requiresClientSecret: boolean;
  /** Access-token lifetime assumed when a response omits expires_in (seconds). */
  readonly defaultAccessTokenLifetime: number;
  /** The platform has verified bots and a bot badge (Twitch): PATCH …/twitch-status applies. */
  readonly verifiedBots?: boolean;
  /** Header that carries the client id on token and API calls (Trovo `Client-ID` [R3]); absent → `client_id` travels in the body. */
  readonly clientIdHeader?: string;
  /** Authorization scheme for API calls with a user token: 'Bearer', or Trovo's 'OAuth' [R3]. */
  readonly apiAuthScheme?: 'Bearer' | 'OAuth';
  /** Errors may arrive in a 2xx body (Trovo's `{status,error,message}` envelope [R3]); the core checks 2xx bodies for it. */
  readonly errorBodyOn200?: boolean;
  /** How the authorize URL forces the consent screen: Twitch `force_verify=true`; Google `prompt=consent` (always sent, with `access_type=offline`, so a refresh token is issued). */
  readonly forceConsent?: 'force_verify' | 'prompt_consent' | 'none';
  /** Where revoke parameters travel: form body, JSON body, or the query string (Kick, as documented [K1]; the URL is then secret). */
  readonly revokeParams?: 'form' | 'json' | 'query';
  /** Tokens the platform can revoke. `revoke()` of another kind resolves without a call (there is nothing to call). */
  readonly revocableTokens?: readonly ('access' | 'refresh')[];
  /** The platform rejects an authorize request without `state` (Kick [K1]); Bifrost always sends one anyway (OA-1). */
  readonly stateRequired?: boolean;
  /** Most live access tokens one refresh token may back (Twitch [T12b], Trovo [R3]: 50): refresh on expiry, never on a timer. */
  readonly maxAccessTokensPerRefreshToken?: number;
  /** Documented refresh-token lifetime in seconds when the platform states one (Trovo 30 d [R3]); undefined when unknown or unlimited. */
  readonly refreshTokenLifetime?: number;
  /**
   * The authorization server's issuer identifier (RFC 9207), as its OpenID discovery document states
   * it. A callback that carries `iss` must carry exactly this; undefined when the platform publishes
   * none, and then any `iss` is a mismatch.
   */
  readonly issuer?: string | undefined;
  /** Chat and moderation: limits, units, what the platform supports (chat-types.ts). */
  readonly chat: ChatCapabilities;
}

export interface ScopeDescription {
  scope: string;
  description: string;
}

export interface DefaultScope extends ScopeDescription {
  required: boolean;
}

/** The scope catalogue (the shape of GraphQL's documented `allIntegrationScopes`). */
export interface ScopeCatalogue {
  /** Every scope the platform knows, with a description. */
  readonly all: readonly ScopeDescription[];
  /** Default scopes for a channel (broadcaster) integration. */
  readonly channel: readonly DefaultScope[];
  /** Default scopes for a bot integration. */
  readonly bot: readonly DefaultScope[];
  /**
   * Scope names Bifrost shows that the platform spells differently: the adapter requests the
   * targets instead, and a grant holding every target satisfies the alias (see `oauth/scopes.ts`).
   */
  readonly aliases?: Readonly<Record<string, readonly string[]>>;
}

/** OAuth client credentials for one platform (from an account's app credentials or the instance config). */
export interface ClientCredentials {
  clientId: string;
  clientSecret?: string | undefined;
}

/** A parsed, validated token response. */
export interface TokenSet {
  accessToken: string;
  /** Absent when the response carried none (the caller keeps the previous one on refresh). */
  refreshToken?: string | undefined;
  /** Seconds until the access token expires (validated: positive, finite, not absurd). */
  expiresIn: number;
  /** Granted scopes; undefined when the platform does not say (Trovo: ask validate). */
  scopes?: string[] | undefined;
  /** As the platform spells it (`bearer`, `Bearer`, `OAuth`): compare case-insensitively. */
  tokenType: string;
  /**
   * Set by `refresh()`: true when the platform returned a refresh token different from the one
   * presented (store it and discard the old one, RFC 6749 §6); false when it returned the same one
   * or none (then `refreshToken` is the old one, kept by the protocol core).
   */
  refreshTokenRotated?: boolean | undefined;
}

/** Who a token belongs to. */
export interface PlatformIdentity {
  platformUserId: string;
  /** Login / username / handle. */
  username: string;
  displayName: string;
  /** The platform's channel id when it differs from the user id (Trovo: chat and moderation need it [R5]). */
  channelId?: string | undefined;
}

export interface ValidationResult {
  /** Seconds the token is still valid, when the platform says. */
  expiresIn?: number | undefined;
  scopes?: string[] | undefined;
  platformUserId?: string | undefined;
  username?: string | undefined;
}

export interface AuthorizationUrlParams {
  credentials: ClientCredentials;
  redirectUri: string;
  scopes: readonly string[];
  state: string;
  /** S256 challenge when capabilities.pkce is 'S256'. */
  codeChallenge?: string | undefined;
  /** Ask the platform to show the consent screen again (reconnect, account switching). */
  forceConsent: boolean;
}

export interface PlatformAdapter {
  readonly slug: PlatformSlug;
  readonly name: string;
  /** Stable numeric id (the API's documented platform_id / platformId). */
  readonly platformId: number;
  readonly capabilities: PlatformCapabilities;
  readonly scopes: ScopeCatalogue;

  authorizationUrl(params: AuthorizationUrlParams): string;
  exchangeCode(params: { credentials: ClientCredentials; code: string; redirectUri: string; codeVerifier?: string | undefined }): Promise<TokenSet>;
  /**
   * Refresh grant (RFC 6749 §6). The result always carries a refresh token: the new one when the
   * platform rotated it (`refreshTokenRotated: true`, store it atomically with the access token),
   * otherwise the one presented — the protocol core keeps it, callers need not.
   */
  refresh(params: { credentials: ClientCredentials; refreshToken: string }): Promise<TokenSet>;
  /**
   * Revokes a token; resolves when the platform confirmed (or said the token is unknown). A kind the
   * platform cannot revoke (not in `capabilities.revocableTokens`) resolves without a call.
   */
  revoke(params: { credentials: ClientCredentials; token: string; kind: 'access' | 'refresh' }): Promise<void>;
  whoami(params: { credentials: ClientCredentials; accessToken: string }): Promise<PlatformIdentity>;
  /** Present where the platform has a validate/introspect endpoint. Throws PlatformError(oauth, invalid_token) for a dead token. */
  validate?(params: { credentials: ClientCredentials; accessToken: string }): Promise<ValidationResult>;
  /** Chat and moderation calls (chat-types.ts), within `capabilities.chat`. */
  readonly chat: ChatAdapter;
}

/** Outbound settings shared by every adapter. */
export interface AdapterOptions {
  fetch: typeof fetch;
  /** Per-request timeout in ms (default 10,000). */
  timeoutMs?: number;
  /** Base URL overrides per endpoint group, e.g. { oauth: 'http://127.0.0.1:5555/oauth2', api: '…' } (fakes, sandbox). */
  baseUrls?: Readonly<Record<string, string>>;
  /** Epoch milliseconds (Retry-After dates, expiry arithmetic); default Date.now. */
  now?: () => number;
}

/** The adapters of every platform, by slug. */
export type PlatformRegistry = ReadonlyMap<PlatformSlug, PlatformAdapter>;
