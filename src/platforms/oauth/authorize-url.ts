/**
 * Authorization URLs (RFC 6749 §4.1.1): parameters in a fixed order, `state` always (OA-1, OA-4),
 * the S256 challenge where the platform takes PKCE (OA-3), and scopes joined the way the platform
 * reads them (capabilities.scopeSeparator).
 */
import type { PlatformCapabilities } from '../types.ts';

export interface AuthorizeUrlInput {
  /** The platform's authorize endpoint. */
  endpoint: string;
  clientId: string;
  redirectUri: string;
  scopes: readonly string[];
  state: string;
  codeChallenge?: string | undefined;
  /** Parameters placed before all others (Kick's sacrificial loopback parameter [K1]). */
  leading?: readonly (readonly [string, string])[];
  /** Platform-specific parameters (force_verify, access_type, prompt), appended in order. */
  extra?: readonly (readonly [string, string])[];
  /** Name of the scope parameter (always `scope` today). */
  scopeParam?: string;
}

/**
 * Builds the URL. With separator ' ' the scopes are one space-joined value (encoded as `+`, which
 * every platform with a space separator reads as a space [T5][G1][K1]). With '+' the scopes are
 * encoded one by one and joined with a literal `+`, as Trovo's docs show
 * (`scope=channel_details_self+channel_update_self+user_details_self`, not `%2B` [R3][R11]).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.1
 */
export function buildAuthorizationUrl(caps: Pick<PlatformCapabilities, 'pkce' | 'scopeSeparator'>, input: AuthorizeUrlInput): string {
  if (input.state.length === 0) throw new Error('an authorization URL needs a state (OA-1)');
  if (caps.pkce === 'S256' && !input.codeChallenge) throw new Error('this platform takes PKCE: pass the S256 code challenge (OA-3)');
  const params = new URLSearchParams();
  for (const [k, v] of input.leading ?? []) params.append(k, v);
  params.set('client_id', input.clientId);
  params.set('redirect_uri', input.redirectUri);
  params.set('response_type', 'code');
  const scopeParam = input.scopeParam ?? 'scope';
  let scopeQuery = '';
  if (caps.scopeSeparator === ' ') params.set(scopeParam, input.scopes.join(' '));
  else scopeQuery = `${encodeURIComponent(scopeParam)}=${input.scopes.map(encodeURIComponent).join('+')}`;
  params.set('state', input.state);
  if (caps.pkce === 'S256' && input.codeChallenge) {
    params.set('code_challenge', input.codeChallenge);
    params.set('code_challenge_method', 'S256');
  }
  for (const [k, v] of input.extra ?? []) params.append(k, v);
  const query = scopeQuery ? `${params.toString()}&${scopeQuery}` : params.toString();
  const sep = input.endpoint.includes('?') ? '&' : '?';
  return `${input.endpoint}${sep}${query}`;
}
