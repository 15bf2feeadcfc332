/** The Refresh button (REST and GraphQL): the caller must be allowed to edit that integration; the refresh itself is the one refresh path. */
import type { Deps } from '../deps.ts';
import { actorOf, type Caller } from '../access/caller.ts';
import { integrationFor } from '../integrations/access.ts';
import { toIntegration, type Integration } from '../integrations/model.ts';
import { requirePlatform } from '../integrations/platform.ts';
import type { RefreshService } from './service.ts';

export async function refreshForCaller(deps: Deps & { readonly refresh: RefreshService }, caller: Caller, id: string): Promise<Integration> {
  await integrationFor(deps, caller, id, 'edit');
  const row = await deps.refresh.refreshIntegration(id, { trigger: 'manual', actor: actorOf(caller) });
  return toIntegration(row, requirePlatform(deps, row.platform));
}
