/**
 * The platform registry: one adapter per platform, built with the runtime's fetch and, in tests or
 * sandbox mode, base URLs pointing at the local fakes. The only list of platforms.
 */
import type { Config } from '../config/schema.ts';
import { baseUrlsUnder, resolveBaseUrls, type PlatformDefinition } from './definition.ts';
import { DEFAULT_TIMEOUT_MS } from './oauth/http.ts';
import type { AdapterOptions, PlatformRegistry, PlatformSlug } from './types.ts';
import { twitch } from './twitch/index.ts';
import { youtube } from './youtube/index.ts';
import { kick } from './kick/index.ts';
import { trovo } from './trovo/index.ts';

/** Every platform Bifrost speaks, in display order. Adding one: a folder and one line here. */
export const PLATFORM_DEFINITIONS: readonly PlatformDefinition[] = [twitch, youtube, kick, trovo];

export interface RegistryOptions {
  fetch: typeof fetch;
  timeoutMs?: number;
  /** Per-platform base URL overrides (tests point these at the fakes). */
  baseUrls?: Partial<Record<PlatformSlug, AdapterOptions['baseUrls']>>;
  /** Epoch ms (Retry-After dates, validate expiry); default Date.now. */
  now?: () => number;
}

/** Where sandbox mode serves a platform's fake: `${public_url}/sandbox/{slug}`. */
export function sandboxRoot(config: Pick<Config, 'server'>, slug: PlatformSlug): string {
  return `${config.server.public_url}/sandbox/${slug}`;
}

/** The definition of one platform, or undefined. */
export function platformDefinition(slug: string): PlatformDefinition | undefined {
  return PLATFORM_DEFINITIONS.find((d) => d.slug === slug);
}

/**
 * Builds every adapter. In sandbox mode the adapters talk to the fakes mounted in this same server
 * (`${public_url}/sandbox/{slug}`); explicit `baseUrls` (tests) still win over both.
 */
export function createPlatformRegistry(config: Config, options: RegistryOptions): PlatformRegistry {
  const registry = new Map<PlatformSlug, ReturnType<PlatformDefinition['createAdapter']>>();
  for (const def of PLATFORM_DEFINITIONS) {
    const sandbox = config.sandbox ? baseUrlsUnder(sandboxRoot(config, def.slug), def.defaultBaseUrls) : undefined;
    const baseUrls = resolveBaseUrls(resolveBaseUrls(def.defaultBaseUrls, sandbox), options.baseUrls?.[def.slug]);
    registry.set(def.slug, def.createAdapter({ fetch: options.fetch, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, baseUrls, now: options.now ?? Date.now }));
  }
  return registry;
}
