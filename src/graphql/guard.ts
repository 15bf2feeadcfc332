/**
 * The one permission guard of every resolver: each root field declares the same access as its REST
 * route (`RouteAccess`) and is checked by the same `enforceAccess` (src/access/gate.ts), so both adapters refuse
 * exactly the same callers with the same codes.
 */
import type { RouteAccess } from '../access/gate.ts';
import { enforceAccess } from '../access/gate.ts';
import type { GqlContext } from './context.ts';

export type Resolver<A = Record<string, unknown>, R = unknown> = (args: A, ctx: GqlContext) => Promise<R> | R;
type FieldResolver = (root: unknown, args: Record<string, unknown>, ctx: GqlContext) => Promise<unknown>;

/** Marks a resolver made by `guarded` (a property of the function, not a registry: no module state). */
const GUARDED = Symbol('bifrost.guarded');

/** A root field: checks `access` first, then runs the (thin) resolver. */
export function guarded<A, R>(access: RouteAccess, resolve: Resolver<A, R>): FieldResolver {
  const field: FieldResolver = async (_root, args, ctx) => {
    enforceAccess(access, ctx.caller);
    return resolve(args as A, ctx);
  };
  Object.defineProperty(field, GUARDED, { value: true });
  return field;
}

/** For the structural test: every Query and Mutation field must go through `guarded`. */
export function isGuarded(resolve: unknown): boolean {
  return typeof resolve === 'function' && GUARDED in resolve;
}
