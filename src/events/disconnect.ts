/**
 * Disconnect means stop: the bus handlers for a disconnected integration and a removed StreamElements
 * token. This instance stops the connection at once (if it runs it here) and removes the platform's
 * subscriptions; an instance running it elsewhere sees the connection gone at its next lease renewal
 * (within `[events] lease / 3`).
 */
import type { Deps } from '../deps.ts';
import type { PlatformSlug } from '../platforms/types.ts';
import type { EventService } from './service.ts';
import { integrationKey, streamElementsKey, type ConnectionInfo } from './connections.ts';

type HandlerDeps = Deps & { readonly events: EventService };

export async function onIntegrationDisconnected(deps: HandlerDeps, payload: { integrationId: string; accountId: string | null; platform: string }): Promise<void> {
  const row = await deps.store.db.selectFrom('integrations').select(['integration_type', 'connected_at', 'client_id', 'scopes']).where('id', '=', payload.integrationId).executeTakeFirst();
  if (!row || row.integration_type !== 'channel' || payload.accountId === null) return;
  const info: ConnectionInfo = {
    key: integrationKey(payload.integrationId),
    kind: 'integration',
    accountId: payload.accountId,
    integrationId: payload.integrationId,
    streamelementsTokenId: null,
    platform: payload.platform as PlatformSlug,
    fingerprint: `${row.connected_at}|${row.client_id}|${row.scopes}`,
  };
  await deps.events.supervisor.stopConnection(info.key, info);
}

export async function onStreamElementsTokenDeleted(deps: HandlerDeps, payload: { tokenId: string; accountId: string; platform: string }): Promise<void> {
  await deps.events.supervisor.stopConnection(streamElementsKey(payload.tokenId));
}
