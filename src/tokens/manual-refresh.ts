/** The Refresh button (REST and GraphQL): the caller must be allowed to edit that integration; the refresh itself is the one refresh path. */
import type { Runtime } from '../runtime.ts';
import { actorOf, type Caller } from '../access/caller.ts';
import { integrationFor } from '../integrations/access.ts';
import { toIntegration, type Integration } from '../integrations/model.ts';
import { requirePlatform } from '../integrations/platform.ts';
import { refreshIntegration } from './refresh.ts';

export async function refreshForCaller(rt: Runtime, caller: Caller, id: string): Promise<Integration> {
  await integrationFor(rt, caller, id, 'edit');
  const row = await refreshIntegration(rt, id, { trigger: 'manual', actor: actorOf(caller) });
  return toIntegration(row, requirePlatform(rt, row.platform));
}
