/** What a caller of the one refresh path asks for: its trigger, who acts, and what it already knows. */
import type { Attribution } from '../access/caller.ts';
import type { HeldLease } from './lease.ts';

export type RefreshTrigger = 'manual' | 'worker' | 'consumer' | 'report' | 'validation';

export interface RefreshOptions {
  trigger: RefreshTrigger;
  actor?: Attribution;
  /**
   * Forced refresh of the token at this version: done unless the token changed since (a 401 report,
   * a failed validation). The Refresh button forces the version it finds.
   */
  seenVersion?: number;
  /** A lease the worker already claimed for this integration. */
  lease?: HeldLease;
  /** A consumer read: how long the token must stay valid (default tokens.read_margin). */
  validForMs?: number;
  /**
   * Called once the new tokens are committed, before they are announced (audit line, event): the
   * worker frees the refresh's slot there, the platform being done with.
   */
  onCommitted?: () => void;
}
