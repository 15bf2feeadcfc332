/**
 * The Prometheus metrics of one runtime (src/runtime.ts builds one registry and puts it on Deps), as a
 * small hand-written text exposition (format 0.0.4). A handful of counters does not justify
 * prom-client; labels are bounded sets (platform slugs, outcomes, statuses), never ids, tokens or
 * consumer names.
 */

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

type Labels = Record<string, string>;

/** Map key of a label set: the values in insertion order (label names are fixed per call site). */
function keyOf(labels: Labels): string {
  let key = '';
  for (const k in labels) key += `${k}\u0000${labels[k]}\u0001`;
  return key;
}

export class Counter {
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = keyOf(labels);
    const entry = this.values.get(key);
    if (entry) entry.value += by;
    else this.values.set(key, { labels, value: by });
  }

  get(labels: Labels = {}): number {
    return this.values.get(keyOf(labels))?.value ?? 0;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const { labels, value } of this.values.values()) lines.push(`${this.name}${formatLabels(labels)} ${value}`);
    return lines.join('\n');
  }
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function formatLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  return entries.length === 0 ? '' : `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
}

/** The counters of one runtime (one process = one scrape target). */
export interface Metrics {
  readonly refreshes: Counter;
  readonly tokenReads: Counter;
  readonly leaseConflicts: Counter;
  readonly validations: Counter;
  readonly webhookDeliveries: Counter;
  readonly chatMessages: Counter;
  readonly chatBucketWaits: Counter;
  readonly chatBucketWaitMs: Counter;
  readonly moderationActions: Counter;
}

export function createMetrics(): Metrics {
  return {
    refreshes: new Counter('bifrost_token_refreshes_total', 'Token refresh attempts by platform and outcome (ok, transient, throttled, invalid_grant, lost_rotation, invalid_client, fenced, …).'),
    tokenReads: new Counter('bifrost_token_reads_total', 'Tokens handed to consumers by platform and channel (internal, service_key, token_server).'),
    leaseConflicts: new Counter('bifrost_refresh_lease_conflicts_total', 'Refreshes that found the lease held by another refresh (another instance, or the worker).'),
    validations: new Counter('bifrost_token_validations_total', 'Token validations by platform and outcome.'),
    webhookDeliveries: new Counter('bifrost_webhook_deliveries_total', 'Webhook delivery attempts by outcome.'),
    chatMessages: new Counter('bifrost_chat_messages_total', 'Chat messages by platform and result (sent, or the reason it was refused: rate_limited, platform_429, refused, sender_unavailable, …).'),
    chatBucketWaits: new Counter('bifrost_chat_bucket_waits_total', 'Chat calls that waited for a free slot of a shared limit, by platform.'),
    chatBucketWaitMs: new Counter('bifrost_chat_bucket_wait_ms_total', 'Milliseconds chat calls spent waiting for a free slot, by platform.'),
    moderationActions: new Counter('bifrost_moderation_actions_total', 'Moderation actions by platform, action (banned, timed_out, unbanned, message_deleted) and result.'),
  };
}

/** A gauge computed at scrape time (e.g. integrations by status, read from the database). */
export interface GaugeSample {
  labels: Labels;
  value: number;
}

/** The text exposition: the runtime's counters, then gauges computed at scrape time. */
export function renderMetrics(metrics: Metrics, gauges: { name: string; help: string; samples: GaugeSample[] }[]): string {
  const parts = Object.values(metrics).map((c) => c.render());
  for (const g of gauges) {
    parts.push([`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`, ...g.samples.map((s) => `${g.name}${formatLabels(s.labels)} ${s.value}`)].join('\n'));
  }
  return `${parts.join('\n')}\n`;
}
