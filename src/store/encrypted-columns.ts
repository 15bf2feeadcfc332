/**
 * Every encrypted column in the database: `keys rewrap` and `keys status` walk this list.
 * A capability that adds an `*_enc` column adds one line here (and its AAD uses the same names).
 */
export interface EncryptedColumn {
  table: string;
  column: string;
  /** Primary-key column (text), also the AAD row id. */
  idColumn: string;
}

export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  { table: 'app_credentials', column: 'client_secret_enc', idColumn: 'id' },
  { table: 'integrations', column: 'access_token_enc', idColumn: 'id' },
  { table: 'integrations', column: 'refresh_token_enc', idColumn: 'id' },
  { table: 'oauth_transactions', column: 'pkce_verifier_enc', idColumn: 'id' },
  { table: 'tools', column: 'password_enc', idColumn: 'id' },
  { table: 'streamelements_tokens', column: 'token_enc', idColumn: 'id' },
  { table: 'webhooks', column: 'secret_enc', idColumn: 'id' },
];
