/**
 * Serving /metrics: the text exposition with gauges read from the database at scrape time. Off by
 * default (AS-19: metrics are not public); `metrics.listen` puts it on its own address (e.g. loopback
 * or a private interface) instead of the main listener.
 */
import { createServer, type Server } from 'node:http';
import type { Runtime } from '../runtime.ts';
import { renderMetrics, type GaugeSample } from '../metrics.ts';

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export async function scrape(rt: Runtime): Promise<string> {
  const byStatus = await rt.store.db
    .selectFrom('integrations')
    .select(['platform', 'status'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy(['platform', 'status'])
    .execute();
  const alarms = await rt.store.db.selectFrom('platform_alarms').select('platform').execute();
  const pending = await rt.store.db
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', '=', 'pending')
    .executeTakeFirst();
  const statusSamples: GaugeSample[] = byStatus.map((r) => ({ labels: { platform: r.platform, status: r.status }, value: Number(r.n) }));
  const alarmCounts = new Map<string, number>();
  for (const a of alarms) alarmCounts.set(a.platform, (alarmCounts.get(a.platform) ?? 0) + 1);
  return renderMetrics([
    { name: 'bifrost_integrations', help: 'Integrations by platform and status (active, degraded, needs_reauth).', samples: statusSamples },
    { name: 'bifrost_platform_alarms', help: 'Open invalid_client alarms by platform.', samples: [...alarmCounts].map(([platform, value]) => ({ labels: { platform }, value })) },
    { name: 'bifrost_webhook_deliveries_pending', help: 'Webhook deliveries waiting to be sent or retried.', samples: [{ labels: {}, value: Number(pending?.n ?? 0) }] },
  ]);
}

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
    scrape(rt).then(
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
