/**
 * Platform-level gates shared by every instance through the database: a 429's "no calls before"
 * time per platform, and the invalid_client alarm per (platform, client id), which pauses refreshes
 * with that client instead of marking every integration broken, and lets one probe through now and then.
 */
import type { Deps } from '../deps.ts';

/** How often one refresh may probe whether an invalid_client alarm has cleared. */
const ALARM_PROBE_MS = 15 * 60_000;
/** Wait after a 429 without (or with an unreadable) Retry-After. */
export const DEFAULT_THROTTLE_MS = 60_000;

/** The time before which no call to this platform may be made, if that is in the future. */
export async function throttledUntil(deps: Deps, platform: string): Promise<number | undefined> {
  const row = await deps.store.db.selectFrom('platform_throttle').select('not_before').where('platform', '=', platform).executeTakeFirst();
  return row && row.not_before > deps.clock.now() ? row.not_before : undefined;
}

/** Records a 429: no call before `notBefore` (never moves an existing gate earlier). */
export async function throttlePlatform(deps: Deps, platform: string, notBefore: number): Promise<void> {
  const now = deps.clock.now();
  await deps.store.db
    .insertInto('platform_throttle')
    .values({ platform, not_before: notBefore, updated_at: now })
    .onConflict((oc) =>
      oc.column('platform').doUpdateSet((eb) => ({
        not_before: eb
          .case()
          .when(eb.ref('excluded.not_before'), '>', eb.ref('platform_throttle.not_before'))
          .then(eb.ref('excluded.not_before'))
          .else(eb.ref('platform_throttle.not_before'))
          .end(),
        updated_at: now,
      })),
    )
    .execute();
}

export interface Alarm {
  platform: string;
  client_id: string;
  reason: string;
  opened_at: number;
  next_probe_at: number;
}

export async function findAlarm(deps: Deps, platform: string, clientId: string): Promise<Alarm | undefined> {
  return deps.store.db.selectFrom('platform_alarms').selectAll().where('platform', '=', platform).where('client_id', '=', clientId).executeTakeFirst();
}

/** Opens the alarm; true only for the caller that opened it (so it is notified once). */
export async function openAlarm(deps: Deps, platform: string, clientId: string, reason: string): Promise<boolean> {
  const now = deps.clock.now();
  const inserted = await deps.store.db
    .insertInto('platform_alarms')
    .values({ platform, client_id: clientId, reason, opened_at: now, next_probe_at: now + ALARM_PROBE_MS })
    .onConflict((oc) => oc.columns(['platform', 'client_id']).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Claims the next probe of an open alarm: at most one refresh per probe interval, across instances. */
export async function claimProbe(deps: Deps, alarm: Alarm): Promise<boolean> {
  const now = deps.clock.now();
  if (alarm.next_probe_at > now) return false;
  const res = await deps.store.db
    .updateTable('platform_alarms')
    .set({ next_probe_at: now + ALARM_PROBE_MS })
    .where('platform', '=', alarm.platform)
    .where('client_id', '=', alarm.client_id)
    .where('next_probe_at', '<=', now)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Closes the alarm; true only for the caller that closed it. */
export async function clearAlarm(deps: Deps, platform: string, clientId: string): Promise<boolean> {
  const res = await deps.store.db.deleteFrom('platform_alarms').where('platform', '=', platform).where('client_id', '=', clientId).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
