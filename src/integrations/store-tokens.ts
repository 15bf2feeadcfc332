/**
 * Writing a completed OAuth grant: a new integration (the unique indexes decide races: of two parallel
 * channel connects exactly one is stored), or a reconnect that replaces tokens and scopes of the same
 * platform account and never changes which account is linked (a different account is refused).
 * The token columns come from the token store (sealed there, and a reconnect's write fenced there).
 */
import type { Deps } from '../deps.ts';
import type { PlatformAdapter, PlatformIdentity, TokenSet } from '../platforms/types.ts';
import { prefixedId } from '../crypto/random.ts';
import { sealTokens } from '../tokens/sealed-tokens.ts';
import { replaceTokens } from '../tokens/token-writes.ts';
import type { Transaction } from './transactions.ts';
import type { IntegrationRow } from './model.ts';
import { findIntegrationById, isUniqueViolation } from './repository.ts';

interface Grant {
  tx: Transaction;
  tokens: TokenSet;
  identity: PlatformIdentity;
  scopes: string[];
  clientId: string;
}

/** `reconnected`: the row a reconnect brought back (its open incident is closed by the caller). */
export type StoreOutcome = { ok: true; id: string; reconnected?: IntegrationRow } | { ok: false; error: 'already_connected' | 'account_mismatch' | 'not_found' };

export async function storeNewIntegration(rt: Deps, adapter: PlatformAdapter, grant: Grant): Promise<StoreOutcome> {
  const id = prefixedId('int');
  const now = rt.clock.now();
  const { tx, identity } = grant;
  const db = rt.store.db;
  try {
    await db.transaction().execute(async (trx) => {
      let isDefault = 0;
      if (tx.integrationType === 'bot') {
        // The first bot an account connects on a platform becomes its default bot.
        const others = await trx
          .selectFrom('integrations')
          .select('id')
          .where('platform', '=', adapter.slug)
          .where('integration_type', '=', 'bot')
          .where((eb) => (tx.accountId ? eb('account_id', '=', tx.accountId) : eb('account_id', 'is', null)))
          .executeTakeFirst();
        isDefault = others ? 0 : 1;
      }
      await trx
        .insertInto('integrations')
        .values({
          id,
          account_id: tx.accountId,
          platform: adapter.slug,
          integration_type: tx.integrationType,
          bot_identifier: tx.botIdentifier,
          platform_user_id: identity.platformUserId,
          platform_username: identity.username,
          display_name: identity.displayName,
          scopes: JSON.stringify(grant.scopes),
          client_id: grant.clientId,
          ...sealTokens(rt, id, grant.tokens),
          status: 'active',
          status_reason: null,
          has_verified_bot_badge: 0,
          is_verified_bot: 0,
          is_active: 1,
          is_default_bot: isDefault,
          connected_at: now,
          updated_at: now,
          last_refreshed_at: null,
          token_version: 1,
        })
        .execute();
    });
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, error: 'already_connected' };
    throw err;
  }
  return { ok: true, id };
}

export async function storeReconnect(rt: Deps, _adapter: PlatformAdapter, grant: Grant): Promise<StoreOutcome> {
  const db = rt.store.db;
  const existing = await findIntegrationById(db, grant.tx.integrationId!);
  if (!existing || existing.account_id !== grant.tx.accountId) return { ok: false, error: 'not_found' };
  if (existing.platform_user_id !== grant.identity.platformUserId) return { ok: false, error: 'account_mismatch' };
  const replaced = await replaceTokens(rt, existing, grant.tokens, {
    scopes: JSON.stringify(grant.scopes),
    client_id: grant.clientId,
    platform_username: grant.identity.username,
    display_name: grant.identity.displayName,
    status: 'active',
    status_reason: null,
    is_active: 1,
    // A fresh grant starts with a clean record: earlier failures must not count towards "degraded"
    // again, nor hold back the next refresh, nor mark it uncertain.
    consecutive_failures: 0,
    next_attempt_at: null,
    refresh_started_at: null,
    updated_at: rt.clock.now(),
  });
  if (!replaced) return { ok: false, error: 'not_found' };
  return { ok: true, id: existing.id, reconnected: { ...existing, status: 'active' } };
}
