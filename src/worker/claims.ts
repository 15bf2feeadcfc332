/**
 * The worker's database claims: due refreshes taken in batches with the same lease the refresh path
 * uses (one UPDATE … WHERE id IN (SELECT … LIMIT n [FOR UPDATE SKIP LOCKED]) RETURNING), due
 * validations, rows to schedule, and incidents a reconnect has healed. Several instances claiming at
 * once never take the same row: the outer WHERE re-checks the lease, SKIP LOCKED spares them waiting.
 */
import { sql } from 'kysely';
import type { Deps } from '../deps.ts';
import type { IntegrationRow } from '../integrations/model.ts';
import { yieldToEventLoop } from '../clock.ts';
import { leaseMs, type HeldLease } from '../refresh/lease.ts';
import { nextRefreshAt } from '../refresh/schedule.ts';

/**
 * Claims up to `limit` integrations of a platform that are due for a refresh, as lease `owner`; none
 * while the platform's 429 gate (platform_throttle) is ahead. "Due" is isDue of
 * refresh/schedule.ts in SQL, pace rule included: half the token's lifetime (or max_age) since it was
 * issued — (issued + expires) / 2 <= now, written without a division — and min_refresh_interval
 * since the last refresh. A row the pace rule holds back is not claimed, so it cannot be re-claimed
 * in a loop either.
 */
export async function claimDueRefreshes(deps: Deps, owner: string, platform: string, limit: number): Promise<HeldLease[]> {
  if (limit <= 0) return [];
  const rows = await dueRefreshesClaim(deps, owner, platform, limit, deps.clock.now()).execute();
  return rows.map((row) => ({ epoch: row.refresh_epoch, row }));
}

/**
 * The claim statement of claimDueRefreshes, unexecuted (bench:scale prints its plan). The two "due"
 * alternatives each have an index (migration 072), so the database reads only due rows (an OR of two
 * index ranges) instead of walking every row of the platform in expiry order: at 100,000 rows that
 * walk took SQLite's single connection for a quarter of a second and more on every tick.
 */
export function dueRefreshesClaim(deps: Deps, owner: string, platform: string, limit: number, now: number) {
  const cfg = deps.config.tokens;
  const marginMs = cfg.refresh_margin;
  const maxAgeMs = cfg.max_age;
  const floorMs = cfg.min_refresh_interval;
  const issued = sql<number>`coalesce(last_refreshed_at, connected_at)`;
  const db = deps.store.db;
  let due = db
    .selectFrom('integrations')
    .select('id')
    .where('platform', '=', platform)
    .where('status', '<>', 'needs_reauth')
    .where('refresh_token_enc', 'is not', null)
    .where((eb) => eb.or([eb('next_refresh_at', '<=', now), eb('token_expires_at', '<=', now + marginMs)]))
    .where(sql<boolean>`(token_expires_at + ${issued} <= ${2 * now} or ${issued} <= ${now - maxAgeMs})`)
    .where((eb) => eb.or([eb('last_refreshed_at', 'is', null), eb('last_refreshed_at', '<=', now - floorMs)]))
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
    .where((eb) => eb.or([eb('refresh_lease_until', 'is', null), eb('refresh_lease_until', '<', now)]))
    // The platform's 429 gate in the claim itself: a separate read of it before every claim was one
    // more round trip between a freed slot and its next refresh on PostgreSQL.
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('platform_throttle').select(sql<number>`1`.as('one')).where('platform', '=', platform).where('not_before', '>', now))))
    // `+column`: the same order, but SQLite no longer walks the (platform, token_expires_at) index to
    // avoid a sort; it reads the two due ranges (MULTI-INDEX OR) and sorts the few rows found.
    .orderBy(sql`+token_expires_at`)
    .limit(limit);
  if (deps.store.caps.skipLocked) due = due.forUpdate().skipLocked();
  return db
    .updateTable('integrations')
    .set((eb) => ({ refresh_lease_until: now + leaseMs(deps), refresh_lease_owner: owner, refresh_epoch: eb('refresh_epoch', '+', 1) }))
    .where('id', 'in', due)
    .where((eb) => eb.or([eb('refresh_lease_until', 'is', null), eb('refresh_lease_until', '<', now)]))
    .returningAll();
}

/** Claims up to `limit` integrations of a platform whose validation is due; the claim moves it an interval ahead. */
export async function claimDueValidations(deps: Deps, platform: string, limit: number): Promise<IntegrationRow[]> {
  if (limit <= 0) return [];
  return dueValidationsClaim(deps, platform, limit, deps.clock.now()).execute();
}

const VALIDATION_DUE = sql<number>`coalesce(validation_due_at, 0)`;

/** The claim statement of claimDueValidations, unexecuted. */
export function dueValidationsClaim(deps: Deps, platform: string, limit: number, now: number) {
  const db = deps.store.db;
  let due = db
    .selectFrom('integrations')
    .select('id')
    .where('platform', '=', platform)
    .where('status', '<>', 'needs_reauth')
    // `+column` keeps SQLite from reading every live token of the platform through the expiry index
    // (nearly all of them are live).
    .where(sql`+token_expires_at`, '>', now)
    // Never validated (null) counts as due; written as the expression migration 072 indexes with the
    // platform, so the due rows are one index range, already in order (never-validated first).
    .where(VALIDATION_DUE, '<=', now)
    .where((eb) => eb.or([eb('refresh_lease_until', 'is', null), eb('refresh_lease_until', '<', now)]))
    .orderBy(VALIDATION_DUE)
    .limit(limit);
  if (deps.store.caps.skipLocked) due = due.forUpdate().skipLocked();
  return db
    .updateTable('integrations')
    .set({ validation_due_at: now + deps.config.tokens.validate_interval })
    .where('id', 'in', due)
    .where((eb) => eb.or([eb('validation_due_at', 'is', null), eb('validation_due_at', '<=', now)]))
    .returningAll();
}

/** Gives rows written outside the refresh path (connect, reconnect) a refresh schedule. */
export async function scheduleUnscheduled(deps: Deps, limit = 500): Promise<number> {
  const rows = await unscheduledQuery(deps, limit).execute();
  for (const row of rows) {
    // One update per turn of the event loop: a large backlog must not hold HTTP requests up.
    await yieldToEventLoop();
    await deps.store.db
      .updateTable('integrations')
      .set({ next_refresh_at: nextRefreshAt(deps.config.tokens, row) })
      .where('id', '=', row.id)
      .where('next_refresh_at', 'is', null)
      .execute();
  }
  return rows.length;
}

/** The rows scheduleUnscheduled reads (integrations_next_refresh serves `next_refresh_at is null`). */
export function unscheduledQuery(deps: Deps, limit: number) {
  return deps.store.db
    .selectFrom('integrations')
    .select(['id', 'token_expires_at', 'connected_at', 'last_refreshed_at'])
    .where('next_refresh_at', 'is', null)
    .where('status', '<>', 'needs_reauth')
    .limit(limit);
}

/** Active integrations that still carry an incident: a reconnect healed them; the worker announces it once. */
export async function healedIncidents(deps: Deps, limit = 100): Promise<IntegrationRow[]> {
  return healedIncidentsQuery(deps, limit).execute();
}

/** The query of healedIncidents; the partial index integrations_incident (migration 072) holds only rows with an incident. */
export function healedIncidentsQuery(deps: Deps, limit: number) {
  return deps.store.db.selectFrom('integrations').selectAll().where('status', '=', 'active').where('incident', 'is not', null).limit(limit);
}

/** On worker start: tokens of platforms that require it are validated again unless checked very recently. */
export async function validateOnStart(deps: Deps, platforms: string[]): Promise<void> {
  if (platforms.length === 0) return;
  const recent = deps.clock.now() - 5 * 60_000;
  await deps.store.db
    .updateTable('integrations')
    .set({ validation_due_at: null })
    .where('platform', 'in', platforms)
    .where((eb) => eb.or([eb('last_validated_at', 'is', null), eb('last_validated_at', '<', recent)]))
    .execute();
}
