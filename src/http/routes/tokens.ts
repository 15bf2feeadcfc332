/** HTTP routes of the token lifecycle: the internal token API, management routes, and /metrics when served on the main listener. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Runtime } from '../../runtime.ts';
import { consumerRoutes } from './consumer-tokens.ts';
import { managementRoutes } from './token-management.ts';
import { METRICS_CONTENT_TYPE, scrape, startMetricsListener } from '../metrics-listener.ts';
import { closeEventStreams } from '../../push/event-stream.ts';
import { stopReadStats } from '../../consumers/read-stats.ts';
import { armFailpointLogging } from '../../tokens/failpoint-notice.ts';

export function tokensRoutes(rt: Runtime): FastifyPluginAsyncZod {
  return async (app) => {
    armFailpointLogging(rt);
    await app.register(consumerRoutes(rt));
    await app.register(managementRoutes(rt));
    if (rt.config.metrics.enabled && !rt.config.metrics.listen) {
      app.get('/metrics', { schema: { hide: true }, config: { access: { public: true } } }, async (_request, reply) =>
        reply.header('Cache-Control', 'no-store').type(METRICS_CONTENT_TYPE).send(await scrape(rt)),
      );
    }
    // A separate metrics listener (metrics.listen) lives and dies with the server.
    let metricsListener: Awaited<ReturnType<typeof startMetricsListener>>;
    app.addHook('onReady', async () => {
      metricsListener = await startMetricsListener(rt);
    });
    app.addHook('onClose', async () => {
      await metricsListener?.close();
      closeEventStreams(rt);
      await stopReadStats(rt).catch(() => {});
    });
  };
}
