/** Types shared by the four fake platforms: users, knobs, counters, the call log and the fake module shape. */
import type { FastifyPluginAsync } from 'fastify';
import type { PlatformSlug } from '../types.ts';
import type { FakeAuthServer } from './auth-server.ts';
import type { AuthorizeProtocol } from './authorize-flow.ts';

/** A test user the fake can sign in as (choose it on the consent page or with a knob). */
export interface FakeUser {
  /** Platform user id as the platform spells it (Twitch numeric string, YouTube `UC…`, Kick integer as text). */
  id: string;
  /** Login / username / handle. */
  login: string;
  displayName: string;
  email?: string;
  /** Trovo: the channel id, which differs from the user id [R5]. */
  channelId?: string;
  /** YouTube: false for a Google account that owns no channel (channels.list answers no items). */
  hasChannel?: boolean;
}

/**
 * Refresh-token personality: how strictly the platform treats an old refresh token (docs/platforms.md).
 * - `non_rotating`: the same refresh token forever (Google-like);
 * - `rotating_with_grace`: a new one each refresh; the old one still works for `graceSeconds`
 *   (FAPI-style; Kick's "reusable/flexible" [K4]; Trovo's old token valid until its expiry [R3]);
 * - `strict_rotation`: a new one each refresh; presenting an old one is reuse: the whole grant is
 *   revoked (RFC 9700 §4.14.2).
 */
export type RefreshMode = { kind: 'non_rotating' } | { kind: 'rotating_with_grace'; graceSeconds: number } | { kind: 'strict_rotation' };

/** Bodies a misbehaving platform (or a proxy in front of it) sends with HTTP 200. */
export type GarbageKind = 'html' | 'truncated_json' | 'empty' | 'wrong_types' | 'missing_access_token' | 'array';

export type FakeEndpoint = 'authorize' | 'token' | 'revoke' | 'validate' | 'whoami';

/** Knobs every fake has. Mutate `fake.knobs` between requests; `fake.reset()` restores the defaults. */
export interface FakeKnobs {
  /** GET authorize answers 302 to the redirect URI at once (as `defaultUser`) instead of the consent page. */
  autoApprove: boolean;
  /** Id or login of the user auto-approve and `approve()` sign in as. */
  defaultUser: string;
  /** Any client id and secret are accepted (sandbox mode). */
  acceptAnyClient: boolean;
  /** The token endpoint insists on client_secret (false: a public client may omit it). */
  requireClientSecret: boolean;
  /** Redirect URIs must start with one of these (sandbox: the app's own origin, so it is no open redirector); empty = any http(s) URI. */
  redirectUriPrefixes: string[];
  refreshMode: RefreshMode;
  /** Access-token lifetime in seconds. */
  accessTokenLifetime: number;
  /** Refresh-token lifetime in seconds from issue; null = no expiry. */
  refreshTokenLifetime: number | null;
  /** Added to every token, revoke, validate and whoami call (ms). */
  latencyMs: number;
  /** Forced HTTP status (500, 502, 503, 504 …) on `faultEndpoints`. */
  forceStatus: number | null;
  /** 429 with this Retry-After (seconds or an HTTP date) on `faultEndpoints`. */
  rateLimit: { retryAfter: string } | null;
  /** A garbage 200 body on `faultEndpoints`. */
  garbage: GarbageKind | null;
  /** Close the connection without answering on `faultEndpoints`. */
  dropConnection: boolean;
  /** Endpoints the four faults above hit (default: the token endpoint). */
  faultEndpoints: FakeEndpoint[];
  /** How many calls the faults hit before they clear themselves; null = until changed. */
  faultTimes: number | null;
  /** On refresh: rotate (commit the new tokens), then close the connection without answering — the lost-response case. */
  dropAfterRotate: boolean;
  /** Every token call answers the platform's invalid_client. */
  invalidClient: boolean;
  /** Every grant behaves as revoked by the user: refresh → invalid_grant; validate and whoami → invalid token. */
  revokedGrant: boolean;
  /** Unknown scopes at authorize: the platform's error, or granted without them. */
  unknownScopes: 'reject' | 'ignore';
  /** Most live access tokens one grant may hold (Twitch/Trovo: 50); beyond: revoke the oldest, or refuse the refresh. */
  accessTokenCap: { max: number; onExceed: 'revoke_oldest' | 'refuse' } | null;
  /** Most live grants per user and client (Google: 100 [G2]); the oldest is silently revoked. */
  grantsPerUserCap: number | null;
}

/** What the fake saw, for assertions ("0 token calls", "0 reuse detections"). */
export interface FakeCounters {
  authorizeCalls: number;
  approvals: number;
  denials: number;
  /** Every call to a token endpoint, whatever the grant or outcome. */
  tokenCalls: number;
  codeExchanges: number;
  /** Successful refreshes. */
  refreshes: number;
  /** Successful refreshes per grant id (see `fake.state.grantIdOf(token)`). */
  refreshesByGrant: Record<string, number>;
  reuseDetections: number;
  /** Grants revoked because of reuse detection. */
  familyRevocations: number;
  /** Revoke calls received. */
  revocations: number;
  validations: number;
  whoamiCalls: number;
  /** Connections closed without an answer (dropConnection, dropAfterRotate). */
  droppedResponses: number;
  faultsInjected: number;
  /** Most refreshes of one grant in flight at the same time (a single-flight client keeps this at 1). */
  maxConcurrentRefreshes: number;
  maxConcurrentRefreshesByGrant: Record<string, number>;
}

/** One entry of the call log (no tokens, no secrets). */
export interface FakeCall {
  at: number;
  endpoint: FakeEndpoint;
  /** grant_type for token calls. */
  grantType?: string | undefined;
  /** HTTP status answered, or 'dropped'. */
  status: number | 'dropped';
  grantId?: string | undefined;
}

/** Options of a fake's Fastify plugin. */
export interface FakePluginOptions<K extends FakeKnobs = FakeKnobs> {
  server: FakeAuthServer<K>;
  /** Route config added to every route (the main app needs `{ access: { public: true } }`). */
  routeConfig?: Record<string, unknown>;
}

/** One platform's fake: its defaults and its Fastify plugin (mounted at a prefix or alone). */
export interface FakeDefinition<K extends FakeKnobs = FakeKnobs> {
  slug: PlatformSlug;
  name: string;
  defaultKnobs(): K;
  users: readonly FakeUser[];
  /** Scopes the platform knows (unknown ones are rejected or ignored per knob). */
  knownScopes: readonly string[];
  /** Endpoint-group base URLs of a fake whose root is `root` (plug into the registry's baseUrls). */
  baseUrls(root: string): Record<string, string>;
  /** A refresh token only on a user's first consent or when consent is forced (Google [G1]). */
  refreshTokenOnFirstConsentOnly?: boolean;
  /** Token strings in the platform's style. */
  newToken(kind: 'access' | 'refresh' | 'code'): string;
  /** How the platform's authorize step reads and answers (shared by the page and `approve()`). */
  authorize: AuthorizeProtocol;
  plugin: FastifyPluginAsync<FakePluginOptions<K>>;
}

/** A fake of any platform (each has its own knob type; lists of fakes use this). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- knob types differ per platform; callers narrow by slug.
export type AnyFakeDefinition = FakeDefinition<any>;
