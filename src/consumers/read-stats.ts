/**
 * Token reads per consumer: counted in memory and flushed to consumer_reads about once a second (a
 * read is a hot path; a crash loses at most that second's counts), with an `integration.token_read`
 * audit event at most once per consumer, integration and hour — decided by a conditional UPDATE, so
 * it holds across instances. Service keys' and token servers' last-used times ride on the same flush.
 */
import type { Runtime } from '../runtime.ts';
import { recordAudit } from '../audit/write.ts';
import type { Consumer } from './consumers.ts';
import { metrics } from '../metrics.ts';

const FLUSH_MS = 1000;
const AUDIT_EVERY_MS = 60 * 60_000;

interface Pending {
  consumer: Consumer;
  integrationId: string;
  accountId: string | null;
  platform: string;
  count: number;
  last: number;
  ip: string | null;
}

interface Stats {
  pending: Map<string, Pending>;
  timer?: ReturnType<typeof setTimeout> | undefined;
  flushing?: Promise<void> | undefined;
}

const stats = new WeakMap<Runtime, Stats>();

function statsOf(rt: Runtime): Stats {
  let s = stats.get(rt);
  if (!s) stats.set(rt, (s = { pending: new Map() }));
  return s;
}

export function recordRead(rt: Runtime, consumer: Consumer, row: { id: string; account_id: string | null; platform: string }, ip: string | null): void {
  metrics.tokenReads.inc({ platform: row.platform, channel: consumer.kind });
  const s = statsOf(rt);
  const key = `${consumer.id}\u0000${row.id}`;
  const entry = s.pending.get(key);
  const now = rt.clock.now();
  if (entry) {
    entry.count += 1;
    entry.last = now;
    entry.ip = ip;
  } else {
    s.pending.set(key, { consumer, integrationId: row.id, accountId: row.account_id, platform: row.platform, count: 1, last: now, ip });
  }
  if (!s.timer) {
    s.timer = setTimeout(() => {
      s.timer = undefined;
      void flushReads(rt).catch((err: unknown) => rt.log.warn({ err }, 'could not record token reads; counts of this second are lost'));
    }, FLUSH_MS);
    s.timer.unref?.();
  }
}

async function flushOne(rt: Runtime, p: Pending): Promise<void> {
  const db = rt.store.db;
  await db
    .insertInto('consumer_reads')
    .values({ consumer: p.consumer.id, integration_id: p.integrationId, account_id: p.accountId, read_count: p.count, last_read_at: p.last, last_audited_at: null })
    .onConflict((oc) =>
      oc.columns(['consumer', 'integration_id']).doUpdateSet((eb) => ({
        read_count: eb('consumer_reads.read_count', '+', eb.ref('excluded.read_count')),
        last_read_at: eb.ref('excluded.last_read_at'),
      })),
    )
    .execute();
  const now = rt.clock.now();
  const claimed = await db
    .updateTable('consumer_reads')
    .set({ last_audited_at: now })
    .where('consumer', '=', p.consumer.id)
    .where('integration_id', '=', p.integrationId)
    .where((eb) => eb.or([eb('last_audited_at', 'is', null), eb('last_audited_at', '<=', now - AUDIT_EVERY_MS)]))
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) > 0) {
    await recordAudit(rt, {
      accountId: p.accountId,
      actor: { type: 'consumer', id: p.consumer.id, label: p.consumer.label },
      action: 'integration.token_read',
      target: { type: 'integration', id: p.integrationId },
      ip: p.ip,
      details: { platform: p.platform, consumer_kind: p.consumer.kind, reads_since_last_event: p.count },
    });
  }
  if (p.consumer.kind === 'service_key') await db.updateTable('service_keys').set({ last_used_at: p.last }).where('id', '=', p.consumer.id).execute();
  if (p.consumer.kind === 'token_server') await db.updateTable('token_servers').set({ last_used_at: p.last }).where('integration_id', '=', p.integrationId).execute();
}

/** Writes the counted reads now (also on shutdown, and in tests). */
export async function flushReads(rt: Runtime): Promise<void> {
  const s = statsOf(rt);
  if (s.flushing) await s.flushing;
  const batch = [...s.pending.values()];
  s.pending.clear();
  if (batch.length === 0) return;
  s.flushing = (async () => {
    for (const p of batch) {
      // A row deleted meanwhile (integration disconnected) fails its foreign key: skip it.
      await flushOne(rt, p).catch((err: unknown) => rt.log.debug({ err, integration: p.integrationId }, 'token read not recorded'));
    }
  })();
  try {
    await s.flushing;
  } finally {
    s.flushing = undefined;
  }
}

export function stopReadStats(rt: Runtime): Promise<void> {
  const s = statsOf(rt);
  clearTimeout(s.timer);
  s.timer = undefined;
  return flushReads(rt);
}
