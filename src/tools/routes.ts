/** HTTP routes of local tools and StreamElements tokens. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Runtime } from '../runtime.ts';

export function toolsRoutes(_rt: Runtime): FastifyPluginAsyncZod {
  return async () => {};
}
