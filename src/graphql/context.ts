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
  /** Added by Mercurius: the engine's reply (src/graphql/engine.ts), whose headers reach the answer. */
  reply: FastifyReply;
}
