/** HTTP routes of the token lifecycle (internal token API, token server, service keys, events, webhooks). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Runtime } from '../runtime.ts';

export function tokensRoutes(_rt: Runtime): FastifyPluginAsyncZod {
  return async () => {};
}
