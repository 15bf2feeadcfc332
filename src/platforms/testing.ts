/**
 * Test helpers for every capability: start every platform's fake at once (adapters plug into
 * `baseUrls`, instance credentials into `env`), and a fetch that sends requests into an app
 * in-process (sandbox mode without a listening server).
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { startFakeServer, type FakeHandle } from './fake/harness.ts';
import type { FakeDefinition, FakeKnobs } from './fake/types.ts';
import { PLATFORM_DEFINITIONS, type RegisteredDefinition } from './registry.ts';
import { resolveBaseUrls, type PlatformDefinition } from './definition.ts';
import { isPlatformError, type PlatformError } from './errors.ts';
import { DEFAULT_TIMEOUT_MS } from './oauth/http.ts';
import { createPkcePair } from './oauth/pkce.ts';
import type { ClientCredentials, PlatformAdapter, PlatformSlug, TokenSet } from './types.ts';

export type { FakeHandle } from './fake/harness.ts';
export type { FakeCall, FakeCounters, FakeKnobs, FakeUser, GarbageKind, RefreshMode } from './fake/types.ts';
export { refreshModes } from './fake/knobs.ts';

/** The knob type of a platform definition's fake. */
type KnobsOf<D> = D extends PlatformDefinition<string, FakeDefinition<infer K>> ? K : never;

/** Each fake's knob type, by platform (read off the registry, so a new platform needs no line here). */
export type FakeKnobsBySlug = { [S in PlatformSlug]: KnobsOf<Extract<RegisteredDefinition, { slug: S }>> };

export type FakesBySlug = { [S in PlatformSlug]: FakeHandle<FakeKnobsBySlug[S]> };

export interface AllFakes {
  /** Every platform's running fake. */
  fakes: FakesBySlug;
  /** Each platform's endpoints: `createPlatformRegistry({ fetch, endpoints })`, `testRuntime({ platformBaseUrls })`, or config `integrations.<slug>.endpoints`. */
  baseUrls: Record<PlatformSlug, Record<string, string>>;
  /** Instance credentials the fakes accept: `TWITCH_INTEGRATION_CLIENT_ID` … for `testRuntime({ env })`. */
  env: Record<string, string>;
  /** Resets every fake's knobs, counters and call log. */
  reset(): void;
  close(): Promise<void>;
}

export interface StartAllFakesOptions {
  /** Knobs applied to every fake at start (and after reset), e.g. `{ autoApprove: true }`. */
  knobs?: Partial<FakeKnobs>;
  clock?: Clock;
}

/** Starts every platform's fake on 127.0.0.1, each on an ephemeral port. */
export async function startAllFakes(options: StartAllFakesOptions = {}): Promise<AllFakes> {
  const handles = await Promise.all(
    PLATFORM_DEFINITIONS.map(async (def) => startFakeServer(await def.loadFake(), { ...(options.knobs ? { knobs: options.knobs } : {}), ...(options.clock ? { clock: options.clock } : {}) })),
  );
  const fakes = Object.fromEntries(handles.map((h) => [h.slug, h])) as unknown as FakesBySlug;
  const env: Record<string, string> = {};
  for (const h of handles) {
    env[`${h.slug.toUpperCase()}_INTEGRATION_CLIENT_ID`] = h.credentials.clientId;
    env[`${h.slug.toUpperCase()}_INTEGRATION_CLIENT_SECRET`] = h.credentials.clientSecret;
  }
  return {
    fakes,
    baseUrls: Object.fromEntries(handles.map((h) => [h.slug, h.baseUrls])) as Record<PlatformSlug, Record<string, string>>,
    env,
    reset: () => handles.forEach((h) => h.reset()),
    close: async () => {
      await Promise.all(handles.map((h) => h.close()));
    },
  };
}

interface Injectable {
  inject(opts: { method: string; url: string; headers: Record<string, string>; payload?: string }): Promise<{ statusCode: number; headers: Record<string, unknown>; rawPayload: Buffer }>;
}

/**
 * A `fetch` that answers from `app.inject()` (path and query of the URL; the origin is ignored), so
 * sandbox-mode adapters — pointed at `${public_url}/sandbox/…` — work in tests with no listening
 * server. `getApp` is called per request, so the runtime can be built before the app.
 */
export function injectFetch(getApp: () => Injectable): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    const res = await getApp().inject({ method: init?.method ?? 'GET', url: url.pathname + url.search, headers, ...(typeof init?.body === 'string' ? { payload: init.body } : {}) });
    const out = new Headers();
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out.set(k, Array.isArray(v) ? v.join(', ') : String(v));
    return new Response(res.statusCode === 204 || res.statusCode === 304 ? null : new Uint8Array(res.rawPayload), { status: res.statusCode, headers: out });
  }) as typeof fetch;
}

/** An adapter of the fake's platform pointed at the fake (the same wiring the registry does). */
export function adapterFor(fake: Pick<FakeHandle, 'slug' | 'baseUrls'>, options: { fetch?: typeof fetch; timeoutMs?: number; now?: () => number } = {}): PlatformAdapter {
  const def = PLATFORM_DEFINITIONS.find((d) => d.slug === fake.slug)!;
  return def.createAdapter({
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    baseUrls: resolveBaseUrls(def.defaultBaseUrls, fake.baseUrls),
    now: options.now ?? Date.now,
  });
}

/**
 * The whole code flow against a fake, without HTTP for the consent: authorize URL (with PKCE where
 * the platform takes it) → `fake.approve` → code exchange. Returns the tokens and what was sent.
 */
export async function connectWithFake(
  adapter: PlatformAdapter,
  fake: Pick<FakeHandle, 'credentials' | 'approve'>,
  options: { scopes?: readonly string[]; user?: string; redirectUri?: string; credentials?: ClientCredentials } = {},
): Promise<{ tokens: TokenSet; authorizationUrl: string; redirect: string; codeVerifier?: string | undefined }> {
  const credentials = options.credentials ?? fake.credentials;
  const redirectUri = options.redirectUri ?? 'http://127.0.0.1:8080/v1/integrations/callback/' + adapter.slug;
  const pkce = adapter.capabilities.pkce === 'S256' ? createPkcePair() : undefined;
  const state = randomBytes(16).toString('base64url');
  const authorizationUrl = adapter.authorizationUrl({
    credentials,
    redirectUri,
    scopes: options.scopes ?? adapter.scopes.channel.map((s) => s.scope),
    state,
    codeChallenge: pkce?.challenge,
    forceConsent: false,
  });
  const redirect = fake.approve(authorizationUrl, options.user ? { user: options.user } : {});
  const back = new URL(redirect);
  if (back.searchParams.get('state') !== state) throw new Error('the fake did not echo state');
  const code = back.searchParams.get('code');
  if (!code) throw new Error(`no code in the redirect: ${back.searchParams.get('error') ?? 'unknown'}`);
  const tokens = await adapter.exchangeCode({ credentials, code, redirectUri, codeVerifier: pkce?.verifier });
  return { tokens, authorizationUrl, redirect, codeVerifier: pkce?.verifier };
}

/** The PlatformError a promise rejects with (fails when it resolves or rejects with something else). */
export async function platformFailure(promise: Promise<unknown>): Promise<PlatformError> {
  const outcome = await promise.then(
    () => ({ resolved: true as const }),
    (err: unknown) => ({ resolved: false as const, err }),
  );
  if (outcome.resolved) throw new Error('expected a PlatformError, but the call succeeded');
  if (!isPlatformError(outcome.err)) throw new Error(`expected a PlatformError, got ${String(outcome.err)}`);
  return outcome.err;
}
