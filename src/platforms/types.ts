/**
 * The platform adapter contract. Shared code (integrations, tokens) talks to platforms only through
 * this interface and reads `capabilities`; everything platform-specific lives in `platforms/<slug>/`.
 */
import type { PlatformSlug } from '../config/schema.ts';

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
}

export interface ScopeDescription {
  scope: string;
  description: string;
}

export interface DefaultScope extends ScopeDescription {
  required: boolean;
}

/** The scope catalogue (the shape of the seed's `allIntegrationScopes`). */
export interface ScopeCatalogue {
  /** Every scope the platform knows, with a description. */
  readonly all: readonly ScopeDescription[];
  /** Default scopes for a channel (broadcaster) integration. */
  readonly channel: readonly DefaultScope[];
  /** Default scopes for a bot integration. */
  readonly bot: readonly DefaultScope[];
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
  tokenType: string;
}

/** Who a token belongs to. */
export interface PlatformIdentity {
  platformUserId: string;
  /** Login / username / handle. */
  username: string;
  displayName: string;
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
  /** Stable numeric id (the seed's platform_id / platformId). */
  readonly platformId: number;
  readonly capabilities: PlatformCapabilities;
  readonly scopes: ScopeCatalogue;

  authorizationUrl(params: AuthorizationUrlParams): string;
  exchangeCode(params: { credentials: ClientCredentials; code: string; redirectUri: string; codeVerifier?: string | undefined }): Promise<TokenSet>;
  refresh(params: { credentials: ClientCredentials; refreshToken: string }): Promise<TokenSet>;
  /** Revokes a token; resolves when the platform confirmed (or said the token is unknown). */
  revoke(params: { credentials: ClientCredentials; token: string; kind: 'access' | 'refresh' }): Promise<void>;
  whoami(params: { credentials: ClientCredentials; accessToken: string }): Promise<PlatformIdentity>;
  /** Present where the platform has a validate/introspect endpoint. Throws PlatformError(oauth, invalid_token) for a dead token. */
  validate?(params: { credentials: ClientCredentials; accessToken: string }): Promise<ValidationResult>;
}

/** Outbound settings shared by every adapter. */
export interface AdapterOptions {
  fetch: typeof fetch;
  /** Per-request timeout in ms (default 10,000). */
  timeoutMs?: number;
  /** Base URL overrides per endpoint group, e.g. { oauth: 'http://127.0.0.1:5555/oauth2', api: '…' } (fakes, sandbox). */
  baseUrls?: Readonly<Record<string, string>>;
}

/** The adapters of every platform, by slug. */
export type PlatformRegistry = ReadonlyMap<PlatformSlug, PlatformAdapter>;
