/**
 * The writes that replace an integration's tokens, each fenced by the `token_version` the writer read
 * (and, for a refresh, by its lease epoch): a writer that lost a race writes nothing and learns so,
 * and every successful write bumps the version. New integrations are inserted with version 1 by the
 * integrations capability, with columns from sealTokens.
 */
import type { Selectable, Updateable } from 'kysely';
import type { Deps } from '../deps.ts';
import type { Database } from '../store/schema.ts';
import type { TokenSet } from '../platforms/types.ts';
import { sealTokens } from './sealed-tokens.ts';

type IntegrationRecord = Selectable<Database['integrations']>;
type Writer = Pick<Deps, 'store' | 'keyring' | 'clock'>;

export interface RefreshCommit {
  /** The row as the refresh read it under its lease. */
  row: Pick<IntegrationRecord, 'id' | 'token_version' | 'refresh_token_enc'>;
  epoch: number;
  tokens: TokenSet;
  /** When the new token is due for its next refresh, given its expiry and the time it was issued. */
  nextRefreshAt(expiresAt: number, issuedAt: number): number;
  /**
   * Runs after the write, before COMMIT: the crash suite kills the process there (the database must
   * keep the old row). Without it the statement commits on its own: BEGIN and COMMIT were two of a
   * PostgreSQL refresh's round trips.
   */
  beforeCommit?: (() => void) | undefined;
}

/**
 * A refresh's new token pair (the refresh token only when the platform sent one), expiry, scopes and
 * the row's healthy lifecycle state, in one statement fenced by epoch and version, returning the new
 * row; undefined when the fence held (the lease expired and someone else wrote, or the row is gone).
 * With a beforeCommit hook the statement runs in an explicit transaction, so that a crash between it
 * and its COMMIT can be tested; one statement is atomic without one.
 */
export async function commitRefreshedTokens(deps: Writer, commit: RefreshCommit): Promise<IntegrationRecord | undefined> {
  const { row, epoch, tokens } = commit;
  const now = deps.clock.now();
  const sealed = sealTokens(deps, row.id, tokens, row.refresh_token_enc);
  const write = (db: typeof deps.store.db) =>
    db
      .updateTable('integrations')
      .set({
        ...sealed,
        ...(tokens.scopes ? { scopes: JSON.stringify(tokens.scopes) } : {}),
        token_version: row.token_version + 1,
        status: 'active',
        status_reason: null,
        refresh_started_at: null,
        refresh_lease_until: null,
        refresh_lease_owner: null,
        consecutive_failures: 0,
        next_attempt_at: null,
        next_refresh_at: commit.nextRefreshAt(sealed.token_expires_at, now),
        last_refresh_result: 'ok',
        last_refresh_error: null,
        last_refresh_attempt_at: now,
        last_refreshed_at: now,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .where('refresh_epoch', '=', epoch)
      .where('token_version', '=', row.token_version)
      .returningAll()
      .executeTakeFirst();
  const { beforeCommit } = commit;
  if (!beforeCommit) return write(deps.store.db);
  return deps.store.db.transaction().execute(async (trx) => {
    const written = await write(trx);
    beforeCommit();
    return written;
  });
}

/**
 * A reconnect's new tokens with the grant's other columns (`also`), fenced by the version the caller
 * read; false when the row changed or went meanwhile. A refresh token the platform did not send keeps
 * the stored one.
 */
export async function replaceTokens(
  deps: Writer,
  row: Pick<IntegrationRecord, 'id' | 'token_version' | 'refresh_token_enc'>,
  tokens: TokenSet,
  also: Updateable<Database['integrations']>,
): Promise<boolean> {
  const updated = await deps.store.db
    .updateTable('integrations')
    .set({ ...sealTokens(deps, row.id, tokens, row.refresh_token_enc), ...also, token_version: row.token_version + 1 })
    .where('id', '=', row.id)
    .where('token_version', '=', row.token_version)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}
