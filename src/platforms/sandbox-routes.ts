/** HTTP routes of sandbox mode (the four fakes mounted under /sandbox/{platform}). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Runtime } from '../runtime.ts';

export function sandboxRoutes(_rt: Runtime): FastifyPluginAsyncZod {
  return async () => {};
}
