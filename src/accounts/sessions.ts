/**
 * Dashboard sessions: a 256-bit random id in an HttpOnly cookie, stored only as its SHA-256, with an
 * idle timeout and an absolute lifetime from config (AS-1…AS-4). Each session carries its CSRF token.
 */
import type { Kysely } from 'kysely';
import type { FastifyReply } from 'fastify';
import type { Deps } from '../deps.ts';
import type { Database } from '../store/schema.ts';
import { randomToken } from '../crypto/random.ts';
import { sha256Hex } from '../crypto/hash.ts';
import { storeFailureReason } from '../store/store-failure.ts';

/** last_seen_at is written at most this often, so reads do not turn into a write per request. */
const TOUCH_INTERVAL_MS = 60_000;

export interface SessionCookie {
  name: string;
  secure: boolean;
}

/** `__Host-` (Secure, Path=/, no Domain) when served over https; a plain name on loopback http. */
export function sessionCookie(rt: Deps): SessionCookie {
  const secure = rt.config.server.public_url.startsWith('https:');
  return { name: secure ? '__Host-bifrost_session' : 'bifrost_session', secure };
}

export function setSessionCookie(rt: Deps, reply: FastifyReply, sessionId: string): void {
  const { name, secure } = sessionCookie(rt);
  // SameSite=Lax, not Strict: the cookie must survive the top-level redirect back from a platform (AS-4).
  // Serialized here rather than with reply.setCookie: Bifrost registers @fastify/cookie without its
  // per-request hooks (src/http/app.ts), and a response sets at most this one cookie.
  reply.header('Set-Cookie', reply.server.serializeCookie(name, sessionId, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: Math.floor(rt.config.server.session_absolute_lifetime / 1000) }));
}

export function clearSessionCookie(rt: Deps, reply: FastifyReply): void {
  const { name, secure } = sessionCookie(rt);
  reply.header('Set-Cookie', reply.server.serializeCookie(name, '', { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: new Date(0), maxAge: 0 }));
}

export interface NewSession {
  /** The cookie value; never stored. */
  id: string;
  idHash: string;
  csrfToken: string;
}

/**
 * Creates a session; when the user then has more than `server.max_sessions_per_user`, their oldest
 * sessions (by sign-in time) end, so forgotten or scripted sign-ins cannot pile up live sessions.
 * Pass a transaction as `db` to make both one write.
 */
export async function createSession(rt: Deps, userId: string, ip: string | null, db: Kysely<Database> = rt.store.db): Promise<NewSession & { oldestEnded: number }> {
  const id = randomToken(32);
  const idHash = sha256Hex(id);
  const csrfToken = randomToken(32);
  const now = rt.clock.now();
  await db.insertInto('sessions').values({ id_hash: idHash, user_id: userId, csrf_token: csrfToken, created_at: now, last_seen_at: now, ip }).execute();
  const oldestEnded = await endSessionsOverCap(rt, userId, idHash, db);
  return { id, idHash, csrfToken, oldestEnded };
}

/** Ends the user's oldest sessions beyond the cap; `newest` (the one just created) always stays. */
async function endSessionsOverCap(rt: Deps, userId: string, newest: string, db: Kysely<Database>): Promise<number> {
  const cap = rt.config.server.max_sessions_per_user;
  const others = await db
    .selectFrom('sessions')
    .select('id_hash')
    .where('user_id', '=', userId)
    .where('id_hash', '<>', newest)
    .orderBy('created_at', 'desc')
    .orderBy('last_seen_at', 'desc')
    .execute();
  const over = others.slice(cap - 1).map((r) => r.id_hash);
  if (over.length === 0) return 0;
  const result = await db.deleteFrom('sessions').where('id_hash', 'in', over).executeTakeFirst();
  return Number(result.numDeletedRows ?? 0);
}

export interface ActiveSession {
  idHash: string;
  csrfToken: string;
  user: { id: string; username: string; isInstanceAdmin: boolean };
}

function expired(rt: Deps, row: { created_at: number; last_seen_at: number }, now: number): boolean {
  const { session_idle_timeout: idle, session_absolute_lifetime: absolute } = rt.config.server;
  return now - Number(row.last_seen_at) >= idle || now - Number(row.created_at) >= absolute;
}

/**
 * Session upkeep that may wait: while the database cannot take writes (full disk, read-only), a
 * request that only reads must not fail because its session could not be touched or tidied.
 */
async function upkeep(rt: Deps, write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (err) {
    const reason = storeFailureReason(err);
    if (!reason) throw err;
    rt.log.warn({ reason }, 'session upkeep skipped: the database cannot take writes');
  }
}

/** The live session for a cookie value, or undefined (an expired one is deleted on sight). */
export async function resolveSession(rt: Deps, cookieValue: string): Promise<ActiveSession | undefined> {
  if (cookieValue.length < 20 || cookieValue.length > 100) return undefined;
  const idHash = sha256Hex(cookieValue);
  const row = await rt.store.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id_hash', 'sessions.csrf_token', 'sessions.created_at', 'sessions.last_seen_at', 'users.id as user_id', 'users.username', 'users.is_instance_admin'])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const now = rt.clock.now();
  if (expired(rt, row, now)) {
    await upkeep(rt, () => rt.store.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute());
    return undefined;
  }
  if (now - Number(row.last_seen_at) >= Math.min(TOUCH_INTERVAL_MS, rt.config.server.session_idle_timeout / 10)) {
    await upkeep(rt, () => rt.store.db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute());
  }
  return {
    idHash,
    csrfToken: row.csrf_token,
    user: { id: row.user_id, username: row.username, isInstanceAdmin: row.is_instance_admin === 1 },
  };
}

export async function endSession(rt: Deps, idHash: string): Promise<void> {
  await rt.store.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Ends every session of the user except `keepIdHash` (after a password change, AS-3). */
export async function endOtherSessions(rt: Deps, userId: string, keepIdHash: string | undefined, db: Kysely<Database> = rt.store.db): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepIdHash) q = q.where('id_hash', '<>', keepIdHash);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows ?? 0);
}

/** Deletes every expired session (housekeeping at sign-in, so abandoned sessions do not pile up). */
export async function pruneSessions(rt: Deps): Promise<void> {
  const now = rt.clock.now();
  const { session_idle_timeout: idle, session_absolute_lifetime: absolute } = rt.config.server;
  await rt.store.db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('last_seen_at', '<=', now - idle), eb('created_at', '<=', now - absolute)]))
    .execute();
}

/** The CSRF token of a live session (GET /v1/me hands it to the dashboard). */
export async function sessionCsrfToken(rt: Deps, idHash: string): Promise<string | undefined> {
  const row = await rt.store.db.selectFrom('sessions').select('csrf_token').where('id_hash', '=', idHash).executeTakeFirst();
  return row?.csrf_token;
}
