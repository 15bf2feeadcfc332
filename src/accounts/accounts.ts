/** Accounts (tenants): list a user's accounts, create one (its creator is owner), rename and delete (owner only). */
import type { Deps } from '../deps.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { recordAudit } from '../audit/record.ts';
import { actorOf, userOf, type Caller, type CallerUser } from '../access/caller.ts';
import { sessionCsrfToken } from './sessions.ts';
import { insertAccountWithOwner } from './users.ts';
import { lockAccount, membershipsOfUser, findMembership } from './members.ts';
import { permissionsOfRole, roleName } from './roles.ts';
import { sortPermissions } from './builtin-roles.ts';
import type { Permission } from '../access/permissions.ts';
import type { AccountRevokeSummary } from '../bus/events.ts';

export interface AccountView {
  id: string;
  name: string;
  role: string;
  roleName: string;
  permissions: Permission[];
  createdAt: number;
}

export interface Me {
  user: CallerUser;
  accounts: AccountView[];
  currentAccountId: string | null;
  /** Sent back as X-CSRF-Token with every state-changing call made with the session cookie. */
  csrfToken: string;
}

/** The signed-in user, their accounts, the account this session acts on, and the session's CSRF token. */
export async function whoAmI(rt: Deps, caller: Caller): Promise<Me> {
  const user = userOf(caller);
  const csrf = caller.credentialId ? await sessionCsrfToken(rt, caller.credentialId) : undefined;
  if (!csrf) throw new AppError('SESSION_EXPIRED', 'the session ended; sign in again');
  return { user, accounts: await accountsOfUser(rt, user.id), currentAccountId: caller.accountId ?? null, csrfToken: csrf };
}

/** The accounts the calling user belongs to, with their role and its permissions in each. */
export async function listAccounts(rt: Deps, caller: Caller): Promise<AccountView[]> {
  return accountsOfUser(rt, userOf(caller).id);
}

async function accountsOfUser(rt: Deps, userId: string): Promise<AccountView[]> {
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

export async function createAccount(rt: Deps, caller: Caller, name: string): Promise<AccountView> {
  const userId = userOf(caller).id;
  const audit = actorOf(caller);
  const account = await rt.store.db.transaction().execute(async (trx) => {
    const created = await insertAccountWithOwner(rt, trx, name.trim(), userId);
    await recordAudit(rt, { ...audit, accountId: created.id, action: 'account.created', target: { type: 'account', id: created.id }, details: { name: created.name } }, trx);
    return created;
  });
  const view = (await accountsOfUser(rt, userId)).find((a) => a.id === account.id);
  if (!view) throw notFound('account');
  return view;
}

/** 404 when the user is not a member (ids leak nothing), 403 when a member but not owner. */
async function assertOwner(rt: Deps, userId: string, accountId: string): Promise<void> {
  const membership = await findMembership(rt, accountId, userId);
  if (!membership) throw notFound('account');
  if (membership.role !== 'owner') throw new AppError('FORBIDDEN', 'only an owner of the account can rename or delete it');
}

export async function renameAccount(rt: Deps, caller: Caller, accountId: string, name: string): Promise<AccountView> {
  const userId = userOf(caller).id;
  const audit = actorOf(caller);
  await assertOwner(rt, userId, accountId);
  const before = await rt.store.db.selectFrom('accounts').select('name').where('id', '=', accountId).executeTakeFirstOrThrow();
  await rt.store.db.updateTable('accounts').set({ name: name.trim(), updated_at: rt.clock.now() }).where('id', '=', accountId).execute();
  await recordAudit(rt, { ...audit, accountId, action: 'account.renamed', target: { type: 'account', id: accountId }, details: { from: before.name, to: name.trim() } });
  const view = (await accountsOfUser(rt, userId)).find((a) => a.id === accountId);
  if (!view) throw notFound('account');
  return view;
}

function confirmationMismatch(): AppError {
  return new AppError('CONFIRMATION_MISMATCH', 'body.confirm_name: type the exact account name to confirm', { details: { field: 'body.confirm_name' } });
}

/**
 * Deletes the account and everything in it, then revokes its integrations' tokens at the platforms
 * (gathered before the deletion, sent after it commits: a failed revoke never keeps the account).
 * The outcome is an `account.platform_access_revoked` audit event next to `account.deleted`.
 */
export async function deleteAccount(rt: Deps, caller: Caller, accountId: string, confirmName: string): Promise<void> {
  const audit = actorOf(caller);
  await assertOwner(rt, userOf(caller).id, accountId);
  const current = await rt.store.db.selectFrom('accounts').select('name').where('id', '=', accountId).executeTakeFirst();
  if (!current) throw notFound('account');
  // Checked before anything is revoked; checked again under the lock below.
  if (current.name !== confirmName) throw confirmationMismatch();
  // Capabilities holding platform grants gather their revokes now (the deletion cascades them away).
  const afterCommit = (await rt.bus.emit('account.deleting', { accountId })).filter((work) => work !== null);
  await rt.store.db.transaction().execute(async (trx) => {
    await lockAccount(trx, accountId);
    const account = await trx.selectFrom('accounts').select('name').where('id', '=', accountId).executeTakeFirst();
    if (!account) throw notFound('account');
    if (account.name !== confirmName) throw confirmationMismatch();
    // Every table of every capability references accounts(id) ON DELETE CASCADE.
    await trx.deleteFrom('accounts').where('id', '=', accountId).execute();
    await recordAudit(rt, { ...audit, accountId, action: 'account.deleted', target: { type: 'account', id: accountId }, details: { name: account.name } }, trx);
  });
  const summary = await sumRevokes(afterCommit);
  if (summary.revoked + summary.not_revoked.length === 0) return;
  if (summary.not_revoked.length > 0) rt.log.warn({ account: accountId, not_revoked: summary.not_revoked.length }, 'some platform access of a deleted account was not revoked');
  await recordAudit(rt, { ...audit, accountId, action: 'account.platform_access_revoked', target: { type: 'account', id: accountId }, details: { ...summary } });
}

async function sumRevokes(work: (() => Promise<AccountRevokeSummary>)[]): Promise<AccountRevokeSummary> {
  const summaries = await Promise.all(work.map((run) => run()));
  return { revoked: summaries.reduce((n, s) => n + s.revoked, 0), not_revoked: summaries.flatMap((s) => s.not_revoked) };
}
