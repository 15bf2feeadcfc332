/**
 * Sealing and opening an integration's tokens: AES-256-GCM envelopes whose AAD names the row and the
 * column, so a ciphertext copied into another row or column does not decrypt. The one code that
 * encrypts or decrypts `access_token_enc` and `refresh_token_enc`.
 */
import type { Deps } from '../deps.ts';
import type { TokenSet } from '../platforms/types.ts';
import { decryptSecret, encryptSecret } from '../crypto/envelope.ts';

type TokenColumn = 'access_token_enc' | 'refresh_token_enc';

/** The token columns of a token set, ready to write. */
export interface SealedTokens {
  access_token_enc: string;
  refresh_token_enc: string | null;
  token_expires_at: number;
}

const contextOf = (rowId: string, column: TokenColumn) => ({ table: 'integrations', column, rowId });

/** Seals a token set for row `id`; a platform that sent no new refresh token keeps `previousRefresh`. */
export function sealTokens(deps: Pick<Deps, 'keyring' | 'clock'>, id: string, tokens: TokenSet, previousRefresh?: string | null): SealedTokens {
  const seal = (column: TokenColumn, value: string) => encryptSecret(deps.keyring, value, contextOf(id, column));
  return {
    access_token_enc: seal('access_token_enc', tokens.accessToken),
    refresh_token_enc: tokens.refreshToken ? seal('refresh_token_enc', tokens.refreshToken) : (previousRefresh ?? null),
    token_expires_at: deps.clock.now() + tokens.expiresIn * 1000,
  };
}

/** The access token of a row; throws DECRYPT_FAILED (or UNKNOWN_KEY_ID) when it cannot be opened. */
export function openAccessToken(deps: Pick<Deps, 'keyring'>, row: { id: string; access_token_enc: string }): string {
  return decryptSecret(deps.keyring, row.access_token_enc, contextOf(row.id, 'access_token_enc'));
}

/** The refresh token of a row, which must have one. */
export function openRefreshToken(deps: Pick<Deps, 'keyring'>, row: { id: string; refresh_token_enc: string }): string {
  return decryptSecret(deps.keyring, row.refresh_token_enc, contextOf(row.id, 'refresh_token_enc'));
}
