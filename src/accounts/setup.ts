/**
 * First run: while no user exists, a one-time setup link (token stored hashed, valid one hour, usable
 * on any instance) lets the first person create the instance admin and their account. The CLI's
 * `bifrost admin create` creates instance admins directly.
 */
import type { Deps } from '../deps.ts';
import { AppError } from '../errors/app-error.ts';
import { randomToken } from '../crypto/random.ts';
import { sha256Hex } from '../crypto/hash.ts';
import { recordAudit } from '../audit/record.ts';
import { checkPasswordPolicy, type AccountsDeps } from './passwords.ts';
import { checkUsername, countUsers, insertAccountWithOwner, insertUser } from './users.ts';
import { createSession, type NewSession } from './sessions.ts';

const SETUP_TOKEN_TTL_MS = 3_600_000;

/** While no user exists: issues a setup token and logs its URL (once per call; called at start). */
export async function announceSetup(rt: Deps): Promise<string | undefined> {
  if ((await countUsers(rt)) > 0) return undefined;
  const now = rt.clock.now();
  await rt.store.db.deleteFrom('setup_tokens').where('expires_at', '<=', now).execute();
  const token = randomToken(32);
  await rt.store.db.insertInto('setup_tokens').values({ token_hash: sha256Hex(token), created_at: now, expires_at: now + SETUP_TOKEN_TTL_MS }).execute();
  const url = `${rt.config.server.public_url}/setup?token=${token}`;
  // The one place a secret is logged on purpose: the operator needs this link, once, to create the first user.
  rt.log.warn(`FIRST RUN: no user exists yet. Open ${url} within one hour to create the first admin (or run \`bifrost admin create --username NAME\`).`);
  return url;
}

export async function needsSetup(rt: Deps): Promise<boolean> {
  return (await countUsers(rt)) === 0;
}

export interface NewAdmin {
  user: { id: string; username: string; isInstanceAdmin: boolean };
  account: { id: string; name: string };
}

function defaultAccountName(username: string): string {
  return `${username}'s account`;
}

export async function completeSetup(
  rt: AccountsDeps,
  input: { token: string; username: string; password: string; accountName: string; ip: string | null },
): Promise<NewAdmin & { session: NewSession }> {
  if (!(await needsSetup(rt))) throw new AppError('SETUP_UNAVAILABLE', 'setup is done already (a user exists); sign in instead');
  const username = checkUsername(input.username, 'body.username');
  checkPasswordPolicy(input.password, { field: 'body.password', username });
  const tokenHash = sha256Hex(input.token);
  // Cheap check before the slow hash, so a wrong token fails fast.
  const known = await rt.store.db.selectFrom('setup_tokens').select('expires_at').where('token_hash', '=', tokenHash).executeTakeFirst();
  if (!known || Number(known.expires_at) <= rt.clock.now()) {
    throw new AppError('SETUP_TOKEN_INVALID', 'token: the setup link is wrong or expired; restart Bifrost for a new one or run `bifrost admin create`', {
      details: { field: 'token' },
    });
  }
  const passwordHash = await rt.passwords.hash(input.password);
  return rt.store.db.transaction().execute(async (trx) => {
    const now = rt.clock.now();
    // Taking every token at once makes setup single-use even when several instances issued one.
    const taken = await trx.deleteFrom('setup_tokens').where('expires_at', '>', now).returning('token_hash').execute();
    if (!taken.some((t) => t.token_hash === tokenHash) || (await countUsers(rt, trx)) > 0) {
      throw new AppError('SETUP_UNAVAILABLE', 'setup is done already (a user exists); sign in instead');
    }
    const user = await insertUser(rt, trx, { username, passwordHash, isInstanceAdmin: true });
    const account = await insertAccountWithOwner(rt, trx, input.accountName.trim() || defaultAccountName(username), user.id);
    const session = await createSession(rt, user.id, input.ip, trx);
    const actor = { type: 'user' as const, id: user.id, label: user.username };
    await recordAudit(rt, { accountId: null, actor, ip: input.ip, action: 'setup.completed', target: { type: 'user', id: user.id } }, trx);
    await recordAudit(rt, { accountId: account.id, actor, ip: input.ip, action: 'account.created', target: { type: 'account', id: account.id }, details: { name: account.name } }, trx);
    return { user, account, session };
  });
}

/** `bifrost admin create`: a new instance admin with their own account (first user or another). */
export async function createInstanceAdmin(rt: AccountsDeps, input: { username: string; password: string; accountName?: string | undefined }): Promise<NewAdmin> {
  const username = checkUsername(input.username, 'username');
  checkPasswordPolicy(input.password, { field: 'password', username });
  const passwordHash = await rt.passwords.hash(input.password);
  return rt.store.db.transaction().execute(async (trx) => {
    const user = await insertUser(rt, trx, { username, passwordHash, isInstanceAdmin: true });
    const account = await insertAccountWithOwner(rt, trx, input.accountName?.trim() || defaultAccountName(username), user.id);
    // A user exists now: any outstanding setup link is void.
    await trx.deleteFrom('setup_tokens').execute();
    await recordAudit(rt, { accountId: null, actor: { type: 'system', label: 'cli' }, action: 'user.created', target: { type: 'user', id: user.id }, details: { username, instance_admin: true } }, trx);
    return { user, account };
  });
}
