/**
 * The platform registry: the one list of platforms, and their adapters built with the runtime's
 * fetch and the endpoint base URLs configuration resolved (real hosts, sandbox fakes, a staging
 * server or an egress proxy). The slug type, the config sections and the tests' fakes derive from it.
 */
import { resolveBaseUrls, type PlatformDefinition } from './definition.ts';
import { DEFAULT_TIMEOUT_MS } from './oauth/http.ts';
import type { PlatformAdapter, PlatformRegistry } from './types.ts';
import { twitch } from './twitch/index.ts';
import { youtube } from './youtube/index.ts';
import { kick } from './kick/index.ts';
import { trovo } from './trovo/index.ts';

/** Every platform Bifrost speaks, in display order. Adding one: a folder and one entry here. */
const REGISTERED = [twitch, youtube, kick, trovo] as const;

/** One registered definition with its literal slug and fake type (tests derive the fakes' knob types from it). */
export type RegisteredDefinition = (typeof REGISTERED)[number];

/** A platform's slug (`twitch`, …): the union of the registered definitions' slugs. */
export type PlatformSlug = RegisteredDefinition['slug'];

/** Every platform's definition, in display order. */
export const PLATFORM_DEFINITIONS: readonly PlatformDefinition[] = REGISTERED;

/** Every slug, in display order (for zod enums and loops). */
export const PLATFORM_SLUGS: readonly [PlatformSlug, ...PlatformSlug[]] = PLATFORM_DEFINITIONS.map((d) => d.slug) as [PlatformSlug, ...PlatformSlug[]];

export interface RegistryOptions {
  fetch: typeof fetch;
  timeoutMs?: number;
  /** Endpoint group → base URL, per platform; groups left out keep the platform's real URL. */
  endpoints?: Partial<Record<PlatformSlug, Readonly<Record<string, string>>>>;
  /** Epoch ms (Retry-After dates, validate expiry); default Date.now. */
  now?: () => number;
}

/** Builds every adapter, each pointed at its configured endpoints (default: the platform's own). */
export function createPlatformRegistry(options: RegistryOptions): PlatformRegistry {
  const registry = new Map<PlatformSlug, PlatformAdapter>();
  for (const def of PLATFORM_DEFINITIONS) {
    const baseUrls = resolveBaseUrls(def.defaultBaseUrls, options.endpoints?.[def.slug]);
    registry.set(def.slug, def.createAdapter({ fetch: options.fetch, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, baseUrls, now: options.now ?? Date.now }));
  }
  return registry;
}
