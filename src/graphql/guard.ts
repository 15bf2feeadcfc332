/**
 * The one permission guard of every resolver: each root field declares the same access as its REST
 * route (`RouteAccess`) and is checked by the auth hook's own `enforceAccess`, so both adapters refuse
 * exactly the same callers with the same codes.
 */
import type { RouteAccess } from '../http/route-access.ts';
import type { Permission } from '../access/permissions.ts';
import { enforceAccess } from '../access/gate.ts';
import { AppError } from '../errors/app-error.ts';
import { findIntegration } from '../integrations/repository.ts';
import type { GqlContext } from './context.ts';

export type Resolver<A = Record<string, unknown>, R = unknown> = (args: A, ctx: GqlContext) => Promise<R> | R;
type FieldResolver = (root: unknown, args: Record<string, unknown>, ctx: GqlContext) => Promise<unknown>;

const guardedResolvers = new WeakSet<object>();

/** A root field: checks `access` first, then runs the (thin) resolver. */
export function guarded<A, R>(access: RouteAccess, resolve: Resolver<A, R>): FieldResolver {
  const field: FieldResolver = async (_root, args, ctx) => {
    enforceAccess(access, ctx.caller);
    return resolve(args as A, ctx);
  };
  guardedResolvers.add(field);
  return field;
}

/** For the structural test: every Query and Mutation field must go through `guarded`. */
export function isGuarded(resolve: unknown): boolean {
  return typeof resolve === 'function' && guardedResolvers.has(resolve);
}
