/**
 * Marking an integration as needing re-authorization (a reconnect): one incident, however many notice,
 * and this instance's cached token forgotten so no reader is handed it. Also the reaction to an
 * account's app credentials being deleted: its channel on that platform can no longer refresh.
 */
import type { TokenDeps } from '../tokens/token-store.ts';
import type { IntegrationRow } from '../integrations/model.ts';
import { findChannel } from '../integrations/repository.ts';
import { SYSTEM, type Attribution } from '../access/caller.ts';
import { openIncident } from './incidents.ts';

/** Opens the needs_reauth incident (one audit event, notification and event per incident). */
export async function markNeedsReauth(deps: TokenDeps, row: IntegrationRow, reason: string, actor: Attribution = SYSTEM): Promise<void> {
  await openIncident(deps, row, { kind: 'needs_reauth', reason, action: 'integration.status_updated', actor });
  deps.tokens.forget(row.id);
}

/** An account's app credentials for a platform were deleted: its channel integration there needs a reconnect. */
export async function onAppCredentialsDeleted(deps: TokenDeps, accountId: string, platform: string): Promise<void> {
  const channel = await findChannel(deps.store.db, accountId, platform);
  if (channel) await markNeedsReauth(deps, channel, 'credentials_deleted');
}
