/**
 * Who is calling: set on every request by the accounts auth hook (src/accounts/auth-hook.ts) before
 * the route's declared access is checked. Routes and services read `request.auth`, never cookies.
 */
import type { Permission } from '../accounts/permissions.ts';

export interface AuthUser {
  id: string;
  username: string;
  isInstanceAdmin: boolean;
}

export interface AuthContext {
  /** How the caller authenticated. */
  kind: 'anonymous' | 'session' | 'api_key';
  user?: AuthUser | undefined;
  /** The account this request acts on (from the API key, or X-Bifrost-Account / the user's first account). */
  accountId?: string | undefined;
  /** Effective permissions in `accountId`. */
  permissions: ReadonlySet<Permission>;
  /** Session id hash or API key id, for audit and "end other sessions". */
  credentialId?: string | undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext;
  }
}

export const ANONYMOUS: AuthContext = Object.freeze({ kind: 'anonymous', permissions: new Set<Permission>() }) as AuthContext;
