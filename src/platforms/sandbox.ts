/** Sandbox mode's fixed app credentials and where its fakes live: the endpoints preset sandbox mode configures. */
import { baseUrlsUnder, type PlatformDefinition } from './definition.ts';
import type { ClientCredentials, PlatformSlug } from './types.ts';

/** `sandbox-<platform>-client` / `sandbox-<platform>-secret`: the instance fallback credentials in sandbox mode. */
export function sandboxCredentials(slug: PlatformSlug): Required<ClientCredentials> {
  return { clientId: `sandbox-${slug}-client`, clientSecret: `sandbox-${slug}-secret` };
}

/** Where sandbox mode serves a platform's fake: `${publicUrl}/sandbox/{slug}`. */
export function sandboxRoot(publicUrl: string, slug: PlatformSlug): string {
  return `${publicUrl.replace(/\/+$/, '')}/sandbox/${slug}`;
}

/** The endpoint groups of a platform as its fake in this server serves them (sandbox mode's endpoints). */
export function sandboxEndpoints(publicUrl: string, def: Pick<PlatformDefinition, 'slug' | 'defaultBaseUrls'>): Record<string, string> {
  return baseUrlsUnder(sandboxRoot(publicUrl, def.slug), def.defaultBaseUrls);
}
