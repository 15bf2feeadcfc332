/**
 * Roles: the built-in four plus custom roles per account. A role is named in memberships by its
 * built-in name or its custom id (rol_…). Nobody grants what they do not hold (no escalation).
 */
import { sql, type Kysely } from 'kysely';
import type { Deps } from '../deps.ts';
import type { Database } from '../store/schema.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { prefixedId } from '../crypto/random.ts';
import { BUILTIN_ROLES, BUILTIN_ROLE_NAMES, isBuiltinRole, sortPermissions } from './builtin-roles.ts';
import { isPermission, type Permission } from '../access/permissions.ts';
import { isUniqueViolation } from './unique-violation.ts';
import { actingMember, type Actor } from './actor.ts';
import { accountOf, type Caller } from '../access/caller.ts';
import { recordAudit } from '../audit/record.ts';

export interface RoleView {
  id: string;
  name: string;
  builtin: boolean;
  permissions: Permission[];
  createdAt: number | null;
  updatedAt: number | null;
}

export function parsePermissions(json: string): Permission[] {
  try {
    const list = JSON.parse(json) as unknown;
    return Array.isArray(list) ? list.filter((p): p is Permission => typeof p === 'string' && isPermission(p)) : [];
  } catch {
    return [];
  }
}

/** The permissions a role grants in an account, or undefined for an unknown role. */
export async function permissionsOfRole(rt: Deps, accountId: string, role: string, db: Kysely<Database> = rt.store.db): Promise<ReadonlySet<Permission> | undefined> {
  if (isBuiltinRole(role)) return BUILTIN_ROLES[role];
  const row = await db.selectFrom('roles').select('permissions').where('id', '=', role).where('account_id', '=', accountId).executeTakeFirst();
  return row ? new Set(parsePermissions(row.permissions)) : undefined;
}

/** A role's display name (the custom role's name, or the built-in name). */
export async function roleName(rt: Deps, accountId: string, role: string): Promise<string> {
  if (isBuiltinRole(role)) return role;
  const row = await rt.store.db.selectFrom('roles').select('name').where('id', '=', role).where('account_id', '=', accountId).executeTakeFirst();
  return row?.name ?? role;
}

function isSubset(perms: Iterable<Permission>, of: ReadonlySet<Permission>): boolean {
  for (const p of perms) if (!of.has(p)) return false;
  return true;
}

/**
 * Throws unless `actor` may hand out (or take away) `role`: the owner role only by an owner, any
 * other role only when its permissions are all held by the actor.
 */
export async function assertMayGrant(rt: Deps, actor: Actor, role: string, field = 'role'): Promise<ReadonlySet<Permission>> {
  const perms = await permissionsOfRole(rt, actor.accountId, role);
  if (!perms) throw new AppError('VALIDATION_FAILED', `${field}: no role "${role}" in this account`, { details: { field } });
  if (role === 'owner' ? !actor.isOwner : !isSubset(perms, actor.permissions)) {
    throw new AppError('PERMISSION_NOT_HELD', role === 'owner' ? 'only an owner can grant or take away the owner role' : `the role "${role}" has permissions you do not hold`);
  }
  return perms;
}

export function assertPermissionsHeld(actor: Actor, perms: readonly Permission[]): void {
  const missing = perms.filter((p) => !actor.permissions.has(p));
  if (missing.length > 0) throw new AppError('PERMISSION_NOT_HELD', `you do not hold ${missing.join(', ')}`);
}

function customView(row: { id: string; name: string; permissions: string; created_at: number; updated_at: number }): RoleView {
  return {
    id: row.id,
    name: row.name,
    builtin: false,
    permissions: sortPermissions(parsePermissions(row.permissions)),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export async function listRoles(rt: Deps, caller: Caller): Promise<RoleView[]> {
  return rolesOf(rt, accountOf(caller));
}

async function rolesOf(rt: Deps, accountId: string): Promise<RoleView[]> {
  const builtins: RoleView[] = BUILTIN_ROLE_NAMES.map((name) => ({
    id: name,
    name,
    builtin: true,
    permissions: sortPermissions(BUILTIN_ROLES[name]),
    createdAt: null,
    updatedAt: null,
  }));
  const rows = await rt.store.db.selectFrom('roles').selectAll().where('account_id', '=', accountId).orderBy('name').execute();
  return [...builtins, ...rows.map(customView)];
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (isBuiltinRole(trimmed.toLowerCase())) {
    throw new AppError('VALIDATION_FAILED', `name: "${trimmed}" is a built-in role; choose another name`, { details: { field: 'name' } });
  }
  return trimmed;
}

/** Role names are unique per account regardless of case ("Mods" and "mods" would confuse everyone). */
async function assertNameFree(rt: Deps, accountId: string, name: string, exceptId?: string): Promise<void> {
  let q = rt.store.db.selectFrom('roles').select('id').where('account_id', '=', accountId).where(sql<string>`lower(name)`, '=', name.toLowerCase());
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) throw nameTaken(name);
}

function nameTaken(name: string): AppError {
  return new AppError('CONFLICT', `name: a role named "${name}" exists already`, { details: { field: 'name' } });
}

export async function createRole(rt: Deps, caller: Caller, input: { name: string; permissions: Permission[] }): Promise<RoleView> {
  const actor = actingMember(caller);
  const name = checkName(input.name);
  assertPermissionsHeld(actor, input.permissions);
  await assertNameFree(rt, actor.accountId, name);
  const now = rt.clock.now();
  const row = { id: prefixedId('rol'), account_id: actor.accountId, name, permissions: JSON.stringify(sortPermissions(input.permissions)), created_at: now, updated_at: now };
  try {
    await rt.store.db.insertInto('roles').values(row).execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(name);
    throw err;
  }
  await recordAudit(rt, { ...actor.audit, accountId: actor.accountId, action: 'role.created', target: { type: 'role', id: row.id }, details: { name, permissions: input.permissions } });
  return customView(row);
}

async function findCustomRole(rt: Deps, accountId: string, id: string) {
  if (isBuiltinRole(id)) throw new AppError('CONFLICT', `the built-in role "${id}" cannot be changed or deleted`);
  const row = await rt.store.db.selectFrom('roles').selectAll().where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
  if (!row) throw notFound('role');
  return row;
}

export async function updateRole(rt: Deps, caller: Caller, id: string, input: { name?: string | undefined; permissions?: Permission[] | undefined }): Promise<RoleView> {
  const actor = actingMember(caller);
  const row = await findCustomRole(rt, actor.accountId, id);
  // Editing a role that is more powerful than you would let you change what others can do beyond you.
  assertPermissionsHeld(actor, parsePermissions(row.permissions));
  if (input.permissions) assertPermissionsHeld(actor, input.permissions);
  const name = input.name === undefined ? row.name : checkName(input.name);
  await assertNameFree(rt, actor.accountId, name, id);
  const permissions = input.permissions ? JSON.stringify(sortPermissions(input.permissions)) : row.permissions;
  const now = rt.clock.now();
  try {
    await rt.store.db.updateTable('roles').set({ name, permissions, updated_at: now }).where('id', '=', id).where('account_id', '=', actor.accountId).execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(name);
    throw err;
  }
  await recordAudit(rt, {
    ...actor.audit,
    accountId: actor.accountId,
    action: 'role.updated',
    target: { type: 'role', id },
    details: { name, permissions: parsePermissions(permissions), previous_permissions: parsePermissions(row.permissions) },
  });
  return customView({ ...row, name, permissions, updated_at: now });
}

export async function deleteRole(rt: Deps, caller: Caller, id: string): Promise<void> {
  const actor = actingMember(caller);
  const row = await findCustomRole(rt, actor.accountId, id);
  assertPermissionsHeld(actor, parsePermissions(row.permissions));
  await rt.store.db.transaction().execute(async (trx) => {
    const used = await trx.selectFrom('memberships').select('user_id').where('account_id', '=', actor.accountId).where('role', '=', id).executeTakeFirst();
    if (used) throw new AppError('ROLE_IN_USE', `members still have the role "${row.name}"; give them another role first`);
    // Unused invites for the role would otherwise admit members with a role that no longer exists.
    await trx.deleteFrom('invites').where('account_id', '=', actor.accountId).where('role', '=', id).where('used_at', 'is', null).execute();
    await trx.deleteFrom('roles').where('id', '=', id).where('account_id', '=', actor.accountId).execute();
    await recordAudit(rt, { ...actor.audit, accountId: actor.accountId, action: 'role.deleted', target: { type: 'role', id }, details: { name: row.name } }, trx);
  });
}
