/**
 * The authorization-server state behind every fake: clients, codes, grants, access and refresh
 * tokens, rotation modes with reuse detection, caps, and the counters tests assert on. Platform
 * wire shapes live in each platform's fake.ts; the rules of OAuth live here.
 */
import { createHash } from 'node:crypto';
import { systemClock, type Clock } from '../../clock.ts';
import type { ClientCredentials } from '../types.ts';
import { ChatRecorder } from './chat-recorder.ts';
import type { FakeCall, FakeCounters, FakeDefinition, FakeEndpoint, FakeKnobs, FakeUser } from './types.ts';

/** An authorize request once the platform's parameters are read. */
export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state?: string | undefined;
  codeChallenge?: string | undefined;
  codeChallengeMethod?: 'S256' | 'plain' | undefined;
  /** A refresh token may be issued (Google only with access_type=offline [G1]). */
  offline: boolean;
  /** Consent forced (force_verify, prompt=consent). */
  forceConsent: boolean;
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken?: string | undefined;
  expiresIn: number;
  scopes: string[];
  grantId: string;
  user: FakeUser;
  /** The refresh token changed on this refresh. */
  rotated: boolean;
}

export type CodeFailure = 'invalid_grant' | 'redirect_mismatch' | 'pkce_missing' | 'pkce_mismatch';
export type RefreshFailure = 'invalid_grant' | 'reuse_detected' | 'cap_refused';
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

interface Grant {
  id: string;
  clientId: string;
  user: FakeUser;
  scopes: string[];
  createdAt: number;
  revoked: boolean;
  currentRefreshToken?: string | undefined;
  accessTokens: string[];
}
interface AccessRecord {
  grantId: string;
  expiresAt: number;
  revoked: boolean;
}
interface RefreshRecord {
  grantId: string;
  issuedAt: number;
  supersededAt?: number | undefined;
}
interface CodeRecord {
  req: AuthorizeRequest;
  user: FakeUser;
  scopes: string[];
  expiresAt: number;
  used: boolean;
  grantId?: string | undefined;
}

/** The state `snapshot()` hands out and `restore()` takes back (JSON-safe). */
export interface FakeStateSnapshot {
  version: 1;
  grantSeq: number;
  grants: (Omit<Grant, 'user'> & { userId: string })[];
  accessTokens: [string, AccessRecord][];
  refreshTokens: [string, RefreshRecord][];
  consented: string[];
}

const CODE_TTL_MS = 10 * 60_000;
const MAX_CALLS_LOGGED = 1000;

function emptyCounters(): FakeCounters {
  return {
    authorizeCalls: 0,
    approvals: 0,
    denials: 0,
    tokenCalls: 0,
    codeExchanges: 0,
    refreshes: 0,
    refreshesByGrant: {},
    reuseDetections: 0,
    familyRevocations: 0,
    revocations: 0,
    validations: 0,
    whoamiCalls: 0,
    droppedResponses: 0,
    faultsInjected: 0,
    maxConcurrentRefreshes: 0,
    maxConcurrentRefreshesByGrant: {},
  };
}

export interface FakeServerOptions<K extends FakeKnobs> {
  knobs?: Partial<K>;
  clock?: Clock;
  users?: readonly FakeUser[];
  /** Registered clients; default: `{slug}-test-client` / `{slug}-test-secret`. */
  clients?: readonly ClientCredentials[];
}

/** The default registered client of a fake. */
export function fakeClient(slug: string): Required<ClientCredentials> {
  return { clientId: `${slug}-test-client`, clientSecret: `${slug}-test-secret` };
}

/** What the state needs from a fake's definition (not its plugin, so servers of every knob type fit one helper). */
export type FakeServerDefinition<K extends FakeKnobs> = Pick<FakeDefinition<K>, 'slug' | 'name' | 'users' | 'knownScopes' | 'newToken' | 'defaultKnobs' | 'refreshTokenOnFirstConsentOnly'>;

export class FakeAuthServer<K extends FakeKnobs = FakeKnobs> {
  readonly definition: FakeServerDefinition<K>;
  readonly knobs: K;
  readonly counters: FakeCounters = emptyCounters();
  readonly calls: FakeCall[] = [];
  readonly users: readonly FakeUser[];
  readonly clients: Map<string, string | undefined>;
  readonly clock: Clock;
  /** Messages and moderation actions received, and the chat limits' state. */
  readonly chat: ChatRecorder;
  private readonly initialKnobs: Partial<K>;
  private readonly codes = new Map<string, CodeRecord>();
  private readonly grants = new Map<string, Grant>();
  private readonly accessTokens = new Map<string, AccessRecord>();
  private readonly refreshTokens = new Map<string, RefreshRecord>();
  private readonly inFlight = new Map<string, number>();
  /** (client, user) pairs that consented offline before: Google issues a refresh token on the first such consent only [G1]. */
  private readonly consented = new Set<string>();
  private grantSeq = 0;

  constructor(definition: FakeServerDefinition<K>, options: FakeServerOptions<K> = {}) {
    this.definition = definition;
    this.initialKnobs = options.knobs ?? {};
    this.knobs = { ...definition.defaultKnobs(), ...this.initialKnobs };
    this.clock = options.clock ?? systemClock;
    this.chat = new ChatRecorder(this.clock);
    this.users = options.users ?? definition.users;
    const clients = options.clients ?? [fakeClient(definition.slug)];
    this.clients = new Map(clients.map((c) => [c.clientId, c.clientSecret]));
  }

  /**
   * What a platform remembers across its own restarts: grants, live tokens, earlier consents (not
   * knobs, counters, pending codes or in-flight calls). Users are named by id.
   */
  snapshot(): FakeStateSnapshot {
    return {
      version: 1,
      grantSeq: this.grantSeq,
      grants: [...this.grants.values()].map(({ user, ...g }) => ({ ...g, userId: user.id, accessTokens: [...g.accessTokens] })),
      accessTokens: [...this.accessTokens.entries()].map(([token, rec]) => [token, { ...rec }]),
      refreshTokens: [...this.refreshTokens.entries()].map(([token, rec]) => [token, { ...rec }]),
      consented: [...this.consented],
    };
  }

  /** Takes back a snapshot (replacing what is held); grants of users this fake no longer has are dropped. */
  restore(snapshot: FakeStateSnapshot): void {
    this.grants.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.consented.clear();
    for (const { userId, ...g } of snapshot.grants) {
      const user = this.users.find((u) => u.id === userId);
      if (user) this.grants.set(g.id, { ...g, user, accessTokens: [...g.accessTokens] });
    }
    for (const [token, rec] of snapshot.accessTokens) if (this.grants.has(rec.grantId)) this.accessTokens.set(token, { ...rec });
    for (const [token, rec] of snapshot.refreshTokens) if (this.grants.has(rec.grantId)) this.refreshTokens.set(token, { ...rec });
    for (const key of snapshot.consented) this.consented.add(key);
    this.grantSeq = snapshot.grantSeq;
  }

  /** Restores the knobs given at start and zeroes the counters, the call log and the chat records (grants stay). */
  reset(): void {
    for (const k of Object.keys(this.knobs)) delete (this.knobs as Record<string, unknown>)[k];
    Object.assign(this.knobs, this.definition.defaultKnobs(), this.initialKnobs);
    Object.assign(this.counters, emptyCounters());
    this.calls.length = 0;
    this.chat.reset();
  }

  now(): number {
    return this.clock.now();
  }

  log(call: Omit<FakeCall, 'at'>): void {
    if (this.calls.length >= MAX_CALLS_LOGGED) this.calls.shift();
    this.calls.push({ at: this.now(), ...call });
  }

  /** Calls to one endpoint (optionally one grant type), for assertions. */
  callsTo(endpoint: FakeEndpoint, grantType?: string): FakeCall[] {
    return this.calls.filter((c) => c.endpoint === endpoint && (grantType === undefined || c.grantType === grantType));
  }

  async latency(): Promise<void> {
    if (this.knobs.latencyMs > 0) await new Promise((r) => setTimeout(r, this.knobs.latencyMs));
  }

  findUser(idOrLogin: string | undefined): FakeUser | undefined {
    const key = idOrLogin ?? this.knobs.defaultUser;
    return this.users.find((u) => u.id === key || u.login === key);
  }

  /** Client authentication as the token endpoint sees it. */
  checkClient(clientId: string | undefined, secret: string | undefined, requireSecret: boolean): 'ok' | 'unknown_client' | 'missing_secret' | 'bad_secret' {
    if (!clientId) return 'unknown_client';
    if (this.knobs.acceptAnyClient) return requireSecret && !secret ? 'missing_secret' : 'ok';
    if (!this.clients.has(clientId)) return 'unknown_client';
    const expected = this.clients.get(clientId);
    if (!requireSecret && secret === undefined) return 'ok';
    if (!secret) return 'missing_secret';
    return secret === expected ? 'ok' : 'bad_secret';
  }

  knowsClient(clientId: string | undefined): boolean {
    return Boolean(clientId) && (this.knobs.acceptAnyClient || this.clients.has(clientId!));
  }

  redirectAllowed(uri: string): boolean {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      return false;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    const prefixes = this.knobs.redirectUriPrefixes;
    return prefixes.length === 0 || prefixes.some((p) => uri.startsWith(p));
  }

  /** Requested scopes the platform does not know. */
  unknownScopes(scopes: readonly string[]): string[] {
    const known = new Set(this.definition.knownScopes);
    return scopes.filter((s) => !known.has(s));
  }

  /** Stores a single-use code for an approved request (10-minute life, RFC 6749 §4.1.2). */
  issueCode(req: AuthorizeRequest, user: FakeUser): string {
    const code = this.definition.newToken('code');
    const known = new Set(this.definition.knownScopes);
    const scopes = req.scopes.filter((s) => known.has(s));
    this.codes.set(code, { req, user, scopes, expiresAt: this.now() + CODE_TTL_MS, used: false });
    return code;
  }

  /**
   * Redeems a code: same client, same redirect URI as at authorize, PKCE verified when a challenge
   * was sent (or required). A second use of a code revokes what the first one issued (RFC 6749 §4.1.2).
   */
  redeemCode(input: { clientId: string; code: string | undefined; redirectUri: string | undefined; codeVerifier?: string | undefined; pkce: 'required' | 'if_challenged' | 'ignored' }): Result<IssuedTokens, CodeFailure> {
    const rec = input.code ? this.codes.get(input.code) : undefined;
    if (!rec || rec.req.clientId !== input.clientId || rec.expiresAt <= this.now()) return { ok: false, error: 'invalid_grant' };
    if (rec.used) {
      if (rec.grantId) this.revokeGrant(rec.grantId);
      return { ok: false, error: 'invalid_grant' };
    }
    if (rec.req.redirectUri !== input.redirectUri) return { ok: false, error: 'redirect_mismatch' };
    if (input.pkce !== 'ignored' && (rec.req.codeChallenge || input.pkce === 'required')) {
      if (!rec.req.codeChallenge || !input.codeVerifier) return { ok: false, error: 'pkce_missing' };
      const derived = rec.req.codeChallengeMethod === 'plain' ? input.codeVerifier : createHash('sha256').update(input.codeVerifier).digest('base64url');
      if (derived !== rec.req.codeChallenge) return { ok: false, error: 'pkce_mismatch' };
    }
    rec.used = true;
    const consentKey = `${rec.req.clientId}\u0000${rec.user.id}`;
    const firstConsent = !this.consented.has(consentKey);
    // "First" counts offline consents: the ones that hand out a refresh token.
    if (rec.req.offline) this.consented.add(consentKey);
    // Google issues a refresh token on a user's first consent, or when consent is forced [G1].
    const firstOnly = this.definition.refreshTokenOnFirstConsentOnly === true;
    const withRefresh = rec.req.offline && (!firstOnly || firstConsent || rec.req.forceConsent);
    const grant = this.createGrant(rec.req.clientId, rec.user, rec.scopes, withRefresh ? this.definition.newToken('refresh') : undefined);
    rec.grantId = grant.id;
    this.counters.codeExchanges++;
    return { ok: true, value: { ...this.issueAccess(grant), rotated: false } };
  }

  private createGrant(clientId: string, user: FakeUser, scopes: string[], refreshToken: string | undefined): Grant {
    const grant: Grant = { id: `grant_${++this.grantSeq}`, clientId, user, scopes, createdAt: this.now(), revoked: false, currentRefreshToken: refreshToken, accessTokens: [] };
    this.grants.set(grant.id, grant);
    if (refreshToken) this.refreshTokens.set(refreshToken, { grantId: grant.id, issuedAt: this.now() });
    const cap = this.knobs.grantsPerUserCap;
    if (cap !== null) {
      const live = [...this.grants.values()].filter((g) => !g.revoked && g.clientId === clientId && g.user.id === user.id);
      // Google silently invalidates the oldest refresh token beyond the cap [G2].
      for (const old of live.slice(0, Math.max(0, live.length - cap))) this.revokeGrant(old.id);
    }
    return grant;
  }

  private issueAccess(grant: Grant): Omit<IssuedTokens, 'rotated'> {
    const accessToken = this.definition.newToken('access');
    const lifetime = this.knobs.accessTokenLifetime;
    this.accessTokens.set(accessToken, { grantId: grant.id, expiresAt: this.now() + lifetime * 1000, revoked: false });
    grant.accessTokens.push(accessToken);
    return { accessToken, refreshToken: grant.currentRefreshToken, expiresIn: lifetime, scopes: grant.scopes, grantId: grant.id, user: grant.user };
  }

  private liveAccessTokens(grant: Grant): string[] {
    const now = this.now();
    grant.accessTokens = grant.accessTokens.filter((t) => {
      const rec = this.accessTokens.get(t);
      return rec !== undefined && !rec.revoked && rec.expiresAt > now;
    });
    return grant.accessTokens;
  }

  /**
   * The refresh grant. The in-flight count is taken before the latency knob's wait and the rotation
   * happens after it, so two overlapping refreshes with one token behave as on a real server: under
   * strict rotation the second is a reuse and revokes the grant.
   */
  async refresh(clientId: string, refreshToken: string | undefined): Promise<Result<IssuedTokens, RefreshFailure>> {
    const first = refreshToken ? this.refreshTokens.get(refreshToken) : undefined;
    if (!first) {
      await this.latency();
      return { ok: false, error: 'invalid_grant' };
    }
    const grantId = first.grantId;
    const inFlight = (this.inFlight.get(grantId) ?? 0) + 1;
    this.inFlight.set(grantId, inFlight);
    this.counters.maxConcurrentRefreshes = Math.max(this.counters.maxConcurrentRefreshes, inFlight);
    this.counters.maxConcurrentRefreshesByGrant[grantId] = Math.max(this.counters.maxConcurrentRefreshesByGrant[grantId] ?? 0, inFlight);
    try {
      await this.latency();
      return this.refreshNow(clientId, refreshToken!);
    } finally {
      this.inFlight.set(grantId, (this.inFlight.get(grantId) ?? 1) - 1);
    }
  }

  private refreshNow(clientId: string, refreshToken: string): Result<IssuedTokens, RefreshFailure> {
    const rec = this.refreshTokens.get(refreshToken)!;
    const grant = this.grants.get(rec.grantId)!;
    const now = this.now();
    const { refreshMode, refreshTokenLifetime } = this.knobs;
    if (grant.revoked || this.knobs.revokedGrant || grant.clientId !== clientId) return { ok: false, error: 'invalid_grant' };
    if (refreshTokenLifetime !== null && now >= rec.issuedAt + refreshTokenLifetime * 1000) return { ok: false, error: 'invalid_grant' };
    if (rec.supersededAt !== undefined) {
      if (refreshMode.kind === 'strict_rotation') {
        this.counters.reuseDetections++;
        this.counters.familyRevocations++;
        this.revokeGrant(grant.id);
        return { ok: false, error: 'reuse_detected' };
      }
      const grace = refreshMode.kind === 'rotating_with_grace' ? refreshMode.graceSeconds : 0;
      if (now > rec.supersededAt + grace * 1000) return { ok: false, error: 'invalid_grant' };
    }
    const cap = this.knobs.accessTokenCap;
    if (cap && this.liveAccessTokens(grant).length >= cap.max) {
      if (cap.onExceed === 'refuse') return { ok: false, error: 'cap_refused' };
      this.revokeAccess(grant.accessTokens[0]!);
    }
    let rotated = false;
    if (refreshMode.kind !== 'non_rotating') {
      const next = this.definition.newToken('refresh');
      for (const old of [refreshToken, grant.currentRefreshToken]) {
        const r = old ? this.refreshTokens.get(old) : undefined;
        if (r && r.supersededAt === undefined) r.supersededAt = now;
      }
      this.refreshTokens.set(next, { grantId: grant.id, issuedAt: now });
      grant.currentRefreshToken = next;
      rotated = true;
    }
    this.counters.refreshes++;
    this.counters.refreshesByGrant[grant.id] = (this.counters.refreshesByGrant[grant.id] ?? 0) + 1;
    // Non-rotating platforms answer with the token that was presented (it stays current).
    const issued = this.issueAccess(grant);
    return { ok: true, value: { ...issued, refreshToken: rotated ? grant.currentRefreshToken : refreshToken, rotated } };
  }

  private revokeAccess(token: string): void {
    const rec = this.accessTokens.get(token);
    if (rec) rec.revoked = true;
  }

  /** Ends a grant: its access tokens and refresh tokens stop working. */
  revokeGrant(grantId: string): void {
    const grant = this.grants.get(grantId);
    if (!grant || grant.revoked) return;
    grant.revoked = true;
    for (const t of grant.accessTokens) this.revokeAccess(t);
  }

  /**
   * Revokes a token: a refresh token (or, with `grantWide`, any token) ends its whole grant; an
   * access token alone otherwise. Returns whether the token was known.
   */
  revokeToken(token: string | undefined, grantWide: boolean): boolean {
    if (!token) return false;
    const rt = this.refreshTokens.get(token);
    if (rt) {
      this.revokeGrant(rt.grantId);
      return true;
    }
    const at = this.accessTokens.get(token);
    if (!at) return false;
    if (grantWide) this.revokeGrant(at.grantId);
    else at.revoked = true;
    return true;
  }

  /** The live grant behind an access token, or undefined when it is unknown, expired or revoked. */
  introspect(accessToken: string | undefined): { grantId: string; clientId: string; user: FakeUser; scopes: string[]; expiresAt: number } | undefined {
    const rec = accessToken ? this.accessTokens.get(accessToken) : undefined;
    if (!rec || rec.revoked || rec.expiresAt <= this.now() || this.knobs.revokedGrant) return undefined;
    const grant = this.grants.get(rec.grantId)!;
    if (grant.revoked) return undefined;
    return { grantId: grant.id, clientId: grant.clientId, user: grant.user, scopes: grant.scopes, expiresAt: rec.expiresAt };
  }

  /** The grant id a token belongs to (for `counters.refreshesByGrant`). */
  grantIdOf(token: string): string | undefined {
    return this.refreshTokens.get(token)?.grantId ?? this.accessTokens.get(token)?.grantId;
  }

  /** Whether a grant was revoked (by revoke, reuse detection, a cap or a code replay). */
  isGrantRevoked(grantId: string): boolean {
    return this.grants.get(grantId)?.revoked ?? false;
  }

  /** Revokes every grant of a user ("the user disconnected the app at the platform"). */
  revokeUser(idOrLogin: string): void {
    for (const g of this.grants.values()) if (g.user.id === idOrLogin || g.user.login === idOrLogin) this.revokeGrant(g.id);
  }

  /** Makes every live access token expire now (refresh is then the only way on). */
  expireAccessTokens(): void {
    for (const rec of this.accessTokens.values()) rec.expiresAt = Math.min(rec.expiresAt, this.now());
  }

  grantCount(): number {
    return this.grants.size;
  }
}
