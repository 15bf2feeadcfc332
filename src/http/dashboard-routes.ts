/** HTTP routes of the built dashboard under /dashboard. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Runtime } from '../runtime.ts';

export function dashboardRoutes(_rt: Runtime): FastifyPluginAsyncZod {
  return async () => {};
}
