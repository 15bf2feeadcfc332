/**
 * Instance-wide platform switches (the dashboard's "Unavailable" state), in instance_settings so every
 * instance sharing the database agrees. A platform is enabled unless an instance admin disabled it.
 */
import type { Deps } from '../deps.ts';
import { PLATFORM_SLUGS, type PlatformSlug } from '../config/schema.ts';
import { recordAudit } from '../audit/record.ts';
import { actorOf, type Caller } from '../access/caller.ts';

function settingKey(slug: string): string {
  return `platform.${slug}.enabled`;
}

export interface PlatformSetting {
  slug: PlatformSlug;
  enabled: boolean;
  updatedAt: number | null;
}

export async function isPlatformEnabled(rt: Deps, slug: string): Promise<boolean> {
  if (!(PLATFORM_SLUGS as readonly string[]).includes(slug)) return false;
  const row = await rt.store.db.selectFrom('instance_settings').select('value').where('key', '=', settingKey(slug)).executeTakeFirst();
  return row?.value !== 'false';
}

export async function listPlatformSettings(rt: Deps): Promise<PlatformSetting[]> {
  const rows = await rt.store.db
    .selectFrom('instance_settings')
    .select(['key', 'value', 'updated_at'])
    .where('key', 'in', PLATFORM_SLUGS.map(settingKey))
    .execute();
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return PLATFORM_SLUGS.map((slug) => {
    const row = byKey.get(settingKey(slug));
    return { slug, enabled: row?.value !== 'false', updatedAt: row ? Number(row.updated_at) : null };
  });
}

export async function setPlatformEnabled(rt: Deps, caller: Caller, slug: PlatformSlug, enabled: boolean): Promise<PlatformSetting> {
  const audit = actorOf(caller);
  const now = rt.clock.now();
  const value = enabled ? 'true' : 'false';
  await rt.store.db
    .insertInto('instance_settings')
    .values({ key: settingKey(slug), value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
  await recordAudit(rt, { ...audit, accountId: null, action: enabled ? 'platform.enabled' : 'platform.disabled', target: { type: 'platform', id: slug } });
  return { slug, enabled, updatedAt: now };
}
