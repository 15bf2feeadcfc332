/**
 * When tokens are refreshed: ahead of expiry by the larger of the configured margin and a quarter of
 * the token's lifetime, and at least once per `max_age` (a day) so idle grants stay alive (Nango's rule).
 */
import type { Config } from '../config/schema.ts';
import type { IntegrationRow } from '../integrations/model.ts';

type TokensConfig = Config['tokens'];

/** The next refresh time for a token that expires at `expiresAt` and was issued at `issuedAt`. */
export function nextRefreshAt(cfg: TokensConfig, issuedAt: number, expiresAt: number): number {
  const lifetime = Math.max(0, expiresAt - issuedAt);
  const margin = Math.max(cfg.refresh_margin * 1000, lifetime / 4);
  return Math.floor(Math.min(expiresAt - margin, issuedAt + cfg.max_age * 1000));
}

/** Due for the worker: its scheduled time passed, or (schedule unknown or stale) it expires within the margin. */
export function isDue(cfg: TokensConfig, row: Pick<IntegrationRow, 'next_refresh_at' | 'token_expires_at'>, now: number): boolean {
  if (row.next_refresh_at !== null && row.next_refresh_at <= now) return true;
  return row.token_expires_at - now <= cfg.refresh_margin * 1000;
}

/** The token can be handed out: valid for at least the read margin. */
export function validFor(row: Pick<IntegrationRow, 'token_expires_at'>, now: number, marginMs: number): boolean {
  return row.token_expires_at - now >= marginMs;
}
