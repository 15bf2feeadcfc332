/**
 * Token reads with a cache: a token is kept until `refreshMarginMs` before its `expires_at`, and
 * concurrent reads of one integration share one HTTP call (single-flight), so a hundred requests that
 * need a token at once cost Bifrost one read. A 401 seen at the platform is reported once (however many
 * callers report it together) and the new token Bifrost answers replaces the cached one.
 */
import type { Transport } from './http.ts';
import type { Token } from './types.ts';

export interface TokenCacheOptions {
  /** Stop using a cached token this long before it expires (default 60 s). */
  refreshMarginMs?: number;
  now?: () => number;
}

interface Entry {
  token: Token;
  staleAt: number;
}

export class TokenCache {
  private readonly entries = new Map<string, Entry>();
  private readonly reads = new Map<string, Promise<Token>>();
  private readonly reports = new Map<string, Promise<Token>>();
  /** Bumped by each report: a read that started before a report must not cache the token it replaced. */
  private readonly generations = new Map<string, number>();
  private readonly marginMs: number;
  private readonly now: () => number;

  constructor(private readonly http: Transport, options: TokenCacheOptions = {}) {
    this.marginMs = options.refreshMarginMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  get(integrationId: string): Promise<Token> {
    const cached = this.entries.get(integrationId);
    if (cached && this.now() < cached.staleAt) return Promise.resolve(cached.token);
    // A report in flight answers the newest token: wait for it rather than read the old one.
    const pending = this.reports.get(integrationId) ?? this.reads.get(integrationId);
    if (pending) return pending;
    return this.flight(this.reads, integrationId, () => this.http.request<Token>({ method: 'POST', path: `/internal/integrations/${encodeURIComponent(integrationId)}/token` }));
  }

  reportInvalid(integrationId: string): Promise<Token> {
    this.entries.delete(integrationId);
    const pending = this.reports.get(integrationId);
    if (pending) return pending;
    this.generations.set(integrationId, (this.generations.get(integrationId) ?? 0) + 1);
    return this.flight(this.reports, integrationId, () => this.http.request<Token>({ method: 'POST', path: `/internal/integrations/${encodeURIComponent(integrationId)}/token/invalid` }));
  }

  /** Forgets a cached token (the next read asks Bifrost). */
  forget(integrationId?: string): void {
    if (integrationId === undefined) this.entries.clear();
    else this.entries.delete(integrationId);
  }

  private flight(map: Map<string, Promise<Token>>, id: string, call: () => Promise<Token>): Promise<Token> {
    const generation = this.generations.get(id) ?? 0;
    const promise = call().then(
      (token) => {
        map.delete(id);
        if ((this.generations.get(id) ?? 0) === generation) this.store(id, token);
        return token;
      },
      (err: unknown) => {
        map.delete(id);
        throw err;
      },
    );
    map.set(id, promise);
    return promise;
  }

  private store(id: string, token: Token): void {
    const expiresAt = Date.parse(token.expires_at);
    if (Number.isNaN(expiresAt)) return;
    this.entries.set(id, { token, staleAt: expiresAt - this.marginMs });
  }
}
