/**
 * Serves only the built dashboard, with Bifrost's real security headers, for browser tests whose API
 * answers are stubbed in the page (states the live server cannot be forced into on demand).
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { installSecurityHeaders } from '../../../src/http/security-headers.ts';
import { dashboardRoutes } from '../../../src/http/dashboard-routes.ts';
import type { Runtime } from '../../../src/runtime.ts';

export async function serveDashboardOnly(): Promise<{ url: string; close: () => Promise<void> }> {
  const app: FastifyInstance = Fastify();
  await installSecurityHeaders(app, { https: false });
  // The dashboard routes need nothing from the runtime.
  await app.register(dashboardRoutes({} as Runtime));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: () => app.close() };
}
