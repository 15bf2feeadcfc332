/** Users: usernames (case-insensitive, stored lowercase) and their rows. */
import type { Kysely } from 'kysely';
import type { Deps } from '../deps.ts';
import type { Database } from '../store/schema.ts';
import { AppError } from '../errors/app-error.ts';
import { prefixedId } from '../crypto/random.ts';
import { isUniqueViolation } from './unique-violation.ts';

const USERNAME_PATTERN = /^[a-z0-9][a-z0-9_.-]{2,31}$/;

export interface UserRow {
  id: string;
  username: string;
  password_hash: string;
  is_instance_admin: number;
}

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** Throws VALIDATION_FAILED naming `field` unless the username is 3–32 letters, digits, `_`, `.` or `-`. */
export function checkUsername(username: string, field = 'username'): string {
  const normalized = normalizeUsername(username);
  if (!USERNAME_PATTERN.test(normalized)) {
    throw new AppError('VALIDATION_FAILED', `${field}: must be 3 to 32 characters: letters, digits, _ . or - (starting with a letter or digit)`, {
      details: { field },
    });
  }
  return normalized;
}

export async function findUserByUsername(rt: Deps, username: string): Promise<UserRow | undefined> {
  return rt.store.db
    .selectFrom('users')
    .select(['id', 'username', 'password_hash', 'is_instance_admin'])
    .where('username', '=', normalizeUsername(username))
    .executeTakeFirst();
}

export async function findUserById(rt: Deps, id: string, db: Kysely<Database> = rt.store.db): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(['id', 'username', 'password_hash', 'is_instance_admin']).where('id', '=', id).executeTakeFirst();
}

export async function countUsers(rt: Deps, db: Kysely<Database> = rt.store.db): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Inserts a user (password already hashed, outside any transaction); USERNAME_TAKEN on a clash. */
export async function insertUser(
  rt: Deps,
  db: Kysely<Database>,
  input: { username: string; passwordHash: string; isInstanceAdmin: boolean },
): Promise<{ id: string; username: string; isInstanceAdmin: boolean }> {
  const existing = await db.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
  if (existing) throw new AppError('USERNAME_TAKEN', `username: "${input.username}" is taken; choose another`, { details: { field: 'username' } });
  const now = rt.clock.now();
  const id = prefixedId('usr');
  try {
    await db
      .insertInto('users')
      .values({ id, username: input.username, password_hash: input.passwordHash, is_instance_admin: input.isInstanceAdmin ? 1 : 0, created_at: now, updated_at: now })
      .execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('USERNAME_TAKEN', `username: "${input.username}" is taken; choose another`, { details: { field: 'username' } });
    throw err;
  }
  return { id, username: input.username, isInstanceAdmin: input.isInstanceAdmin };
}

/** Creates an account with `userId` as its owner. */
export async function insertAccountWithOwner(rt: Deps, db: Kysely<Database>, name: string, userId: string): Promise<{ id: string; name: string }> {
  const now = rt.clock.now();
  const id = prefixedId('acc');
  await db.insertInto('accounts').values({ id, name, created_at: now, updated_at: now }).execute();
  await db.insertInto('memberships').values({ account_id: id, user_id: userId, role: 'owner', created_at: now }).execute();
  return { id, name };
}
