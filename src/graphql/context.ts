/** What every resolver receives: the runtime, the Fastify request and who is calling (set by the auth hook). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Runtime } from '../runtime.ts';
import type { Caller } from '../access/caller.ts';

export interface GqlContext {
  rt: Runtime;
  /** The HTTP request: services that audit (actor, IP) read it exactly as the REST routes do. */
  request: FastifyRequest;
  /** Who is calling (the auth hook built it for this request); services take it as is. */
  caller: Caller;
  /** Added by Mercurius. */
  reply: FastifyReply;
}

/** Mercurius calls this once per HTTP request; it never throws (the auth hook already refused strangers). */
export function contextBuilder(rt: Runtime) {
  return async (request: FastifyRequest): Promise<Omit<GqlContext, 'reply'>> => ({ rt, request, caller: request.caller });
}
