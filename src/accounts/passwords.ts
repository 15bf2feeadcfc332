/**
 * Passwords: argon2id with OWASP's minimum parameters (m = 19 MiB, t = 2, p = 1), and the policy
 * (8 to 128 characters, not in the common-password list, not the username) — AS-7.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { AppError } from '../errors/app-error.ts';
import type { Deps } from '../deps.ts';

export interface PasswordHashParams {
  /** KiB. */
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** Production parameters (documented in the README); argon2id, 32-byte output, 16-byte random salt. */
export const ARGON2_PARAMS: Readonly<PasswordHashParams> = Object.freeze({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });

const PASSWORD_MIN = 8;
const PASSWORD_MAX = 128;

const ARGON2ID = 2 as Algorithm;

/** NFKC so the same password typed on two keyboards hashes the same (NIST 800-63B §5.1.1.2). */
function normalize(password: string): string {
  return password.normalize('NFKC');
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, normalize(password));
  } catch {
    return false;
  }
}

/** What the accounts services that hash passwords need beside the foundation. */
export interface AccountsDeps extends Deps {
  readonly passwords: PasswordHasher;
}

/** Hashing with one set of parameters; runtime.ts builds one (tests ask for cheaper parameters). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /**
   * Spends the same time as a real verification when the user does not exist, so response times do
   * not reveal which usernames exist (against a dummy hash made once, with the same parameters).
   */
  verifyAgainstDummy(password: string): Promise<void>;
}

export function createPasswordHasher(params: PasswordHashParams = ARGON2_PARAMS): PasswordHasher {
  const hashWith = (password: string) => hash(normalize(password), { ...params, algorithm: ARGON2ID, outputLen: 32 });
  let dummy: Promise<string> | undefined;
  return {
    hash: hashWith,
    async verifyAgainstDummy(password) {
      dummy ??= hashWith('bifrost-dummy-password-for-timing');
      await verifyPassword(await dummy, password);
    },
  };
}

/** The common-password list, read once when this module loads (about 2,000 lines). */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  readFileSync(join(import.meta.dirname, 'common-passwords.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('#')),
);

/** Throws WEAK_PASSWORD naming `field` when the password breaks the policy. */
export function checkPasswordPolicy(password: string, options: { field: string; username?: string }): void {
  const length = [...normalize(password)].length;
  const fail = (why: string) => new AppError('WEAK_PASSWORD', `${options.field}: ${why}`, { details: { field: options.field } });
  if (length < PASSWORD_MIN) throw fail(`must be at least ${PASSWORD_MIN} characters`);
  if (length > PASSWORD_MAX) throw fail(`must be at most ${PASSWORD_MAX} characters`);
  const lower = normalize(password).toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) throw fail('is a commonly used password; choose another');
  if (options.username && lower === options.username.toLowerCase()) throw fail('must not be the username');
}
