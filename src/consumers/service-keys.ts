/**
 * Per-consumer service keys (`bfs_…`): an account gives each bot or service its own key, limited to
 * some integrations or platforms, instead of sharing the instance's internal service key (AS-9). The
 * key is shown once and stored as a SHA-256 hash (256 random bits: no slow hash needed).
 */
import type { Deps } from '../deps.ts';
import { AppError, invalidField, notFound } from '../errors/app-error.ts';
import { prefixedId, randomToken } from '../crypto/random.ts';
import { sha256Hex } from '../crypto/hash.ts';
import { recordAudit } from '../audit/record.ts';
import { accountOf, actorOf, type Caller } from '../access/caller.ts';
import type { PlatformSlug } from '../config/schema.ts';
import { SERVICE_KEY_PREFIX } from './consumer.ts';
import type { SERVICE_KEY_PERMISSIONS } from '../access/permissions.ts';
import type { ConsumerService } from './service.ts';

/** A service key as the APIs show it: never the key itself (only in the answer that creates it). Times are epoch ms. */
export interface ServiceKey {
  id: string;
  name: string;
  prefix: string;
  integrationIds: string[] | null;
  platforms: string[] | null;
  /** Acting permissions the key was granted (chat:send, moderation:manage). */
  permissions: string[];
  createdAt: number;
  lastUsedAt: number | null;
}

export interface ServiceKeyInput {
  name: string;
  integration_ids?: string[] | undefined;
  platforms?: PlatformSlug[] | undefined;
  permissions?: (typeof SERVICE_KEY_PERMISSIONS)[number][] | undefined;
}

type Row = {
  id: string;
  name: string;
  prefix: string;
  integration_ids: string | null;
  platforms: string | null;
  permissions: string | null;
  created_at: number;
  last_used_at: number | null;
};

const list = (json: string | null): string[] | null => (json === null ? null : (JSON.parse(json) as string[]));

function view(row: Row): ServiceKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    integrationIds: list(row.integration_ids),
    platforms: list(row.platforms),
    permissions: list(row.permissions) ?? [],
    createdAt: Number(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
  };
}

export async function listServiceKeys(deps: Deps, caller: Caller): Promise<ServiceKey[]> {
  const accountId = accountOf(caller);
  const rows = await deps.store.db
    .selectFrom('service_keys')
    .select(['id', 'name', 'prefix', 'integration_ids', 'platforms', 'permissions', 'created_at', 'last_used_at'])
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(view);
}

/** Creating a key hands out token reading: the creator must hold tokens:read themselves. */
export async function createServiceKey(deps: Deps, caller: Caller, input: ServiceKeyInput): Promise<ServiceKey & { key: string }> {
  requireTokenReader(caller.permissions);
  const accountId = accountOf(caller);
  const actor = actorOf(caller);
  const ids = input.integration_ids ? [...new Set(input.integration_ids)] : null;
  if (ids && ids.length > 0) {
    // Only the account's own integrations (or the instance's global bots, its fallback) can be granted.
    const found = await deps.store.db
      .selectFrom('integrations')
      .select('id')
      .where('id', 'in', ids)
      .where((eb) => eb.or([eb('account_id', '=', accountId), eb('account_id', 'is', null)]))
      .execute();
    const known = new Set(found.map((r) => r.id));
    const unknown = ids.find((id) => !known.has(id));
    if (unknown) throw invalidField('integration_ids', `no integration "${unknown}" in this account`);
  }
  const platforms = input.platforms ? [...new Set(input.platforms)] : null;
  const permissions = [...new Set(input.permissions ?? [])];
  // A key acts with what it was granted: the creator cannot hand out what they do not hold.
  const notHeld = permissions.find((p) => !caller.permissions.has(p));
  if (notHeld) throw new AppError('PERMISSION_NOT_HELD', `you cannot grant ${notHeld}: you do not hold it yourself`, { details: { field: 'permissions' } });
  const key = `${SERVICE_KEY_PREFIX}${randomToken(32)}`;
  const row: Row = {
    id: prefixedId('svk'),
    name: input.name,
    prefix: key.slice(0, 12),
    integration_ids: ids ? JSON.stringify(ids) : null,
    platforms: platforms ? JSON.stringify(platforms) : null,
    permissions: permissions.length > 0 ? JSON.stringify(permissions) : null,
    created_at: deps.clock.now(),
    last_used_at: null,
  };
  await deps.store.db.insertInto('service_keys').values({ ...row, account_id: accountId, key_hash: sha256Hex(key), created_by: actor.actor.id ?? null }).execute();
  await recordAudit(deps, {
    accountId,
    actor: actor.actor,
    action: 'service_key.created',
    target: { type: 'service_key', id: row.id },
    ip: actor.ip ?? null,
    details: { name: row.name, integration_ids: ids, platforms, permissions },
  });
  return { ...view(row), key };
}

export async function deleteServiceKey(deps: Deps & { readonly consumers: Pick<ConsumerService, 'forgetServiceKeys'> }, caller: Caller, id: string): Promise<void> {
  const accountId = accountOf(caller);
  const actor = actorOf(caller);
  const res = await deps.store.db.deleteFrom('service_keys').where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound('service key');
  deps.consumers.forgetServiceKeys();
  await recordAudit(deps, { accountId, actor: actor.actor, action: 'service_key.deleted', target: { type: 'service_key', id }, ip: actor.ip ?? null });
}

function requireTokenReader(permissions: ReadonlySet<string>): void {
  if (!permissions.has('tokens:read')) throw new AppError('FORBIDDEN', 'creating a service key needs the tokens:read permission');
}
