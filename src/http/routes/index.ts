/**
 * Every route module of the HTTP API, in registration order. Each is `(rt) => plugin`; add a
 * capability's routes with one line here.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Runtime } from '../../runtime.ts';
import { healthRoutes } from './health.ts';

export type RouteModule = (rt: Runtime) => FastifyPluginAsync;

export const routeModules: readonly RouteModule[] = [
  healthRoutes as RouteModule,
];
