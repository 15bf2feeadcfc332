/** HTTP routes of integrations (seed 000 REST API). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Runtime } from '../runtime.ts';

export function integrationsRoutes(_rt: Runtime): FastifyPluginAsyncZod {
  return async () => {};
}
