/** What the Connections and Bot Connections pages show: each platform as this account sees it, and its integrations. */
import { listAccountPlatforms, listIntegrations } from '../api/integrations-api.ts';
import type { AccountPlatform, PlatformIntegrations } from '../api/types.ts';

export interface ConnectionsData {
  platforms: AccountPlatform[];
  groups: PlatformIntegrations[];
}

export async function loadConnections(): Promise<ConnectionsData> {
  const [platforms, groups] = await Promise.all([listAccountPlatforms(), listIntegrations()]);
  return { platforms, groups };
}
