/**
 * API keys: per account, named, `bf_` + 256 random bits, shown once and stored as SHA-256. A key acts
 * with its own permissions intersected with its creator's current ones, so a key never outlives
 * its creator's rights (removed member → dead key; demoted member → narrower key).
 */
import type { Deps } from '../deps.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { prefixedId, randomToken } from '../crypto/random.ts';
import { sha256Hex } from '../crypto/hash.ts';
import { recordAudit } from '../audit/record.ts';
import { assertPermissionsHeld, parsePermissions, permissionsOfRole } from './roles.ts';
import { findMembership } from './members.ts';
import { sortPermissions } from './builtin-roles.ts';
import type { Permission } from '../access/permissions.ts';
import { actingMember } from './actor.ts';
import { accountOf, type Caller } from '../access/caller.ts';

export const API_KEY_PREFIX = 'bf_';
/** last_used_at is written at most once a minute per key. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  permissions: Permission[];
  createdBy: { id: string; username: string };
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
}

/** Stores a new key; permission checks are the caller's (createApiKey). Returns the key once. */
export async function insertApiKey(
  rt: Deps,
  input: { accountId: string; userId: string; name: string; permissions: readonly Permission[]; expiresAt?: number | null | undefined },
): Promise<{ id: string; key: string; prefix: string }> {
  const key = `${API_KEY_PREFIX}${randomToken(32)}`;
  const id = prefixedId('key');
  const prefix = key.slice(0, API_KEY_PREFIX.length + 8);
  await rt.store.db
    .insertInto('api_keys')
    .values({
      id,
      account_id: input.accountId,
      user_id: input.userId,
      name: input.name,
      prefix,
      key_hash: sha256Hex(key),
      permissions: JSON.stringify(sortPermissions(input.permissions)),
      created_at: rt.clock.now(),
      expires_at: input.expiresAt ?? null,
      last_used_at: null,
    })
    .execute();
  return { id, key, prefix };
}

export async function createApiKey(
  rt: Deps,
  caller: Caller,
  input: { name: string; permissions: Permission[]; expiresAt?: number | undefined },
): Promise<ApiKeyView & { key: string }> {
  const actor = actingMember(caller);
  if (input.permissions.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'body.permissions: give the key at least one permission', { details: { field: 'body.permissions' } });
  }
  assertPermissionsHeld(actor, input.permissions);
  if (input.expiresAt !== undefined && input.expiresAt <= rt.clock.now()) {
    throw new AppError('VALIDATION_FAILED', 'body.expires_at: must be in the future', { details: { field: 'body.expires_at' } });
  }
  const created = await insertApiKey(rt, { accountId: actor.accountId, userId: actor.userId, name: input.name.trim(), permissions: input.permissions, expiresAt: input.expiresAt });
  await recordAudit(rt, {
    ...actor.audit,
    accountId: actor.accountId,
    action: 'api_key.created',
    target: { type: 'api_key', id: created.id },
    details: { name: input.name.trim(), key_prefix: created.prefix, permissions: sortPermissions(input.permissions), expires_at: input.expiresAt ?? null },
  });
  const view = (await apiKeysOf(rt, actor.accountId)).find((k) => k.id === created.id);
  if (!view) throw notFound('API key');
  return { ...view, key: created.key };
}

export async function listApiKeys(rt: Deps, caller: Caller): Promise<ApiKeyView[]> {
  return apiKeysOf(rt, accountOf(caller));
}

async function apiKeysOf(rt: Deps, accountId: string): Promise<ApiKeyView[]> {
  const rows = await rt.store.db
    .selectFrom('api_keys')
    .innerJoin('users', 'users.id', 'api_keys.user_id')
    .select([
      'api_keys.id',
      'api_keys.name',
      'api_keys.prefix',
      'api_keys.permissions',
      'api_keys.created_at',
      'api_keys.expires_at',
      'api_keys.last_used_at',
      'users.id as user_id',
      'users.username',
    ])
    .where('api_keys.account_id', '=', accountId)
    .orderBy('api_keys.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    permissions: sortPermissions(parsePermissions(r.permissions)),
    createdBy: { id: r.user_id, username: r.username },
    createdAt: Number(r.created_at),
    expiresAt: r.expires_at === null ? null : Number(r.expires_at),
    lastUsedAt: r.last_used_at === null ? null : Number(r.last_used_at),
  }));
}

export async function revokeApiKey(rt: Deps, caller: Caller, id: string): Promise<void> {
  const actor = actingMember(caller);
  const row = await rt.store.db.selectFrom('api_keys').select(['name', 'prefix']).where('id', '=', id).where('account_id', '=', actor.accountId).executeTakeFirst();
  if (!row) throw notFound('API key');
  await rt.store.db.deleteFrom('api_keys').where('id', '=', id).where('account_id', '=', actor.accountId).execute();
  await recordAudit(rt, { ...actor.audit, accountId: actor.accountId, action: 'api_key.revoked', target: { type: 'api_key', id }, details: { name: row.name, key_prefix: row.prefix } });
}

export interface ApiKeyAuth {
  keyId: string;
  accountId: string;
  user: { id: string; username: string; isInstanceAdmin: boolean };
  role: string;
  permissions: ReadonlySet<Permission>;
}

/** The key's identity and effective permissions, or undefined when it is unknown, expired or orphaned. */
export async function authenticateApiKey(rt: Deps, key: string): Promise<ApiKeyAuth | undefined> {
  if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) return undefined;
  const row = await rt.store.db
    .selectFrom('api_keys')
    .innerJoin('users', 'users.id', 'api_keys.user_id')
    .select(['api_keys.id', 'api_keys.account_id', 'api_keys.permissions', 'api_keys.expires_at', 'api_keys.last_used_at', 'users.id as user_id', 'users.username', 'users.is_instance_admin'])
    .where('api_keys.key_hash', '=', sha256Hex(key))
    .executeTakeFirst();
  if (!row) return undefined;
  const now = rt.clock.now();
  if (row.expires_at !== null && Number(row.expires_at) <= now) return undefined;
  const membership = await findMembership(rt, row.account_id, row.user_id);
  if (!membership) return undefined;
  const held = (await permissionsOfRole(rt, row.account_id, membership.role)) ?? new Set<Permission>();
  const permissions = new Set(parsePermissions(row.permissions).filter((p) => held.has(p)));
  if (row.last_used_at === null || now - Number(row.last_used_at) >= LAST_USED_RESOLUTION_MS) {
    await rt.store.db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return {
    keyId: row.id,
    accountId: row.account_id,
    user: { id: row.user_id, username: row.username, isInstanceAdmin: row.is_instance_admin === 1 },
    role: membership.role,
    permissions,
  };
}
