/**
 * What one platform folder exports to the registry: identity, capability table, scope catalogue,
 * default endpoint base URLs, an adapter factory and (loaded only when needed) its fake.
 */
import type { AnyFakeDefinition } from './fake/types.ts';
import type { Connector, ConnectorSettings, EventSource } from './event-types.ts';
import type { PlatformHttp } from './oauth/http.ts';
import type { PlatformAdapter, PlatformCapabilities, PlatformSlug, ScopeCatalogue } from './types.ts';

/** Adapter options after the registry applied defaults. */
export interface ResolvedAdapterOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  /** Every endpoint group of the platform, defaults merged with overrides. */
  baseUrls: Readonly<Record<string, string>>;
  now: () => number;
}

/** How clients draw the platform (the dashboard's card marks): colours only, no third-party logos. */
export interface PlatformBrand {
  /** Background of the platform's mark, `#rrggbb`. */
  readonly color: string;
  /** Text on that background, `#rrggbb`; the pair keeps a contrast of at least 4.5:1 (structure test). */
  readonly textColor: string;
}

/**
 * `S` is the platform's slug as a literal type and `F` its fake's type: the registry derives the
 * slug union (`PlatformSlug`) and the tests' knob types from them, so no list of platforms is
 * written anywhere else.
 */
export interface PlatformDefinition<S extends string = PlatformSlug, F extends AnyFakeDefinition = AnyFakeDefinition> {
  readonly slug: S;
  readonly name: string;
  readonly platformId: number;
  readonly brand: PlatformBrand;
  readonly capabilities: PlatformCapabilities;
  readonly scopes: ScopeCatalogue;
  /** Endpoint group → the platform's real base URL (no trailing slash). */
  readonly defaultBaseUrls: Readonly<Record<string, string>>;
  createAdapter(options: ResolvedAdapterOptions): PlatformAdapter;
  /** The live connector of a channel integration (event-types.ts); absent until the platform has one. */
  readonly events?: {
    readonly source: EventSource;
    /** The platform pushes events to `server.public_url` (webhooks): it must be https and reachable from the internet. */
    readonly needsPublicUrl?: boolean;
    createConnector(settings: ConnectorSettings): Connector;
  };
  /** The fake, imported lazily so production code does not load it unless sandbox mode is on. */
  loadFake(): Promise<F>;
}

/**
 * The base URLs of a server that serves every endpoint group under `root` at the group's real path
 * (how the fakes are laid out): `{ oauth: 'https://id.twitch.tv/oauth2' }` → `{ oauth: root + '/oauth2' }`.
 */
export function baseUrlsUnder(root: string, defaults: Readonly<Record<string, string>>): Record<string, string> {
  const base = root.replace(/\/+$/, '');
  return Object.fromEntries(Object.entries(defaults).map(([group, url]) => [group, base + new URL(url).pathname.replace(/\/+$/, '')]));
}

/** Defaults overlaid with overrides (unknown groups in overrides are ignored). */
export function resolveBaseUrls(defaults: Readonly<Record<string, string>>, overrides: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = { ...defaults };
  for (const [group, url] of Object.entries(overrides ?? {})) if (group in out) out[group] = url.replace(/\/+$/, '');
  return out;
}

/** The outbound context of one adapter. */
export function platformHttp(def: { readonly slug: PlatformSlug; readonly name: string }, options: ResolvedAdapterOptions): PlatformHttp {
  return { platform: def.slug, name: def.name, fetch: options.fetch, timeoutMs: options.timeoutMs, now: options.now };
}
