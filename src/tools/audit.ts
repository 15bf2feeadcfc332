/** Who calls the tools services, and the audit events they write (tool.*, streamelements_token.*). */
import type { FastifyRequest } from 'fastify';
import type { Runtime } from '../runtime.ts';
import { AppError } from '../errors/app-error.ts';
import { auditFromRequest, recordAudit, type AuditActor } from '../audit/record.ts';

/** The caller of a mutating service function: the account acted on, who acts, and from where. */
export interface ToolsCaller {
  accountId: string;
  actor: AuditActor;
  ip?: string | null | undefined;
}

export type ToolsAuditAction =
  | 'tool.created'
  | 'tool.updated'
  | 'tool.deleted'
  | 'tool.tested'
  | 'streamelements_token.added'
  | 'streamelements_token.removed';

/** The current account of a request; routes declare a permission, so a missing account is a client error. */
export function requestAccountId(request: FastifyRequest): string {
  const accountId = request.auth?.accountId;
  if (!accountId) throw new AppError('UNAUTHENTICATED', 'sign in, or send an API key, to act on an account');
  return accountId;
}

export function callerFromRequest(request: FastifyRequest): ToolsCaller {
  const { actor, ip } = auditFromRequest(request);
  return { accountId: requestAccountId(request), actor, ip };
}

export async function auditTools(
  rt: Runtime,
  caller: ToolsCaller,
  action: ToolsAuditAction,
  target: { type: 'tool' | 'streamelements_token'; id: string },
  details: Record<string, unknown>,
): Promise<void> {
  await recordAudit(rt, { accountId: caller.accountId, actor: caller.actor, action, target, ip: caller.ip ?? null, details });
}
