/**
 * The one permission guard of every resolver: each root field declares the same access as its REST
 * route (`RouteAccess`) and is checked by the auth hook's own `enforceAccess`, so both adapters refuse
 * exactly the same callers with the same codes.
 */
import type { RouteAccess } from '../http/route-access.ts';
import type { Permission } from '../accounts/permissions.ts';
import { enforceAccess } from '../accounts/auth-hook.ts';
import { AppError } from '../errors/app-error.ts';
import { findIntegration } from '../integrations/repository.ts';
import type { GqlContext } from './context.ts';

export type Resolver<A = Record<string, unknown>, R = unknown> = (args: A, ctx: GqlContext) => Promise<R> | R;
type FieldResolver = (root: unknown, args: Record<string, unknown>, ctx: GqlContext) => Promise<unknown>;

const guardedResolvers = new WeakSet<object>();

/** A root field: checks `access` first, then runs the (thin) resolver. */
export function guarded<A, R>(access: RouteAccess, resolve: Resolver<A, R>): FieldResolver {
  const field: FieldResolver = async (_root, args, ctx) => {
    enforceAccess(access, ctx.auth);
    return resolve(args as A, ctx);
  };
  guardedResolvers.add(field);
  return field;
}

/** For the structural test: every Query and Mutation field must go through `guarded`. */
export function isGuarded(resolve: unknown): boolean {
  return typeof resolve === 'function' && guardedResolvers.has(resolve);
}

/** The account the caller acts on (routes with a permission always have one). */
export function accountIdOf(ctx: GqlContext): string {
  if (!ctx.auth.accountId) throw new AppError('FORBIDDEN', 'you are not a member of any account');
  return ctx.auth.accountId;
}

/**
 * Channel actions need a connections:* permission, bot actions a bot-connections:* one, as
 * the REST routes check it (src/integrations/routes.ts `requireFor`, which is not exported).
 */
export async function requireIntegrationPermission(ctx: GqlContext, id: string, channel: Permission, bot: Permission): Promise<void> {
  const row = id.startsWith('int_') ? await findIntegration(ctx.rt.store.db, { accountId: accountIdOf(ctx) }, id) : undefined;
  if (!row) throw new AppError('NOT_FOUND', 'integration not found');
  enforceAccess({ permission: row.integration_type === 'channel' ? channel : bot }, ctx.auth);
}
