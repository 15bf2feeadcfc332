/**
 * The token store's per-instance state: a short-lived cache of decrypted access tokens for the token
 * API (tokens.read_cache_ms, default 1 s; 0 turns it off). It only spares the database read and the
 * decryption under load: every refresh or failure in this instance forgets the entry at once, and
 * another instance's change is seen within the TTL (the token handed out meanwhile is still valid for
 * the read margin). src/runtime.ts creates one per runtime (`rt.tokens`).
 */
import type { Selectable } from 'kysely';
import type { Deps } from '../deps.ts';
import type { Database } from '../store/schema.ts';

export interface CachedToken {
  row: Pick<
    Selectable<Database['integrations']>,
    'id' | 'account_id' | 'platform' | 'integration_type' | 'platform_user_id' | 'platform_username' | 'scopes' | 'status' | 'status_reason' | 'token_expires_at' | 'token_version' | 'is_active' | 'last_refreshed_at' | 'connected_at'
  >;
  accessToken: string;
  scopes: string[];
  cachedAt: number;
}

export interface TokenStore {
  /** The cached entry, if it is younger than the TTL. */
  cached(id: string): CachedToken | undefined;
  remember(entry: CachedToken): void;
  /** Drops the entry: the row changed in this instance (refreshed, failed, needs a reconnect). */
  forget(id: string): void;
}

const MAX_ENTRIES = 10_000;

export function createTokenStore(deps: Pick<Deps, 'config' | 'clock'>): TokenStore {
  const cache = new Map<string, CachedToken>();
  const ttl = deps.config.tokens.read_cache_ms;
  return {
    cached(id) {
      if (ttl === 0) return undefined;
      const entry = cache.get(id);
      if (!entry) return undefined;
      if (deps.clock.now() - entry.cachedAt >= ttl) {
        cache.delete(id);
        return undefined;
      }
      return entry;
    },
    remember(entry) {
      if (ttl === 0) return;
      if (cache.size >= MAX_ENTRIES) cache.clear();
      cache.set(entry.row.id, entry);
    },
    forget(id) {
      cache.delete(id);
    },
  };
}

/** What a capability that changes a row's token state uses: the foundation and this instance's token store. */
export interface TokenDeps extends Deps {
  readonly tokens: TokenStore;
}
