/**
 * Invites: a one-time link (token shown once, stored hashed) that lets a person join an account with
 * a role, as a signed-in user or as a new user created on the spot.
 */
import type { Deps } from '../deps.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { prefixedId, randomToken } from '../crypto/random.ts';
import { sha256Hex } from '../crypto/hash.ts';
import { assertMayGrant, roleName } from './roles.ts';
import { actingMember } from './actor.ts';
import { accountOf, type Caller } from '../access/caller.ts';
import { recordAudit } from '../audit/record.ts';
import type { AuditActor } from '../access/caller.ts';
import { checkPasswordPolicy, type AccountsDeps } from './passwords.ts';
import { checkUsername, insertUser } from './users.ts';
import { findMembership } from './members.ts';

const INVITE_DEFAULT_HOURS = 72;
export const INVITE_MAX_HOURS = 30 * 24;

export interface InviteView {
  id: string;
  role: string;
  roleName: string;
  createdBy: string | null;
  createdAt: number;
  expiresAt: number;
}

function inviteUrl(rt: Deps, token: string): string {
  return `${rt.config.server.public_url}/invite?token=${encodeURIComponent(token)}`;
}

export async function createInvite(
  rt: Deps,
  caller: Caller,
  input: { role: string; expiresInHours?: number | undefined },
): Promise<InviteView & { inviteUrl: string }> {
  const actor = actingMember(caller);
  await assertMayGrant(rt, actor, input.role);
  const token = randomToken(32);
  const now = rt.clock.now();
  const row = {
    id: prefixedId('inv'),
    account_id: actor.accountId,
    token_hash: sha256Hex(token),
    role: input.role,
    created_by: actor.userId,
    created_at: now,
    expires_at: now + (input.expiresInHours ?? INVITE_DEFAULT_HOURS) * 3_600_000,
    used_at: null,
    used_by: null,
  };
  await rt.store.db.insertInto('invites').values(row).execute();
  await recordAudit(rt, { ...actor.audit, accountId: actor.accountId, action: 'member.invited', target: { type: 'invite', id: row.id }, details: { role: input.role, expires_at: row.expires_at } });
  return {
    id: row.id,
    role: row.role,
    roleName: await roleName(rt, actor.accountId, row.role),
    createdBy: row.created_by,
    createdAt: now,
    expiresAt: row.expires_at,
    inviteUrl: inviteUrl(rt, token),
  };
}

export async function listInvites(rt: Deps, caller: Caller): Promise<InviteView[]> {
  return invitesOf(rt, accountOf(caller));
}

/** Pending invites (unused, not expired). */
async function invitesOf(rt: Deps, accountId: string): Promise<InviteView[]> {
  const rows = await rt.store.db
    .selectFrom('invites')
    .leftJoin('roles', 'roles.id', 'invites.role')
    .select(['invites.id', 'invites.role', 'invites.created_by', 'invites.created_at', 'invites.expires_at', 'roles.name as custom_name'])
    .where('invites.account_id', '=', accountId)
    .where('invites.used_at', 'is', null)
    .where('invites.expires_at', '>', rt.clock.now())
    .orderBy('invites.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    role: r.role,
    roleName: r.custom_name ?? r.role,
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
    expiresAt: Number(r.expires_at),
  }));
}

export async function revokeInvite(rt: Deps, caller: Caller, id: string): Promise<void> {
  const actor = actingMember(caller);
  const result = await rt.store.db.deleteFrom('invites').where('id', '=', id).where('account_id', '=', actor.accountId).where('used_at', 'is', null).executeTakeFirst();
  if (Number(result.numDeletedRows ?? 0) === 0) throw notFound('invite');
  await recordAudit(rt, { ...actor.audit, accountId: actor.accountId, action: 'member.invite_revoked', target: { type: 'invite', id } });
}

export interface AcceptInput {
  token: string;
  /** The signed-in user joining, if any. */
  user?: { id: string; username: string } | undefined;
  /** Otherwise a new user is created. */
  username?: string | undefined;
  password?: string | undefined;
  ip: string | null;
}

export interface Accepted {
  account: { id: string; name: string };
  user: { id: string; username: string; isInstanceAdmin: boolean };
  role: string;
  createdUser: boolean;
}

function invalidInvite(): AppError {
  return new AppError('INVITE_INVALID', 'token: the invite link is wrong, used or expired; ask for a new one', { details: { field: 'token' } });
}

export async function acceptInvite(rt: AccountsDeps, input: AcceptInput): Promise<Accepted> {
  let newUser: { username: string; passwordHash: string } | undefined;
  if (!input.user) {
    if (!input.username) throw new AppError('VALIDATION_FAILED', 'body.username: sign in first, or give a username and password for a new user', { details: { field: 'body.username' } });
    if (!input.password) throw new AppError('VALIDATION_FAILED', 'body.password: a new user needs a password', { details: { field: 'body.password' } });
    const username = checkUsername(input.username, 'body.username');
    checkPasswordPolicy(input.password, { field: 'body.password', username });
    // Hashing is slow: done before the transaction, which must stay short on SQLite.
    newUser = { username, passwordHash: await rt.passwords.hash(input.password) };
  }
  const tokenHash = sha256Hex(input.token);
  return rt.store.db.transaction().execute(async (trx) => {
    const now = rt.clock.now();
    const invite = await trx
      .updateTable('invites')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['id', 'account_id', 'role'])
      .executeTakeFirst();
    if (!invite) throw invalidInvite();
    const user = newUser
      ? await insertUser(rt, trx, { username: newUser.username, passwordHash: newUser.passwordHash, isInstanceAdmin: false })
      : { id: input.user!.id, username: input.user!.username, isInstanceAdmin: false };
    if (!newUser && (await findMembership(rt, invite.account_id, user.id, trx))) {
      throw new AppError('ALREADY_MEMBER', 'you are already a member of this account');
    }
    await trx.updateTable('invites').set({ used_by: user.id }).where('id', '=', invite.id).execute();
    await trx.insertInto('memberships').values({ account_id: invite.account_id, user_id: user.id, role: invite.role, created_at: now }).execute();
    const account = await trx.selectFrom('accounts').select(['id', 'name']).where('id', '=', invite.account_id).executeTakeFirstOrThrow();
    const actor: AuditActor = { type: 'user', id: user.id, label: user.username };
    await recordAudit(rt, { accountId: account.id, actor, ip: input.ip, action: 'member.joined', target: { type: 'user', id: user.id }, details: { role: invite.role, invite_id: invite.id, new_user: Boolean(newUser) } }, trx);
    const admin = newUser ? false : ((await trx.selectFrom('users').select('is_instance_admin').where('id', '=', user.id).executeTakeFirst())?.is_instance_admin === 1);
    return { account, user: { ...user, isInstanceAdmin: admin }, role: invite.role, createdUser: Boolean(newUser) };
  });
}

export interface InvitePreview {
  accountName: string;
  /** The role's name as members see it (built-in name, or the custom role's name). */
  roleName: string;
  expiresAt: number;
}

/** What an invite link offers, before accepting it: which account and which role (wrong, used or expired → INVITE_INVALID). */
export async function previewInvite(rt: Deps, token: string): Promise<InvitePreview> {
  const row = await rt.store.db
    .selectFrom('invites')
    .innerJoin('accounts', 'accounts.id', 'invites.account_id')
    .leftJoin('roles', 'roles.id', 'invites.role')
    .select(['accounts.name as account_name', 'invites.role', 'roles.name as custom_name', 'invites.expires_at'])
    .where('invites.token_hash', '=', sha256Hex(token))
    .where('invites.used_at', 'is', null)
    .where('invites.expires_at', '>', rt.clock.now())
    .executeTakeFirst();
  if (!row) throw invalidInvite();
  return { accountName: row.account_name, roleName: row.custom_name ?? row.role, expiresAt: Number(row.expires_at) };
}
