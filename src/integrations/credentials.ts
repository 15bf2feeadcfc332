/** The client credentials an integration's tokens were issued to, for refresh and revoke. */
import type { Deps } from '../deps.ts';
import type { ClientCredentials } from '../platforms/types.ts';
import type { IntegrationRow } from './model.ts';
import { resolveCredentials } from '../accounts/app-credentials.ts';

/**
 * The current credentials of the integration's owner, but only when they are the client the tokens
 * were issued to: a refresh with another client id would fail (and could look like a dead grant).
 */
export async function credentialsFor(rt: Deps, row: IntegrationRow): Promise<ClientCredentials | undefined> {
  const resolved = await resolveCredentials(rt, row.account_id, row.platform as never);
  if (!resolved || resolved.clientId !== row.client_id) return undefined;
  return { clientId: resolved.clientId, clientSecret: resolved.clientSecret };
}
