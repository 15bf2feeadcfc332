/** Callers for tests that call services directly: a member of an account with the permissions given (all by default). */
import type { Caller } from '../../src/access/caller.ts';
import { PERMISSIONS, type Permission } from '../../src/access/permissions.ts';

export function callerOf(
  accountId: string,
  options: { permissions?: readonly Permission[]; userId?: string; username?: string; role?: string; kind?: 'session' | 'api_key'; isInstanceAdmin?: boolean; ip?: string } = {},
): Caller {
  return {
    kind: options.kind ?? 'session',
    user: { id: options.userId ?? 'usr_test', username: options.username ?? 'tester', isInstanceAdmin: options.isInstanceAdmin ?? false },
    accountId,
    role: options.role ?? 'owner',
    permissions: new Set(options.permissions ?? PERMISSIONS),
    credentialId: 'test',
    ip: options.ip ?? '127.0.0.1',
  };
}
