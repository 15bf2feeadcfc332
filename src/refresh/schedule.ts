/**
 * When tokens are refreshed: ahead of expiry by the larger of the configured margin and a quarter of
 * the token's lifetime, and at least once per `max_age` (a day) so idle grants stay alive (Nango's rule).
 * The pace rule bounds every automatic trigger: never sooner than half the token's lifetime after it
 * was issued (or max_age, if shorter), nor within `min_refresh_interval` of the last refresh. Without
 * it a token living no longer than the margin (5-minute tokens, or a 3-hour margin with 2-hour tokens)
 * would be due again the moment it was issued. worker/claims.ts states the same rule in SQL.
 */
import type { Config } from '../config/schema.ts';
import type { IntegrationRow } from '../integrations/model.ts';

type TokensConfig = Config['tokens'];
/** What the pace rule reads of a row. */
export type PacedRow = Pick<IntegrationRow, 'token_expires_at' | 'last_refreshed_at' | 'connected_at'>;

/** When the current token was issued: by the last refresh, else by the connect. */
function issuedAt(row: Pick<IntegrationRow, 'last_refreshed_at' | 'connected_at'>): number {
  return row.last_refreshed_at ?? row.connected_at;
}

/** The first time the floor allows another refresh (the connect's code exchange is not a refresh). */
export function floorEndsAt(cfg: TokensConfig, row: Pick<IntegrationRow, 'last_refreshed_at'>): number {
  return row.last_refreshed_at === null ? -Infinity : row.last_refreshed_at + cfg.min_refresh_interval;
}

/** The earliest time an automatic trigger (worker, read, 401 report, validation) may refresh this token. */
export function earliestRefreshAt(cfg: TokensConfig, row: PacedRow): number {
  const issued = issuedAt(row);
  const halfLife = Math.min((issued + row.token_expires_at) / 2, issued + cfg.max_age);
  return Math.max(halfLife, floorEndsAt(cfg, row));
}

/** The pace rule allows a refresh now. */
export function mayRefresh(cfg: TokensConfig, row: PacedRow, now: number): boolean {
  return earliestRefreshAt(cfg, row) <= now;
}

/** The next refresh time of a row's current token. */
export function nextRefreshAt(cfg: TokensConfig, row: PacedRow): number {
  const issued = issuedAt(row);
  const lifetime = Math.max(0, row.token_expires_at - issued);
  const margin = Math.max(cfg.refresh_margin, lifetime / 4);
  const planned = Math.min(row.token_expires_at - margin, issued + cfg.max_age);
  return Math.ceil(Math.max(planned, earliestRefreshAt(cfg, row)));
}

/** Due for the worker: the pace rule allows it, and its scheduled time passed or (schedule unknown or stale) it expires within the margin. */
export function isDue(cfg: TokensConfig, row: PacedRow & Pick<IntegrationRow, 'next_refresh_at'>, now: number): boolean {
  if (!mayRefresh(cfg, row, now)) return false;
  if (row.next_refresh_at !== null && row.next_refresh_at <= now) return true;
  return row.token_expires_at - now <= cfg.refresh_margin;
}

/** The token can be handed out: valid for at least `marginMs`. */
export function validFor(row: Pick<IntegrationRow, 'token_expires_at'>, now: number, marginMs: number): boolean {
  return row.token_expires_at - now >= marginMs;
}

/** A reader wants a fresher token: this one is not valid for `marginMs`, and the pace rule allows a refresh. */
export function readWantsRefresh(cfg: TokensConfig, row: PacedRow, now: number, marginMs: number): boolean {
  return !validFor(row, now, marginMs) && mayRefresh(cfg, row, now);
}
