/**
 * OAuth transactions: one row per authorization request, stored server-side so any instance can serve
 * the callback (OA-1, OA-2). The state is random (256 bits) and only its hash is stored; the row is
 * consumed atomically (DELETE … RETURNING), so of two parallel callbacks exactly one wins; it is bound
 * to the platform and to the browser session that started it, and expires after 10 minutes.
 */
import type { Deps } from '../deps.ts';
import { randomToken } from '../crypto/random.ts';
import { sha256Hex } from '../crypto/hash.ts';
import { decryptSecret, encryptSecret } from '../crypto/envelope.ts';

const TRANSACTION_TTL_MS = 10 * 60 * 1000;

export interface TransactionInput {
  platform: string;
  accountId: string | null;
  userId: string;
  sessionHash: string;
  integrationType: 'channel' | 'bot';
  botIdentifier: string | null;
  integrationId: string | null;
  isGlobal: boolean;
  scopes: readonly string[];
  pkceVerifier?: string | undefined;
}

export interface Transaction extends TransactionInput {
  id: string;
}

export type ConsumeResult = { ok: true; tx: Transaction } | { ok: false; reason: 'mismatch' | 'expired' };

const ctx = (id: string) => ({ table: 'oauth_transactions', column: 'pkce_verifier_enc', rowId: id });

export async function createTransaction(rt: Deps, input: TransactionInput): Promise<{ state: string }> {
  const state = randomToken(32);
  const id = sha256Hex(state);
  const now = rt.clock.now();
  const db = rt.store.db;
  // Housekeeping on the write path: abandoned flows never accumulate.
  await db.deleteFrom('oauth_transactions').where('expires_at', '<', now - TRANSACTION_TTL_MS).execute();
  await db
    .insertInto('oauth_transactions')
    .values({
      id,
      platform: input.platform,
      account_id: input.accountId,
      user_id: input.userId,
      session_hash: input.sessionHash,
      integration_type: input.integrationType,
      bot_identifier: input.botIdentifier,
      integration_id: input.integrationId,
      is_global: input.isGlobal ? 1 : 0,
      scopes: JSON.stringify(input.scopes),
      pkce_verifier_enc: input.pkceVerifier ? encryptSecret(rt.keyring, input.pkceVerifier, ctx(id)) : null,
      created_at: now,
      expires_at: now + TRANSACTION_TTL_MS,
    })
    .execute();
  return { state };
}

/**
 * Consumes the transaction for `state` if it was started on this platform by this browser session.
 * A state delivered to another platform's callback, or from another browser, does not match and the
 * transaction stays for its rightful callback.
 */
export async function consumeTransaction(rt: Deps, input: { state: string; platform: string; sessionHash: string | undefined }): Promise<ConsumeResult> {
  const id = sha256Hex(input.state);
  const now = rt.clock.now();
  const db = rt.store.db;
  const row = input.sessionHash
    ? await db
        .deleteFrom('oauth_transactions')
        .where('id', '=', id)
        .where('platform', '=', input.platform)
        .where('session_hash', '=', input.sessionHash)
        .returningAll()
        .executeTakeFirst()
    : undefined;
  if (!row) {
    const stale = await db.selectFrom('oauth_transactions').select(['expires_at']).where('id', '=', id).executeTakeFirst();
    if (stale && stale.expires_at <= now) {
      await db.deleteFrom('oauth_transactions').where('id', '=', id).execute();
      return { ok: false, reason: 'expired' };
    }
    return { ok: false, reason: 'mismatch' };
  }
  if (row.expires_at <= now) return { ok: false, reason: 'expired' };
  let parsedScopes: string[] = [];
  try {
    parsedScopes = JSON.parse(row.scopes) as string[];
  } catch {
    parsedScopes = [];
  }
  return {
    ok: true,
    tx: {
      id,
      platform: row.platform,
      accountId: row.account_id,
      userId: row.user_id,
      sessionHash: row.session_hash,
      integrationType: row.integration_type,
      botIdentifier: row.bot_identifier,
      integrationId: row.integration_id,
      isGlobal: row.is_global === 1,
      scopes: parsedScopes,
      pkceVerifier: row.pkce_verifier_enc ? decryptSecret(rt.keyring, row.pkce_verifier_enc, ctx(id)) : undefined,
    },
  };
}
