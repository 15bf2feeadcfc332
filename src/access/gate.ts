/**
 * The coarse gate every REST route and GraphQL root field declares (`config.access` / `guarded`), and
 * the one check of it both adapters run, so they refuse exactly the same callers with the same codes.
 *
 * - `{ public: true }`: anyone (health, OAuth callback, login).
 * - `{ session: true }`: any signed-in user, no account permission (e.g. GET /v1/me).
 * - `{ authenticated: true }`: any caller with a session or an API key (POST /graphql, whose
 *   resolvers each check their own permission).
 * - `{ permission: 'connections:read' }`: a member of the current account holding that permission.
 * - `{ anyPermission: [...] }`: a member holding at least one of them; the service then checks the one
 *   the addressed object needs (channel and bot integrations need different permissions).
 * - `{ instanceAdmin: true }`: an instance administrator (signed in).
 * - `{ consumer: true }`: a token consumer (internal service key or service key), checked by the
 *   consumers capability itself.
 */
import { AppError } from '../errors/app-error.ts';
import { requireInstanceAdmin, type Caller } from './caller.ts';
import type { Permission } from './permissions.ts';

export type RouteAccess =
  | { public: true }
  | { session: true }
  | { authenticated: true }
  | { permission: Permission }
  | { anyPermission: readonly Permission[] }
  | { instanceAdmin: true }
  | { consumer: true };

export function enforceAccess(access: RouteAccess, caller: Caller): void {
  if ('public' in access) return;
  if (caller.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'sign in, or send an API key');
  if ('authenticated' in access) return;
  if ('session' in access) {
    if (caller.kind !== 'session') throw new AppError('FORBIDDEN', 'this needs a signed-in dashboard session; API keys cannot use it');
    return;
  }
  if ('instanceAdmin' in access) return requireInstanceAdmin(caller);
  if ('permission' in access) {
    if (!caller.accountId) throw new AppError('FORBIDDEN', 'you are not a member of any account');
    if (!caller.permissions.has(access.permission)) throw new AppError('FORBIDDEN', `this needs the ${access.permission} permission`);
  }
  if ('anyPermission' in access) {
    if (!caller.accountId) throw new AppError('FORBIDDEN', 'you are not a member of any account');
    if (!access.anyPermission.some((p) => caller.permissions.has(p))) {
      throw new AppError('FORBIDDEN', `this needs one of the permissions ${access.anyPermission.join(', ')}`);
    }
  }
}
