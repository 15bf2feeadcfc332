/**
 * Every route module of the HTTP API, in registration order. Each is `(rt) => plugin` in this folder
 * (transport); these two lists are the only place they are wired.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Runtime } from '../../runtime.ts';
import { healthRoutes } from './health.ts';
import { accountsRoutes } from './accounts/index.ts';
import { sandboxRoutes } from '../../platforms/sandbox-routes.ts';
import { astroSandboxRoutes } from '../../tools/fakes/astro-sandbox.ts';
import { integrationsRoutes } from './integrations.ts';
import { consumerRoutes } from './consumer-tokens.ts';
import { managementRoutes } from './token-management.ts';
import { metricsRoutes } from './metrics.ts';
import { toolsRoutes } from './tools.ts';
import { chatRoutes } from './chat.ts';
import { ingestRoutes } from './ingest.ts';
import { toolActionRoutes } from './tool-actions.ts';
import { eventsRoutes, eventsUpgradeRoutes } from './events.ts';
import { graphqlRoutes } from '../../graphql/routes.ts';
import { dashboardRoutes } from '../dashboard-routes.ts';

export type RouteModule = (rt: Runtime) => FastifyPluginAsync;

export const routeModules: readonly RouteModule[] = [
  healthRoutes,
  accountsRoutes,
  sandboxRoutes,
  integrationsRoutes,
  consumerRoutes,
  managementRoutes,
  metricsRoutes,
  toolsRoutes,
  chatRoutes,
  ingestRoutes,
  toolActionRoutes,
  eventsRoutes,
  graphqlRoutes,
  dashboardRoutes,
] as RouteModule[];

/** Modules with WebSocket routes: registered in the one scope that carries the WebSocket plugin (app.ts). */
export const upgradeRouteModules: readonly RouteModule[] = [astroSandboxRoutes, eventsUpgradeRoutes] as RouteModule[];
