/** HTTP routes of the accounts capability (auth, me, accounts, members, roles, API keys, app credentials, admin, audit). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Runtime } from '../../../runtime.ts';
import { announceSetup } from '../../../accounts/setup.ts';
import { authRoutes } from './auth-routes.ts';
import { accountRoutes } from './account-routes.ts';
import { memberRoutes } from './member-routes.ts';
import { roleRoutes } from './role-routes.ts';
import { apiKeyRoutes } from './api-key-routes.ts';
import { appCredentialRoutes } from './app-credential-routes.ts';
import { adminRoutes } from './admin-routes.ts';
import { auditRoutes } from '../audit.ts';

export function accountsRoutes(rt: Runtime): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(authRoutes(rt));
    await app.register(accountRoutes(rt));
    await app.register(memberRoutes(rt));
    await app.register(roleRoutes(rt));
    await app.register(apiKeyRoutes(rt));
    await app.register(appCredentialRoutes(rt));
    await app.register(adminRoutes(rt));
    await app.register(auditRoutes(rt));
    // First run: while no user exists, log a one-time setup link as the app becomes ready.
    app.addHook('onReady', async () => {
      await announceSetup(rt);
    });
  };
}
