/**
 * A short-lived, per-instance cache of decrypted access tokens for the token API (tokens.read_cache_ms,
 * default 1 s; 0 turns it off). It only spares the database read and the decryption under load: every
 * refresh or failure in this instance forgets the entry at once, and another instance's change is
 * seen within the TTL (the token handed out meanwhile is still valid for the read margin).
 */
import type { Runtime } from '../runtime.ts';
import type { IntegrationRow } from '../integrations/model.ts';

export interface CachedToken {
  row: Pick<
    IntegrationRow,
    'id' | 'account_id' | 'platform' | 'integration_type' | 'platform_user_id' | 'platform_username' | 'scopes' | 'status' | 'status_reason' | 'token_expires_at' | 'token_version' | 'is_active' | 'last_refreshed_at' | 'connected_at'
  >;
  accessToken: string;
  scopes: string[];
  cachedAt: number;
}

const MAX_ENTRIES = 10_000;
const caches = new WeakMap<Runtime, Map<string, CachedToken>>();

function cacheOf(rt: Runtime): Map<string, CachedToken> {
  let cache = caches.get(rt);
  if (!cache) {
    cache = new Map();
    caches.set(rt, cache);
  }
  return cache;
}

export function cachedToken(rt: Runtime, id: string): CachedToken | undefined {
  const ttl = rt.config.tokens.read_cache_ms;
  if (ttl === 0) return undefined;
  const entry = cacheOf(rt).get(id);
  if (!entry) return undefined;
  if (rt.clock.now() - entry.cachedAt >= ttl) {
    cacheOf(rt).delete(id);
    return undefined;
  }
  return entry;
}

export function rememberToken(rt: Runtime, entry: CachedToken): void {
  if (rt.config.tokens.read_cache_ms === 0) return;
  const cache = cacheOf(rt);
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(entry.row.id, entry);
}

export function forgetToken(rt: Runtime, id: string): void {
  caches.get(rt)?.delete(id);
}
