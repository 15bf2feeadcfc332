/**
 * The audit writer: one row per security-relevant action, with actor, account, target, IP and time.
 * Details never carry secrets: keys that name one (password, token, secret, …) are dropped.
 */
import type { Insertable, Kysely } from 'kysely';
import type { Deps } from '../deps.ts';
import type { Database } from '../store/schema.ts';
import { randomToken } from '../crypto/random.ts';
import type { AuditActor } from '../access/caller.ts';

export interface AuditEventInput {
  accountId?: string | null | undefined;
  actor: AuditActor;
  action: string;
  target?: { type: string; id: string } | null | undefined;
  ip?: string | null | undefined;
  details?: Record<string, unknown> | undefined;
}

const SECRET_NAME = /password|secret|token|cookie|authorization|csrf|verifier|^(key|api_key|service_key|internal_service_key)$/i;
const SAFE_SUFFIX = /_(id|ids|hint|prefix|type|count)$/i;

/** Drops fields whose names suggest a secret; a defence in depth, callers must not pass secrets at all. */
function scrub(details: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details ?? {})) {
    if (SECRET_NAME.test(k) && !SAFE_SUFFIX.test(k)) continue;
    out[k] = v;
  }
  return out;
}

/**
 * Ids sort in write order within a process even when several events share a millisecond (pages are
 * ordered by created_at, then id): the time, then the process's monotonic clock in nanoseconds
 * (never repeats, never goes back, so no counter has to be kept), both in fixed-width base 36, then
 * randomness.
 */
function auditId(now: number): string {
  const tick = process.hrtime.bigint().toString(36).padStart(13, '0');
  return `aud_${Math.max(0, now).toString(36).padStart(9, '0')}${tick}${randomToken(8)}`;
}

/** The audit_events row of one event (for a writer that inserts it with other rows in one statement). */
export type AuditRow = Insertable<Database['audit_events']>;

export function auditRow(rt: Pick<Deps, 'clock'>, event: AuditEventInput): AuditRow {
  const now = rt.clock.now();
  return {
    id: auditId(now),
    account_id: event.accountId ?? null,
    actor_type: event.actor.type,
    actor_id: event.actor.id ?? null,
    actor_label: event.actor.label ?? null,
    action: event.action,
    target_type: event.target?.type ?? null,
    target_id: event.target?.id ?? null,
    ip: event.ip ?? null,
    details: JSON.stringify(scrub(event.details)),
    created_at: now,
  };
}

/** Writes one audit event; pass `db` to write inside the caller's transaction. */
export async function recordAudit(rt: Pick<Deps, 'store' | 'clock'>, event: AuditEventInput, db: Kysely<Database> = rt.store.db): Promise<void> {
  await db.insertInto('audit_events').values(auditRow(rt, event)).execute();
}

/**
 * Writes many audit events in one statement (in their order: ids sort as they are listed). For a
 * batch of hundreds (the token-read flush): on SQLite each statement runs synchronously, and one
 * insert per event held the event loop for hundreds of milliseconds (bench:scale, cold reads).
 * Callers keep batches to a few hundred rows, far below either store's parameter limit.
 */
export async function recordAudits(rt: Pick<Deps, 'store' | 'clock'>, events: readonly AuditEventInput[], db: Kysely<Database> = rt.store.db): Promise<void> {
  if (events.length === 0) return;
  await db.insertInto('audit_events').values(events.map((event) => auditRow(rt, event))).execute();
}
