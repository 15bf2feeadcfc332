/** HTTP routes of GraphQL (POST /graphql). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Runtime } from '../runtime.ts';

export function graphqlRoutes(_rt: Runtime): FastifyPluginAsyncZod {
  return async () => {};
}
