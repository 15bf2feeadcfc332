/**
 * Token reads per consumer: counted in memory and flushed to consumer_reads about once a second (a
 * read is a hot path; a crash loses at most that second's counts), with an `integration.token_read`
 * audit event at most once per consumer, integration and hour — decided by a conditional UPDATE, so
 * it holds across instances. Service keys' and token servers' last-used times ride on the same flush.
 * One counter per runtime (createReadStats), held by the consumers service.
 */
import type { Deps } from '../deps.ts';
import { recordAudit } from '../audit/record.ts';
import type { Consumer } from './consumer.ts';

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

export interface ReadStats {
  /** Counts one token read (and the reads metric). */
  record(consumer: Consumer, row: { id: string; account_id: string | null; platform: string }, ip: string | null): void;
  /** Writes the counted reads now (also on shutdown, and in tests). */
  flush(): Promise<void>;
  /** Stops the flush timer and writes what is left. */
  stop(): Promise<void>;
}

async function flushOne(deps: Deps, p: Pending): Promise<void> {
  const db = deps.store.db;
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
  const now = deps.clock.now();
  const claimed = await db
    .updateTable('consumer_reads')
    .set({ last_audited_at: now })
    .where('consumer', '=', p.consumer.id)
    .where('integration_id', '=', p.integrationId)
    .where((eb) => eb.or([eb('last_audited_at', 'is', null), eb('last_audited_at', '<=', now - AUDIT_EVERY_MS)]))
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) > 0) {
    await recordAudit(deps, {
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

export function createReadStats(deps: Deps): ReadStats {
  const pending = new Map<string, Pending>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let flushing: Promise<void> | undefined;

  async function flush(): Promise<void> {
    if (flushing) await flushing;
    const batch = [...pending.values()];
    pending.clear();
    if (batch.length === 0) return;
    flushing = (async () => {
      for (const p of batch) {
        // A row deleted meanwhile (integration disconnected) fails its foreign key: skip it.
        await flushOne(deps, p).catch((err: unknown) => deps.log.debug({ err, integration: p.integrationId }, 'token read not recorded'));
      }
    })();
    try {
      await flushing;
    } finally {
      flushing = undefined;
    }
  }

  return {
    record(consumer, row, ip) {
      deps.metrics.tokenReads.inc({ platform: row.platform, channel: consumer.kind });
      const key = `${consumer.id}\u0000${row.id}`;
      const entry = pending.get(key);
      const now = deps.clock.now();
      if (entry) {
        entry.count += 1;
        entry.last = now;
        entry.ip = ip;
      } else {
        pending.set(key, { consumer, integrationId: row.id, accountId: row.account_id, platform: row.platform, count: 1, last: now, ip });
      }
      if (!timer) {
        timer = setTimeout(() => {
          timer = undefined;
          void flush().catch((err: unknown) => deps.log.warn({ err }, 'could not record token reads; counts of this second are lost'));
        }, FLUSH_MS);
        timer.unref?.();
      }
    },
    flush,
    stop() {
      clearTimeout(timer);
      timer = undefined;
      return flush();
    },
  };
}
