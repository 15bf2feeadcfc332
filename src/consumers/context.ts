/** What the token read path shares: the foundation, the token store, the refresh service and this instance's read counter. */
import type { TokenDeps } from '../tokens/token-store.ts';
import type { RefreshService } from '../refresh/service.ts';
import type { ReadStats } from './read-stats.ts';

export interface ConsumerContext extends TokenDeps {
  readonly refresh: RefreshService;
  readonly reads: ReadStats;
}
