/**
 * What the refresh path's functions share: the foundation, the token store, and the refresh service's
 * own state and seams. Built once by createRefreshService (service.ts); a second runtime on the same
 * database has its own, like a second Bifrost process.
 */
import type { TokenDeps } from '../tokens/token-store.ts';
import type { IntegrationRow } from '../integrations/model.ts';
import type { RefreshSteps } from './steps.ts';

export interface RefreshContext extends TokenDeps {
  /** Lease owner written to integrations.refresh_lease_owner: host, pid and a per-runtime random part. */
  readonly owner: string;
  /** In-flight refreshes of this instance by integration id (single-flight). */
  readonly flights: Map<string, Promise<IntegrationRow>>;
  /** Uniform [0,1) randomness for jitter (tests make it deterministic). */
  readonly random: () => number;
  /** Real-time wait between lease polls (tests with a manual clock keep it short). */
  readonly sleep: (ms: number) => Promise<void>;
  /** Hooks at named points of the refresh path (no-ops outside tests). */
  readonly steps: RefreshSteps;
}
