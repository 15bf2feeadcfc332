/**
 * Who is calling a service: built once per request by REST (the auth hook) and once per operation by
 * GraphQL, from the same function. Services read it to authorise what depends on the data (channel
 * or bot, own account, owner only) and to attribute what they record in the audit log.
 */
import { AppError } from '../errors/app-error.ts';
import type { Permission } from './permissions.ts';

export type AuditActorType = 'user' | 'api_key' | 'system' | 'consumer';

/** Who did something, as the audit log records it. */
export interface AuditActor {
  type: AuditActorType;
  id?: string | undefined;
  label?: string | undefined;
}

/** An audit actor and the address the action came from (null for background work). */
export interface Attribution {
  actor: AuditActor;
  ip?: string | null | undefined;
}

/** Background work: the refresh worker, start-up, the platforms' answers. */
export const SYSTEM: Attribution = Object.freeze({ actor: Object.freeze({ type: 'system', label: 'bifrost' }) as AuditActor });

export interface CallerUser {
  id: string;
  username: string;
  isInstanceAdmin: boolean;
}

export interface Caller {
  /** How the caller authenticated (`service_key`: a `bfs_` key on the routes that accept one). */
  readonly kind: 'anonymous' | 'session' | 'api_key' | 'service_key';
  readonly user?: CallerUser | undefined;
  /** The account this request acts on (the API key's, or X-Bifrost-Account / the user's first account). */
  readonly accountId?: string | undefined;
  /** The caller's role in that account. */
  readonly role?: string | undefined;
  /** Effective permissions in `accountId`. */
  readonly permissions: ReadonlySet<Permission>;
  /** Session id hash or API key id, for audit and "end other sessions". */
  readonly credentialId?: string | undefined;
  /** The client address (after trusted proxies), for audit and throttling. */
  readonly ip: string | null;
  /** A service key's limits: the integrations and platforms it was granted (null = any of the account's). */
  readonly grants?: { readonly integrationIds: ReadonlySet<string> | null; readonly platforms: ReadonlySet<string> | null } | undefined;
  /** A service key's name, for audit. */
  readonly label?: string | undefined;
}

export function anonymousCaller(ip: string | null): Caller {
  return { kind: 'anonymous', permissions: new Set<Permission>(), ip };
}

/** The audit actor and address of a caller. */
export function actorOf(caller: Caller): Attribution {
  if (caller.kind === 'session' && caller.user) return { actor: { type: 'user', id: caller.user.id, label: caller.user.username }, ip: caller.ip };
  if (caller.kind === 'api_key') {
    return { actor: { type: 'api_key', id: caller.credentialId, label: caller.user ? `API key of ${caller.user.username}` : undefined }, ip: caller.ip };
  }
  if (caller.kind === 'service_key') return { actor: { type: 'consumer', id: caller.credentialId, label: caller.label }, ip: caller.ip };
  return { actor: { type: 'system', label: 'anonymous' }, ip: caller.ip };
}

/** The account the caller acts on; routes that declare a permission always have one. */
export function accountOf(caller: Caller): string {
  if (!caller.accountId) throw new AppError('FORBIDDEN', 'you are not a member of any account');
  return caller.accountId;
}

/** The signed-in user (or the API key's user). */
export function userOf(caller: Caller): CallerUser {
  if (!caller.user) throw new AppError('UNAUTHENTICATED', 'sign in, or send an API key');
  return caller.user;
}

export function requirePermission(caller: Caller, permission: Permission): void {
  if (!caller.accountId) throw new AppError('FORBIDDEN', 'you are not a member of any account');
  if (!caller.permissions.has(permission)) throw new AppError('FORBIDDEN', `this needs the ${permission} permission`);
}

/** An instance administrator, signed in (API keys never act as one). */
export function requireInstanceAdmin(caller: Caller): void {
  if (caller.kind !== 'session' || !caller.user?.isInstanceAdmin) throw new AppError('FORBIDDEN', 'this needs an instance administrator (signed in)');
}

/** An owner acting through a session; API keys never act as owner. */
export function isOwner(caller: Caller): boolean {
  return caller.kind === 'session' && caller.role === 'owner';
}
