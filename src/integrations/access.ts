/**
 * Who may act on an integration: channel integrations need a connections:* permission, bots a
 * bot-connections:* one (one route serves both, so the route's gate accepts either and this check,
 * which sees the row, picks the one that applies). The instance's global bots belong to no account:
 * only instance administrators act on them.
 */
import type { Deps } from '../deps.ts';
import { AppError } from '../errors/app-error.ts';
import { accountOf, requireInstanceAdmin, requirePermission, type Caller } from '../access/caller.ts';
import type { Permission } from '../access/permissions.ts';
import { findIntegration } from './repository.ts';
import type { IntegrationRow } from './model.ts';

export type IntegrationAction = 'edit' | 'delete';

/** The permission each action needs on a channel and on a bot. */
const NEEDS: Record<IntegrationAction, { channel: Permission; bot: Permission }> = {
  edit: { channel: 'connections:edit', bot: 'bot-connections:create' },
  delete: { channel: 'connections:edit', bot: 'bot-connections:delete' },
};

/** The integration `id` of the caller's account (or a global bot, with `global`), once the caller may do `action` on it. */
export async function integrationFor(rt: Deps, caller: Caller, id: string, action: IntegrationAction, options: { global?: boolean } = {}): Promise<IntegrationRow> {
  if (options.global) {
    requireInstanceAdmin(caller);
    const row = await findIntegration(rt.store.db, { global: true }, id);
    if (!row) throw new AppError('NOT_FOUND', 'integration not found');
    return row;
  }
  // Ids start with int_; anything else is not an integration.
  const row = id.startsWith('int_') ? await findIntegration(rt.store.db, { accountId: accountOf(caller) }, id) : undefined;
  if (!row) throw new AppError('NOT_FOUND', 'integration not found');
  requirePermission(caller, row.integration_type === 'channel' ? NEEDS[action].channel : NEEDS[action].bot);
  return row;
}
