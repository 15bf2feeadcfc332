/** What the token read path shares: the foundation, the token store, the refresh service and this instance's read counter. */
import type { TokenDeps } from '../tokens/token-store.ts';
import type { RefreshService } from '../refresh/service.ts';
import type { ReadStats } from './read-stats.ts';
import type { CachedToken } from '../tokens/token-store.ts';
import type { TokenResponse } from './token-read.ts';
import type { IntegrationRow } from '../integrations/model.ts';

export interface ConsumerContext extends TokenDeps {
  readonly refresh: RefreshService;
  readonly reads: ReadStats;
  /** The token answer built for a cache entry, kept as long as the entry lives (token-read.ts). */
  readonly answers: WeakMap<CachedToken, TokenResponse>;
  /** The row query of each integration being read from the database now: concurrent cache misses share it. */
  readonly rowReads: Map<string, Promise<IntegrationRow | undefined>>;
}
