/**
 * Each platform's effective endpoint base URLs, resolved once at load so `config check` shows where
 * Bifrost will send OAuth and API calls: the platform's own < sandbox mode's fakes < the explicit
 * `[integrations.<slug>.endpoints]`. Explicit groups win even in sandbox mode, so one platform can
 * talk to a staging server or a proxy while the others use the fakes.
 */
import { PLATFORM_DEFINITIONS, type PlatformSlug } from '../platforms/registry.ts';
import { sandboxEndpoints } from '../platforms/sandbox.ts';

interface Section {
  endpoints: Record<string, string>;
}

/** `integrations` with every platform's `endpoints` complete (every group set). */
export function withEffectiveEndpoints<I extends Record<PlatformSlug, Section>>(integrations: I, options: { sandbox: boolean; publicUrl: string }): I {
  const out = { ...integrations };
  for (const def of PLATFORM_DEFINITIONS) {
    const section = integrations[def.slug];
    const preset = options.sandbox ? sandboxEndpoints(options.publicUrl, def) : {};
    out[def.slug] = { ...section, endpoints: { ...def.defaultBaseUrls, ...preset, ...section.endpoints } };
  }
  return out;
}

/** Every platform's effective endpoints, by slug (what the platform registry takes). */
export function platformEndpoints(integrations: Readonly<Record<PlatformSlug, Readonly<Section>>>): Record<PlatformSlug, Record<string, string>> {
  return Object.fromEntries(PLATFORM_DEFINITIONS.map((def) => [def.slug, integrations[def.slug].endpoints])) as Record<PlatformSlug, Record<string, string>>;
}
