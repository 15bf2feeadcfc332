/**
 * The platform registry: one adapter per platform, built with the runtime's fetch and, in tests or
 * sandbox mode, base URLs pointing at the local fakes. The only list of platforms.
 */
import type { Config } from '../config/schema.ts';
import type { AdapterOptions, PlatformRegistry, PlatformSlug } from './types.ts';

export interface RegistryOptions {
  fetch: typeof fetch;
  timeoutMs?: number;
  /** Per-platform base URL overrides (tests point these at the fakes). */
  baseUrls?: Partial<Record<PlatformSlug, AdapterOptions['baseUrls']>>;
}

export function createPlatformRegistry(_config: Config, _options: RegistryOptions): PlatformRegistry {
  return new Map();
}
