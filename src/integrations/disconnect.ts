/**
 * Disconnect (DELETE /v1/integrations/{id}): revoke at the platform, then delete the integration and
 * its tokens. A failed revoke never blocks the local removal; it is reported in the response and the
 * audit event (OA-15).
 */
import { auditIntegration } from '../audit/integration-event.ts';
import type { Deps } from '../deps.ts';
import { openAccessToken, openRefreshToken } from '../tokens/sealed-tokens.ts';
import { actorOf, type Caller } from '../access/caller.ts';
import type { IntegrationRow } from './model.ts';
import { integrationFor } from './access.ts';
import { credentialsFor } from './credentials.ts';
import { requirePlatform } from './platform.ts';

export interface DisconnectResult {
  success: boolean;
  /** Why the platform-side revoke failed, when it did (the local removal happened anyway). */
  error: string | null;
}

/** A revoke ready to run: resolves to why it failed, or null when the platform revoked the tokens. */
export type PreparedRevoke = () => Promise<string | null>;

/**
 * Everything a revoke needs, gathered while the row and its credentials still exist (an account's
 * deletion removes both), so the platform call itself can run after the local removal.
 */
export async function prepareRevoke(rt: Deps, row: IntegrationRow): Promise<PreparedRevoke> {
  const adapter = requirePlatform(rt, row.platform);
  const credentials = await credentialsFor(rt, row);
  if (!credentials) {
    const reason = 'not revoked at the platform: the app credentials these tokens were issued to are gone; revoke access in the platform settings';
    return () => Promise.resolve(reason);
  }
  const tokens: { token: string; kind: 'access' | 'refresh' }[] = [];
  if (row.refresh_token_enc) tokens.push({ token: openRefreshToken(rt, { id: row.id, refresh_token_enc: row.refresh_token_enc }), kind: 'refresh' });
  tokens.push({ token: openAccessToken(rt, row), kind: 'access' });
  return async () => {
    let error: string | null = null;
    for (const t of tokens) {
      try {
        await adapter.revoke({ credentials, ...t });
      } catch (err) {
        error = `not revoked at ${adapter.name}: ${(err as Error).message}`;
      }
    }
    return error;
  };
}

/** Disconnects an integration of the caller's account, or (instance admins, `global`) a global bot. */
export async function disconnectIntegration(rt: Deps, caller: Caller, id: string, options: { global?: boolean } = {}): Promise<DisconnectResult> {
  const row = await integrationFor(rt, caller, id, 'delete', options);
  const actor = actorOf(caller);
  // Live events stop first, while the tokens can still remove the platform's subscriptions.
  await rt.bus.emit('integration.disconnected', { integrationId: row.id, accountId: row.account_id, platform: row.platform });
  const revokeError = await (await prepareRevoke(rt, row))();
  await rt.store.db.deleteFrom('integrations').where('id', '=', row.id).execute();
  await auditIntegration(rt, row, actor, 'integration.disconnected', { integration_type: row.integration_type, bot_identifier: row.bot_identifier, revoked: revokeError === null });
  return { success: true, error: revokeError };
}
