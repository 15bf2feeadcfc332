/**
 * The separate /metrics listener: off by default (metrics are not public); `metrics.listen` puts
 * /metrics on its own address (e.g. loopback or a private interface) instead of the main listener.
 */
import { createServer, type Server } from 'node:http';
import type { Runtime } from '../runtime.ts';
import { METRICS_CONTENT_TYPE } from '../metrics.ts';
import { scrapeMetrics } from '../health/metrics.ts';

function parseListen(listen: string): { host: string; port: number } {
  const i = listen.lastIndexOf(':');
  return { host: listen.slice(0, i).replace(/^\[|\]$/g, ''), port: Number(listen.slice(i + 1)) };
}

/** Starts the separate metrics listener when configured; returns its address and close function. */
export async function startMetricsListener(rt: Runtime): Promise<{ address: string; close: () => Promise<void> } | undefined> {
  const { enabled, listen } = rt.config.metrics;
  if (!enabled || !listen) return undefined;
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    scrapeMetrics(rt).then(
      (text) => res.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE, 'cache-control': 'no-store' }).end(text),
      (err: unknown) => {
        rt.log.error({ err }, 'metrics scrape failed');
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics unavailable\n');
      },
    );
  });
  const { host, port } = parseListen(listen);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = server.address();
  const address = typeof bound === 'object' && bound ? `http://${bound.family === 'IPv6' ? `[${bound.address}]` : bound.address}:${bound.port}` : listen;
  rt.log.info({ address }, 'metrics listening');
  return { address, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
