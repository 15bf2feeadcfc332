/** Sandbox mode's fixed app credentials: the fakes mounted under /sandbox accept any client, these are shown to users. */
import type { ClientCredentials, PlatformSlug } from './types.ts';

/** `sandbox-<platform>-client` / `sandbox-<platform>-secret`: the instance fallback credentials in sandbox mode. */
export function sandboxCredentials(slug: PlatformSlug): Required<ClientCredentials> {
  return { clientId: `sandbox-${slug}-client`, clientSecret: `sandbox-${slug}-secret` };
}
