/** The member acting on an account-scoped service: which account, who, what they may do, and audit context, from the Caller. */
import { AppError } from '../errors/app-error.ts';
import { actorOf, isOwner, type Attribution, type Caller } from '../access/caller.ts';
import type { Permission } from '../access/permissions.ts';

export interface Actor {
  accountId: string;
  userId: string;
  permissions: ReadonlySet<Permission>;
  /** An owner acting through a session; API keys never act as owner. */
  isOwner: boolean;
  audit: Attribution & { ip: string | null };
}

/** The acting member of a caller; account-scoped routes always have one (their gate checked a permission). */
export function actingMember(caller: Caller): Actor {
  if (!caller.user || !caller.accountId) throw new AppError('UNAUTHENTICATED', 'sign in, or send an API key, to act on an account');
  return { accountId: caller.accountId, userId: caller.user.id, permissions: caller.permissions, isOwner: isOwner(caller), audit: { ...actorOf(caller), ip: caller.ip } };
}
