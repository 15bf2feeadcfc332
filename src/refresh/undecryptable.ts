/**
 * An integration whose stored secrets cannot be decrypted (refresh token, access token, or the app
 * credentials it needs): no retry can help, so it needs a reconnect, which writes new secrets. One
 * incident (one audit event, one notification), reason `undecryptable`. A secret naming a key id the
 * keyring lacks (UNKNOWN_KEY_ID) is not this: putting the key back heals it, so it only backs off.
 */
import type { TokenDeps } from '../tokens/token-store.ts';
import type { IntegrationRow } from '../integrations/model.ts';
import { AppError, isAppError } from '../errors/app-error.ts';
import type { Attribution } from '../access/caller.ts';
import { openIncident } from '../health/incidents.ts';

export const UNDECRYPTABLE = 'undecryptable';

export function isUndecryptable(err: unknown): boolean {
  return isAppError(err) && err.code === 'DECRYPT_FAILED';
}

/** Opens the needs_reauth incident (once, however many notice) and returns the error to answer with. */
export async function markUndecryptable(deps: TokenDeps, row: IntegrationRow, actor?: Attribution): Promise<AppError> {
  // The code, never the decrypt failure's message: that names where the ciphertext failed, nothing a reader needs.
  deps.log.error({ integration: row.id, platform: row.platform, code: 'DECRYPT_FAILED' }, 'a stored secret of this integration cannot be decrypted; it needs a reconnect');
  await openIncident(deps, row, { kind: 'needs_reauth', reason: UNDECRYPTABLE, action: 'integration.token_error', actor, details: { error: 'DECRYPT_FAILED' } });
  deps.tokens.forget(row.id);
  return new AppError('NEEDS_REAUTH', 'a stored secret of this integration cannot be decrypted; reconnect it', { details: { reason: UNDECRYPTABLE } });
}
