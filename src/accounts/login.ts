/** Sign-in, sign-out and password change, with throttling and an audit event for each outcome. */
import type { Deps } from '../deps.ts';
import { AppError } from '../errors/app-error.ts';
import { recordAudit } from '../audit/record.ts';
import type { AuditActor } from '../access/caller.ts';
import { actorOf, userOf, type Caller } from '../access/caller.ts';
import { checkPasswordPolicy, verifyPassword, type AccountsDeps } from './passwords.ts';
import { findUserById, findUserByUsername, normalizeUsername } from './users.ts';
import { createSession, endOtherSessions, endSession, pruneSessions, type NewSession } from './sessions.ts';
import { chargeSignIn, signInSucceeded } from './throttle.ts';

export interface SignedIn {
  user: { id: string; username: string; isInstanceAdmin: boolean };
  session: NewSession;
}

function invalidCredentials(): AppError {
  // One message for unknown user and wrong password: no username enumeration.
  return new AppError('INVALID_CREDENTIALS', 'the username or password is wrong');
}

export async function login(rt: AccountsDeps, input: { username: string; password: string; ip: string }): Promise<SignedIn> {
  const username = normalizeUsername(input.username).slice(0, 64);
  const anonymous: AuditActor = { type: 'user', label: username };
  const charge = await chargeSignIn(rt, input.ip, username);

  const user = await findUserByUsername(rt, username);
  const ok = user ? await verifyPassword(user.password_hash, input.password) : (await rt.passwords.verifyAgainstDummy(input.password), false);
  if (!user || !ok) {
    const actor: AuditActor = user ? { type: 'user', id: user.id, label: user.username } : anonymous;
    const target = user ? { type: 'user', id: user.id } : null;
    const lockedUntil = Math.max(0, ...charge.locks.map((l) => l.until));
    await recordAudit(rt, {
      accountId: null,
      actor,
      ip: input.ip,
      action: 'auth.login_failed',
      target,
      details: {
        reason: user ? 'wrong_password' : 'unknown_user',
        ...(lockedUntil > 0 ? { locked_until: lockedUntil } : {}),
        ...(charge.underAttack ? { username_soft_limit: true } : {}),
      },
    });
    // Audit a lock when it starts, not every refused attempt.
    for (const lock of charge.locks.filter((l) => l.started)) {
      await recordAudit(rt, { accountId: null, actor, ip: input.ip, action: 'auth.login_throttled', target, details: { scope: lock.scope, locked_until: lock.until } });
    }
    throw invalidCredentials();
  }
  await signInSucceeded(rt, charge);
  await pruneSessions(rt);
  // Always a fresh session id at sign-in (no fixation, AS-1); the session and its audit event are one write.
  const session = await rt.store.db.transaction().execute(async (trx) => {
    const created = await createSession(rt, user.id, input.ip, trx);
    const details = created.oldestEnded > 0 ? { oldest_sessions_ended: created.oldestEnded } : undefined;
    const actor: AuditActor = { type: 'user', id: user.id, label: user.username };
    await recordAudit(rt, { accountId: null, actor, ip: input.ip, action: 'auth.login_succeeded', target: { type: 'user', id: user.id }, details }, trx);
    return created;
  });
  return { user: { id: user.id, username: user.username, isInstanceAdmin: user.is_instance_admin === 1 }, session };
}

export async function logout(rt: Deps, caller: Caller): Promise<void> {
  const user = userOf(caller);
  if (caller.kind !== 'session' || !caller.credentialId) throw new AppError('FORBIDDEN', 'sign out ends a dashboard session; API keys have none');
  await endSession(rt, caller.credentialId);
  await recordAudit(rt, { accountId: null, ...actorOf(caller), action: 'auth.logout', target: { type: 'user', id: user.id } });
}

/** Changes the password and ends every other session of the user (AS-3); the current one stays. */
export async function changePassword(rt: AccountsDeps, caller: Caller, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const user = await findUserById(rt, userOf(caller).id);
  if (!user) throw new AppError('UNAUTHENTICATED', 'sign in again');
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError('INVALID_CREDENTIALS', 'body.current_password: is wrong', { details: { field: 'body.current_password' } });
  }
  checkPasswordPolicy(input.newPassword, { field: 'body.new_password', username: user.username });
  const passwordHash = await rt.passwords.hash(input.newPassword);
  // One write: a failure (say, a full disk) leaves the old password and every session as they were.
  await rt.store.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: rt.clock.now() }).where('id', '=', user.id).execute();
    const ended = await endOtherSessions(rt, user.id, caller.credentialId, trx);
    await recordAudit(rt, { accountId: null, ...actorOf(caller), action: 'auth.password_changed', target: { type: 'user', id: user.id }, details: { other_sessions_ended: ended } }, trx);
  });
}
