/** Audit queries: newest first, filtered by action, actor and time, paged with an opaque cursor. */
import { accountOf, type Caller } from '../access/caller.ts';
import { sql } from 'kysely';
import type { Deps } from '../deps.ts';
import { AppError, invalidField } from '../errors/app-error.ts';
import { namesOf } from './names.ts';

export interface AuditEvent {
  id: string;
  accountId: string | null;
  action: string;
  /** `name`: the member's username or the key's name today (null once removed). */
  actor: { type: string; id: string | null; label: string | null; name: string | null };
  /** `name`: the integration, member, key, webhook, tool, role or account's name today (null once removed). */
  target: { type: string; id: string; name: string | null } | null;
  ip: string | null;
  details: Record<string, unknown>;
  createdAt: number;
}

export interface AuditQuery {
  /** The caller's account (default), or instance-level events (no account; instance administrators only). */
  scope?: 'account' | 'instance' | undefined;
  /** Exact action, or a prefix ending in `*` (e.g. `auth.*`). */
  action?: string | undefined;
  /** Actor id (usr_…, key_…) or actor type (`system`, `consumer`). */
  actor?: string | undefined;
  since?: number | undefined;
  until?: number | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

interface Cursor {
  t: number;
  id: string;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.t, c.id])).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const [t, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof t === 'number' && Number.isFinite(t) && typeof id === 'string') return { t, id };
  } catch {
    // fall through
  }
  throw invalidField('query.cursor', 'is not a cursor returned by this endpoint');
}

export async function listAuditEvents(rt: Deps, caller: Caller, q: AuditQuery): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
  let accountId: string | null = accountOf(caller);
  if (q.scope === 'instance') {
    if (caller.kind !== 'session' || !caller.user?.isInstanceAdmin) {
      throw new AppError('FORBIDDEN', 'instance events are for instance administrators (signed in)');
    }
    accountId = null;
  }
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
  let query = rt.store.db.selectFrom('audit_events').selectAll();
  query = accountId === null ? query.where('account_id', 'is', null) : query.where('account_id', '=', accountId);
  if (q.action) {
    const prefix = q.action.slice(0, -1);
    // substr, not LIKE: action names contain `_`, a LIKE wildcard.
    query = q.action.endsWith('*')
      ? query.where(sql<string>`substr(action, 1, ${prefix.length})`, '=', prefix)
      : query.where('action', '=', q.action);
  }
  if (q.actor) {
    const actor = q.actor;
    query = query.where((eb) => eb.or([eb('actor_id', '=', actor), eb('actor_type', '=', actor)]));
  }
  if (q.since !== undefined) query = query.where('created_at', '>=', q.since);
  if (q.until !== undefined) query = query.where('created_at', '<', q.until);
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    query = query.where((eb) => eb.or([eb('created_at', '<', c.t), eb.and([eb('created_at', '=', c.t), eb('id', '<', c.id)])]));
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const names = await namesOf(rt, [
    ...page.map((r) => ({ type: r.actor_type, id: r.actor_id })),
    ...page.map((r) => ({ type: r.target_type ?? '', id: r.target_id })),
  ]);
  const nameOf = (type: string | null, id: string | null) => (type && id ? (names.get(`${type}:${id}`) ?? null) : null);
  return {
    items: page.map((r) => ({
      id: r.id,
      accountId: r.account_id,
      action: r.action,
      actor: { type: r.actor_type, id: r.actor_id, label: r.actor_label, name: nameOf(r.actor_type, r.actor_id) },
      target: r.target_type && r.target_id ? { type: r.target_type, id: r.target_id, name: nameOf(r.target_type, r.target_id) } : null,
      ip: r.ip,
      details: JSON.parse(r.details) as Record<string, unknown>,
      createdAt: Number(r.created_at),
    })),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: Number(last.created_at), id: last.id }) : null,
  };
}
