/**
 * Every event on the bus, with its payload and what a handler returns. Payloads are plain data (ids,
 * slugs), so the foundation knows nothing of the capabilities that emit or handle them.
 */

/** What revoking a deleted account's grants at the platforms achieved. */
export interface AccountRevokeSummary {
  revoked: number;
  not_revoked: { integration_id: string; platform: string; error: string }[];
}

export interface BusEvents {
  /** An account's app credentials for a platform were deleted: its channel can no longer refresh. */
  'app_credentials.deleted': { payload: { accountId: string; platform: string }; result: void };
  /**
   * An account is about to be deleted (its rows cascade away). A handler gathers what it needs now
   * and returns work to run once the deletion has committed (or null for nothing).
   */
  'account.deleting': { payload: { accountId: string }; result: (() => Promise<AccountRevokeSummary>) | null };
  /**
   * A channel or bot integration is being disconnected, while its tokens still work: its live
   * connection stops at once and its platform subscriptions are removed before the revoke.
   */
  'integration.disconnected': { payload: { integrationId: string; accountId: string | null; platform: string }; result: void };
  /** A StreamElements token was removed: its live connection stops at once. */
  'streamelements_token.deleted': { payload: { tokenId: string; accountId: string; platform: string }; result: void };
}
