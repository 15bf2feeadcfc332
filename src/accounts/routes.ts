/** HTTP routes of the accounts capability (auth, me, accounts, members, roles, API keys, app credentials, admin, audit). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Runtime } from '../runtime.ts';

export function accountsRoutes(_rt: Runtime): FastifyPluginAsyncZod {
  return async () => {};
}
