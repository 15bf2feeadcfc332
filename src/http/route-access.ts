/**
 * Every route declares who may call it in `config.access`; registration fails for a route under
 * /v1 or /internal that declares nothing, so no route is accidentally open.
 *
 * - `{ public: true }`: anyone (health, OAuth callback, login).
 * - `{ session: true }`: any signed-in user, no account permission (e.g. GET /v1/me).
 * - `{ authenticated: true }`: any caller with a session or an API key (POST /graphql, whose
 *   resolvers each check their own permission).
 * - `{ permission: 'connections:read' }`: a member of the current account holding that permission
 *   (through a session or an API key).
 * - `{ anyPermission: ['connections:edit', 'bot-connections:create'] }`: a member holding at least one of
 *   them; the service then checks the one the addressed object needs (channel and bot permissions
 *   differ on the same routes).
 * - `{ instanceAdmin: true }`: an instance administrator.
 * - `{ consumer: true }`: a token consumer (internal service key or per-consumer service key).
 */
import type { Permission } from '../accounts/permissions.ts';

export type RouteAccess =
  | { public: true }
  | { session: true }
  | { authenticated: true }
  | { permission: Permission }
  | { anyPermission: readonly Permission[] }
  | { instanceAdmin: true }
  | { consumer: true };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /**
     * Below log.level debug, a successful answer is not request-logged: token reads, which bots make
     * all day and which are counted per consumer in the database instead, and health probes. An
     * answer of 400 or more is still logged, with the request (src/http/app.ts).
     */
    quietLog?: boolean;
  }
}

/** Path prefixes whose routes must declare access. */
export const PROTECTED_PREFIXES = ['/v1', '/internal', '/graphql'] as const;

export function requiresAccessDeclaration(url: string): boolean {
  return PROTECTED_PREFIXES.some((p) => url === p || url.startsWith(`${p}/`));
}
