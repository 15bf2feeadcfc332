/** Accounts (tenants): list a user's accounts, create one (its creator is owner), rename and delete (owner only). */
import type { Runtime } from '../runtime.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { recordAudit, type AuditActor } from '../audit/record.ts';
import { insertAccountWithOwner } from './users.ts';
import { lockAccount, membershipsOfUser, findMembership } from './members.ts';
import { permissionsOfRole, roleName } from './roles.ts';
import { sortPermissions } from './builtin-roles.ts';
import type { Permission } from './permissions.ts';

export interface AccountView {
  id: string;
  name: string;
  role: string;
  roleName: string;
  permissions: Permission[];
  createdAt: number;
}

export interface UserAudit {
  actor: AuditActor;
  ip: string | null;
}

export async function listAccounts(rt: Runtime, userId: string): Promise<AccountView[]> {
  const memberships = await membershipsOfUser(rt, userId);
  const rows = await rt.store.db
    .selectFrom('accounts')
    .select(['id', 'created_at'])
    .where('id', 'in', memberships.length > 0 ? memberships.map((m) => m.accountId) : [''])
    .execute();
  const created = new Map(rows.map((r) => [r.id, Number(r.created_at)]));
  return Promise.all(
    memberships.map(async (m) => ({
      id: m.accountId,
      name: m.name,
      role: m.role,
      roleName: await roleName(rt, m.accountId, m.role),
      permissions: sortPermissions((await permissionsOfRole(rt, m.accountId, m.role)) ?? []),
      createdAt: created.get(m.accountId) ?? m.createdAt,
    })),
  );
}

export async function createAccount(rt: Runtime, userId: string, name: string, audit: UserAudit): Promise<AccountView> {
  const account = await rt.store.db.transaction().execute(async (trx) => {
    const created = await insertAccountWithOwner(rt, trx, name.trim(), userId);
    await recordAudit(rt, { ...audit, accountId: created.id, action: 'account.created', target: { type: 'account', id: created.id }, details: { name: created.name } }, trx);
    return created;
  });
  const view = (await listAccounts(rt, userId)).find((a) => a.id === account.id);
  if (!view) throw notFound('account');
  return view;
}

/** 404 when the user is not a member (ids leak nothing), 403 when a member but not owner. */
async function assertOwner(rt: Runtime, userId: string, accountId: string): Promise<void> {
  const membership = await findMembership(rt, accountId, userId);
  if (!membership) throw notFound('account');
  if (membership.role !== 'owner') throw new AppError('FORBIDDEN', 'only an owner of the account can rename or delete it');
}

export async function renameAccount(rt: Runtime, userId: string, accountId: string, name: string, audit: UserAudit): Promise<AccountView> {
  await assertOwner(rt, userId, accountId);
  const before = await rt.store.db.selectFrom('accounts').select('name').where('id', '=', accountId).executeTakeFirstOrThrow();
  await rt.store.db.updateTable('accounts').set({ name: name.trim(), updated_at: rt.clock.now() }).where('id', '=', accountId).execute();
  await recordAudit(rt, { ...audit, accountId, action: 'account.renamed', target: { type: 'account', id: accountId }, details: { from: before.name, to: name.trim() } });
  const view = (await listAccounts(rt, userId)).find((a) => a.id === accountId);
  if (!view) throw notFound('account');
  return view;
}

export async function deleteAccount(rt: Runtime, userId: string, accountId: string, confirmName: string, audit: UserAudit): Promise<void> {
  await assertOwner(rt, userId, accountId);
  await rt.store.db.transaction().execute(async (trx) => {
    await lockAccount(trx, accountId);
    const account = await trx.selectFrom('accounts').select('name').where('id', '=', accountId).executeTakeFirst();
    if (!account) throw notFound('account');
    if (account.name !== confirmName) {
      throw new AppError('CONFIRMATION_MISMATCH', 'body.confirm_name: type the exact account name to confirm', { details: { field: 'body.confirm_name' } });
    }
    // Every table of every capability references accounts(id) ON DELETE CASCADE.
    await trx.deleteFrom('accounts').where('id', '=', accountId).execute();
    await recordAudit(rt, { ...audit, accountId, action: 'account.deleted', target: { type: 'account', id: accountId }, details: { name: account.name } }, trx);
  });
}
