/**
 * Token reads per consumer: counted in memory and flushed to consumer_reads about once a second (a
 * read is a hot path; a crash loses at most that second's counts), with an `integration.token_read`
 * audit event at most once per consumer, integration and hour — decided by a conditional UPDATE, so
 * it holds across instances. Service keys' and token servers' last-used times ride on the same flush.
 * One counter per runtime (createReadStats), held by the consumers service.
 */
import { sql } from 'kysely';
import type { Deps } from '../deps.ts';
import { recordAudits } from '../audit/record.ts';
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

/** Rows per statement: 6 parameters a row stays far below SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

/** The read counts of these pairs added in one statement. */
async function upsertCounts(deps: Deps, batch: readonly Pending[]): Promise<void> {
  await deps.store.db
    .insertInto('consumer_reads')
    .values(batch.map((p) => ({ consumer: p.consumer.id, integration_id: p.integrationId, account_id: p.accountId, read_count: p.count, last_read_at: p.last, last_audited_at: null })))
    .onConflict((oc) =>
      oc.columns(['consumer', 'integration_id']).doUpdateSet((eb) => ({
        read_count: eb('consumer_reads.read_count', '+', eb.ref('excluded.read_count')),
        last_read_at: eb.ref('excluded.last_read_at'),
      })),
    )
    .execute();
}

/**
 * The pairs whose counts were written: all in one statement, or, when it fails (an integration deleted
 * meanwhile fails its foreign key), pair by pair, skipping the failing ones. A failed statement wrote
 * nothing, so no count is added twice.
 */
async function recordCounts(deps: Deps, batch: readonly Pending[]): Promise<readonly Pending[]> {
  try {
    await upsertCounts(deps, batch);
    return batch;
  } catch (err) {
    if (batch.length === 1) {
      deps.log.debug({ err, integration: batch[0]!.integrationId }, 'token read not recorded');
      return [];
    }
    const written: Pending[] = [];
    for (const p of batch) written.push(...(await recordCounts(deps, [p])));
    return written;
  }
}

/**
 * One interval's counts in a few statements whatever their number: one upsert of every pair, one
 * audit claim answering the pairs due an event (RETURNING), one insert of their events, then the
 * last-used times. A statement per pair made cold reads of 100,000 integrations hold a second's
 * worth of queries in memory, and on SQLite the event loop too (bench:scale).
 */
async function flushChunk(deps: Deps, chunk: readonly Pending[]): Promise<void> {
  const db = deps.store.db;
  const batch = await recordCounts(deps, chunk);
  if (batch.length === 0) return;
  const now = deps.clock.now();
  const pairs = sql.join(batch.map((p) => sql`(${p.consumer.id}, ${p.integrationId})`));
  const claimed = await db
    .updateTable('consumer_reads')
    .set({ last_audited_at: now })
    .where(sql<boolean>`(consumer, integration_id) in (values ${pairs})`)
    .where((eb) => eb.or([eb('last_audited_at', 'is', null), eb('last_audited_at', '<=', now - AUDIT_EVERY_MS)]))
    .returning(['consumer', 'integration_id'])
    .execute();
  if (claimed.length > 0) {
    const due = new Set(claimed.map((c) => `${c.consumer}\u0000${c.integration_id}`));
    await recordAudits(
      deps,
      batch
        .filter((p) => due.has(`${p.consumer.id}\u0000${p.integrationId}`))
        .map((p) => ({
          accountId: p.accountId,
          actor: { type: 'consumer' as const, id: p.consumer.id, label: p.consumer.label },
          action: 'integration.token_read',
          target: { type: 'integration', id: p.integrationId },
          ip: p.ip,
          details: { platform: p.platform, consumer_kind: p.consumer.kind, reads_since_last_event: p.count },
        })),
    );
  }
  // Last-used times: one statement per service key (its latest read) and per token server read.
  const keys = new Map<string, number>();
  for (const p of batch) if (p.consumer.kind === 'service_key') keys.set(p.consumer.id, Math.max(keys.get(p.consumer.id) ?? 0, p.last));
  for (const [id, last] of keys) await db.updateTable('service_keys').set({ last_used_at: last }).where('id', '=', id).execute();
  for (const p of batch) {
    if (p.consumer.kind === 'token_server') await db.updateTable('token_servers').set({ last_used_at: p.last }).where('integration_id', '=', p.integrationId).execute();
  }
}

/**
 * Chunk by chunk, with a turn of the event loop between them: SQLite's statements run synchronously,
 * and awaiting one only queues a microtask, so a flush of thousands of pairs written back to back
 * kept requests waiting for its whole length.
 */
async function flushBatch(deps: Deps, batch: readonly Pending[]): Promise<void> {
  for (let i = 0; i < batch.length; i += CHUNK) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    await flushChunk(deps, batch.slice(i, i + CHUNK));
  }
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
    flushing = flushBatch(deps, batch);
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
