/**
 * Members of an account: list, change role, remove. An account always keeps an owner, and nobody
 * changes a member more powerful than themselves.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Deps } from '../deps.ts';
import type { Database } from '../store/schema.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { BUILTIN_ROLES, isBuiltinRole } from './builtin-roles.ts';
import { assertMayGrant, parsePermissions } from './roles.ts';
import { actingMember, type Actor } from './actor.ts';
import { accountOf, type Caller } from '../access/caller.ts';
import { recordAudit } from '../audit/record.ts';

export interface MemberView {
  userId: string;
  username: string;
  role: string;
  roleName: string;
  joinedAt: number;
}

export interface MembershipOfUser {
  accountId: string;
  name: string;
  role: string;
  createdAt: number;
}

/** The user's accounts, oldest membership first (the first is the default account). */
export async function membershipsOfUser(rt: Deps, userId: string): Promise<MembershipOfUser[]> {
  const rows = await rt.store.db
    .selectFrom('memberships')
    .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
    .select(['accounts.id', 'accounts.name', 'memberships.role', 'memberships.created_at'])
    .where('memberships.user_id', '=', userId)
    .orderBy('memberships.created_at')
    .orderBy('accounts.id')
    .execute();
  return rows.map((r) => ({ accountId: r.id, name: r.name, role: r.role, createdAt: Number(r.created_at) }));
}

export async function findMembership(rt: Deps, accountId: string, userId: string, db: Kysely<Database> = rt.store.db): Promise<{ role: string } | undefined> {
  return db.selectFrom('memberships').select('role').where('account_id', '=', accountId).where('user_id', '=', userId).executeTakeFirst();
}

export async function listMembers(rt: Deps, caller: Caller): Promise<MemberView[]> {
  return membersOf(rt, accountOf(caller));
}

async function membersOf(rt: Deps, accountId: string): Promise<MemberView[]> {
  const rows = await rt.store.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .leftJoin('roles', (j) => j.onRef('roles.id', '=', 'memberships.role').onRef('roles.account_id', '=', 'memberships.account_id'))
    .select(['users.id', 'users.username', 'memberships.role', 'memberships.created_at', 'roles.name as custom_name'])
    .where('memberships.account_id', '=', accountId)
    .orderBy('memberships.created_at')
    .orderBy('users.username')
    .execute();
  return rows.map((r) => ({ userId: r.id, username: r.username, role: r.role, roleName: r.custom_name ?? r.role, joinedAt: Number(r.created_at) }));
}

/**
 * Locks the account row for the rest of the transaction (a no-op write: a row lock on PostgreSQL;
 * SQLite transactions are serialized anyway), so two owners cannot demote each other at once.
 */
export async function lockAccount(db: Kysely<Database>, accountId: string): Promise<void> {
  await db.updateTable('accounts').set({ updated_at: sql<number>`updated_at` }).where('id', '=', accountId).execute();
}

async function ownerCount(db: Kysely<Database>, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('account_id', '=', accountId)
    .where('role', '=', 'owner')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Throws unless the actor may act on a member who currently has `role`. */
async function assertMayManage(rt: Deps, actor: Actor, role: string): Promise<void> {
  if (role === 'owner') {
    if (!actor.isOwner) throw new AppError('PERMISSION_NOT_HELD', 'only an owner can change or remove an owner');
    return;
  }
  let perms: Iterable<string> = [];
  if (isBuiltinRole(role)) perms = BUILTIN_ROLES[role];
  else {
    const row = await rt.store.db.selectFrom('roles').select('permissions').where('id', '=', role).where('account_id', '=', actor.accountId).executeTakeFirst();
    perms = row ? parsePermissions(row.permissions) : [];
  }
  for (const p of perms) {
    if (!actor.permissions.has(p as never)) throw new AppError('PERMISSION_NOT_HELD', 'this member has permissions you do not hold');
  }
}

export async function changeMemberRole(rt: Deps, caller: Caller, userId: string, role: string): Promise<MemberView> {
  const actor = actingMember(caller);
  const current = await findMembership(rt, actor.accountId, userId);
  if (!current) throw notFound('member');
  await assertMayManage(rt, actor, current.role);
  await assertMayGrant(rt, actor, role);
  await rt.store.db.transaction().execute(async (trx) => {
    await lockAccount(trx, actor.accountId);
    const now = await findMembership(rt, actor.accountId, userId, trx);
    if (!now) throw notFound('member');
    if (now.role === 'owner' && role !== 'owner' && (await ownerCount(trx, actor.accountId)) <= 1) {
      throw new AppError('LAST_OWNER', 'this is the last owner of the account; make someone else owner first');
    }
    await trx.updateTable('memberships').set({ role }).where('account_id', '=', actor.accountId).where('user_id', '=', userId).execute();
    await recordAudit(
      rt,
      { ...actor.audit, accountId: actor.accountId, action: 'member.role_changed', target: { type: 'user', id: userId }, details: { from: now.role, to: role } },
      trx,
    );
  });
  const view = (await membersOf(rt, actor.accountId)).find((m) => m.userId === userId);
  if (!view) throw notFound('member');
  return view;
}

export async function removeMember(rt: Deps, caller: Caller, userId: string): Promise<void> {
  const actor = actingMember(caller);
  const current = await findMembership(rt, actor.accountId, userId);
  if (!current) throw notFound('member');
  await assertMayManage(rt, actor, current.role);
  await rt.store.db.transaction().execute(async (trx) => {
    await lockAccount(trx, actor.accountId);
    const now = await findMembership(rt, actor.accountId, userId, trx);
    if (!now) throw notFound('member');
    if (now.role === 'owner' && (await ownerCount(trx, actor.accountId)) <= 1) {
      throw new AppError('LAST_OWNER', 'this is the last owner of the account; make someone else owner first');
    }
    await trx.deleteFrom('memberships').where('account_id', '=', actor.accountId).where('user_id', '=', userId).execute();
    // Their API keys for this account die with the membership (they could not use them anyway).
    await trx.deleteFrom('api_keys').where('account_id', '=', actor.accountId).where('user_id', '=', userId).execute();
    await recordAudit(rt, { ...actor.audit, accountId: actor.accountId, action: 'member.removed', target: { type: 'user', id: userId }, details: { role: now.role } }, trx);
  });
}
