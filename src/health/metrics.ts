/**
 * The /metrics text: the runtime's counters, and gauges read from the database at scrape time
 * (integrations by status, open invalid_client alarms, webhook deliveries waiting).
 */
import type { Deps } from '../deps.ts';
import { renderMetrics, type GaugeSample } from '../metrics.ts';
import { pendingDeliveries } from '../push/webhook-outbox.ts';

export async function scrapeMetrics(deps: Pick<Deps, 'store' | 'metrics'>): Promise<string> {
  const byStatus = await deps.store.db
    .selectFrom('integrations')
    .select(['platform', 'status'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy(['platform', 'status'])
    .execute();
  const alarms = await deps.store.db.selectFrom('platform_alarms').select('platform').execute();
  const pending = await pendingDeliveries(deps);
  const statusSamples: GaugeSample[] = byStatus.map((r) => ({ labels: { platform: r.platform, status: r.status }, value: Number(r.n) }));
  const alarmCounts = new Map<string, number>();
  for (const a of alarms) alarmCounts.set(a.platform, (alarmCounts.get(a.platform) ?? 0) + 1);
  return renderMetrics(deps.metrics, [
    { name: 'bifrost_integrations', help: 'Integrations by platform and status (active, degraded, needs_reauth).', samples: statusSamples },
    { name: 'bifrost_platform_alarms', help: 'Open invalid_client alarms by platform.', samples: [...alarmCounts].map(([platform, value]) => ({ labels: { platform }, value })) },
    { name: 'bifrost_webhook_deliveries_pending', help: 'Webhook deliveries waiting to be sent or retried.', samples: [{ labels: {}, value: pending }] },
  ]);
}
