/** The audit events the tools services write (tool.*, streamelements_token.*), attributed to their caller. */
import type { Deps } from '../deps.ts';
import { recordAudit } from '../audit/record.ts';
import { accountOf, actorOf, type Caller } from '../access/caller.ts';

export type ToolsAuditAction =
  | 'tool.created'
  | 'tool.updated'
  | 'tool.deleted'
  | 'tool.tested'
  | 'tool.action'
  | 'streamelements_token.added'
  | 'streamelements_token.removed';

export async function auditTools(
  rt: Deps,
  caller: Caller,
  action: ToolsAuditAction,
  target: { type: 'tool' | 'streamelements_token'; id: string },
  details: Record<string, unknown>,
): Promise<void> {
  await recordAudit(rt, { accountId: accountOf(caller), ...actorOf(caller), action, target, details });
}
