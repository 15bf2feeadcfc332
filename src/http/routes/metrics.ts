/** GET /metrics on the main listener when metrics are on and have no address of their own (metrics.listen), else the separate listener's lifetime. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Runtime } from '../../runtime.ts';
import { METRICS_CONTENT_TYPE } from '../../metrics.ts';
import { scrapeMetrics } from '../../health/metrics.ts';
import { startMetricsListener } from '../metrics-listener.ts';

export function metricsRoutes(rt: Runtime): FastifyPluginAsyncZod {
  return async (app) => {
    if (rt.config.metrics.enabled && !rt.config.metrics.listen) {
      app.get('/metrics', { schema: { hide: true }, config: { access: { public: true } } }, async (_request, reply) =>
        reply.header('Cache-Control', 'no-store').type(METRICS_CONTENT_TYPE).send(await scrapeMetrics(rt)),
      );
    }
    // A separate metrics listener (metrics.listen) lives and dies with the server.
    let metricsListener: Awaited<ReturnType<typeof startMetricsListener>>;
    app.addHook('onReady', async () => {
      metricsListener = await startMetricsListener(rt);
    });
    app.addHook('onClose', async () => {
      await metricsListener?.close();
    });
  };
}
