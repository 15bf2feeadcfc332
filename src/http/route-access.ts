/**
 * Every route declares who may call it in `config.access` (the gate of src/access/gate.ts);
 * registration fails for a route under /v1, /internal or /graphql that declares nothing, so no route
 * is accidentally open.
 */
import type { RouteAccess } from '../access/gate.ts';
import type { Caller } from '../access/caller.ts';

export type { RouteAccess };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /**
     * Below log.level debug, a successful answer is not request-logged: token reads, which bots make
     * all day and which are counted per consumer in the database instead, and health probes. An
     * answer of 400 or more is still logged, with the request (src/http/app.ts).
     */
    quietLog?: boolean;
    /**
     * A service key (`Authorization: Bearer bfs_…`) may call this route as a Caller of its own account
     * with the acting permissions it was granted (chat:send, moderation:manage) and its grants.
     */
    serviceKeys?: boolean;
    /**
     * A public API route that never looks at who calls: its credential is something else (the
     * Companion token server's id in the query), so no session or API key is looked up for it and
     * `request.caller` stays unset.
     */
    anonymous?: boolean;
  }
  interface FastifyRequest {
    /** Who is calling: set on every request by the auth hook before the route's access is checked. */
    caller: Caller;
  }
}

/** Path prefixes whose routes must declare access. */
const PROTECTED_PREFIXES = ['/v1', '/internal', '/graphql'] as const;

export function requiresAccessDeclaration(url: string): boolean {
  return PROTECTED_PREFIXES.some((p) => url === p || url.startsWith(`${p}/`));
}
