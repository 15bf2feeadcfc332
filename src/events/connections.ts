/**
 * Which live connections exist: every channel integration whose platform has a connector (and is not
 * waiting for a reconnect), and every StreamElements token. Keys are `integration:<id>` and
 * `streamelements:<id>`; the fingerprint changes when the connection is changed (reconnected with
 * new grants, a new token), which is when a connector that gave up is tried again.
 */
import type { Deps } from '../deps.ts';
import type { PlatformSlug } from '../platforms/types.ts';

export interface ConnectionInfo {
  key: string;
  kind: 'integration' | 'streamelements';
  accountId: string;
  integrationId: string | null;
  streamelementsTokenId: string | null;
  platform: PlatformSlug;
  fingerprint: string;
}

export const integrationKey = (id: string): string => `integration:${id}`;
export const streamElementsKey = (id: string): string => `streamelements:${id}`;

/** Every connection (of one account, or of all), given the platforms that have a connector. */
export async function listConnections(deps: Pick<Deps, 'store'>, platforms: readonly string[], accountId?: string): Promise<ConnectionInfo[]> {
  const out: ConnectionInfo[] = [];
  if (platforms.length > 0) {
    let q = deps.store.db
      .selectFrom('integrations')
      .select(['id', 'account_id', 'platform', 'scopes', 'connected_at', 'client_id'])
      .where('integration_type', '=', 'channel')
      .where('status', '!=', 'needs_reauth')
      .where('account_id', 'is not', null)
      .where('platform', 'in', [...platforms]);
    if (accountId) q = q.where('account_id', '=', accountId);
    for (const r of await q.orderBy('id').execute()) {
      out.push({
        key: integrationKey(r.id),
        kind: 'integration',
        accountId: r.account_id!,
        integrationId: r.id,
        streamelementsTokenId: null,
        platform: r.platform as PlatformSlug,
        fingerprint: `${r.connected_at}|${r.client_id}|${r.scopes}`,
      });
    }
  }
  let se = deps.store.db.selectFrom('streamelements_tokens').select(['id', 'account_id', 'platform', 'created_at']);
  if (accountId) se = se.where('account_id', '=', accountId);
  for (const r of await se.orderBy('id').execute()) {
    out.push({
      key: streamElementsKey(r.id),
      kind: 'streamelements',
      accountId: r.account_id,
      integrationId: null,
      streamelementsTokenId: r.id,
      platform: r.platform as PlatformSlug,
      fingerprint: `${r.created_at}`,
    });
  }
  return out;
}
