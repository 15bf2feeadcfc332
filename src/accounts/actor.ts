/** The caller of an account-scoped service: which account, who, what they may do, and audit context. */
import type { FastifyRequest } from 'fastify';
import type { Permission } from './permissions.ts';
import { AppError } from '../errors/app-error.ts';
import { auditFromRequest, type AuditActor } from '../audit/record.ts';

export interface Actor {
  accountId: string;
  userId: string;
  permissions: ReadonlySet<Permission>;
  /** An owner acting through a session; API keys never act as owner. */
  isOwner: boolean;
  audit: { actor: AuditActor; ip: string | null };
}

const roles = new WeakMap<FastifyRequest, string>();

/** Set by the auth hook: the caller's role in the current account. */
export function rememberRole(request: FastifyRequest, role: string): void {
  roles.set(request, role);
}

export function requestRole(request: FastifyRequest): string | undefined {
  return roles.get(request);
}

export function actorFromRequest(request: FastifyRequest): Actor {
  const auth = request.auth;
  if (!auth.user || !auth.accountId) throw new AppError('UNAUTHENTICATED', 'sign in, or send an API key, to act on an account');
  const { actor, ip } = auditFromRequest(request);
  return {
    accountId: auth.accountId,
    userId: auth.user.id,
    permissions: auth.permissions,
    isOwner: auth.kind === 'session' && requestRole(request) === 'owner',
    audit: { actor, ip },
  };
}
