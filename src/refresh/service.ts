/**
 * The refresh capability of one runtime (`rt.refresh`): it owns this instance's in-flight refreshes
 * and lease owner id, and takes every seam a test needs (randomness, the wait between lease polls,
 * hooks at the refresh path's named steps) as a constructor argument.
 */
import type { TokenDeps } from '../tokens/token-store.ts';
import type { IntegrationRow } from '../integrations/model.ts';
import { realSleep } from '../clock.ts';
import type { RefreshContext } from './context.ts';
import type { RefreshOptions } from './options.ts';
import { NO_STEPS, type RefreshSteps } from './steps.ts';
import { refreshIntegration } from './refresh.ts';
import { validateIntegration, type ValidationOutcome } from './validation.ts';

export interface RefreshService {
  /** This instance's lease owner id (the worker's claims take leases as it too). */
  readonly owner: string;
  /** The one refresh path (refresh.ts). */
  refreshIntegration(id: string, options: RefreshOptions): Promise<IntegrationRow>;
  /** Validates a token at its platform, refreshing it when the platform calls it invalid (validation.ts). */
  validateIntegration(row: IntegrationRow): Promise<ValidationOutcome>;
}

export interface RefreshSeams {
  /** This instance's lease owner id. */
  owner: string;
  /** Uniform [0,1) randomness for jitter (default Math.random). */
  random?: () => number;
  /** Real-time wait between lease polls (default a timer). */
  sleep?: (ms: number) => Promise<void>;
  /** Hooks at the refresh path's named steps (default none). */
  steps?: RefreshSteps;
}

export function createRefreshService(deps: TokenDeps, seams: RefreshSeams): RefreshService {
  const ctx: RefreshContext = {
    ...deps,
    owner: seams.owner,
    flights: new Map(),
    random: seams.random ?? Math.random,
    sleep: seams.sleep ?? realSleep,
    steps: seams.steps ?? NO_STEPS,
  };
  return {
    owner: ctx.owner,
    refreshIntegration: (id, options) => refreshIntegration(ctx, id, options),
    validateIntegration: (row) => validateIntegration(ctx, row),
  };
}
