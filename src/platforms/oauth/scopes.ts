/** Scope helpers shared by every platform: alias expansion for requests and satisfaction checks. */
import type { ScopeCatalogue } from '../types.ts';

/**
 * The scopes to send to the platform: each alias (Bifrost's name for something the platform spells
 * differently) is replaced by its targets; order kept, duplicates dropped.
 */
export function expandScopes(catalogue: Pick<ScopeCatalogue, 'aliases'>, scopes: readonly string[]): string[] {
  const out: string[] = [];
  for (const s of scopes) for (const t of catalogue.aliases?.[s] ?? [s]) if (!out.includes(t)) out.push(t);
  return out;
}

/**
 * Whether a grant holding `granted` covers `wanted`: directly, or — for an alias — by holding every
 * one of its targets.
 */
export function scopeSatisfied(catalogue: Pick<ScopeCatalogue, 'aliases'>, granted: readonly string[], wanted: string): boolean {
  if (granted.includes(wanted)) return true;
  const targets = catalogue.aliases?.[wanted];
  return targets !== undefined && targets.every((t) => granted.includes(t));
}

/** The scopes in `wanted` the grant does not cover (e.g. the user unticked them at the platform). */
export function missingScopes(catalogue: Pick<ScopeCatalogue, 'aliases'>, granted: readonly string[], wanted: readonly string[]): string[] {
  return wanted.filter((w) => !scopeSatisfied(catalogue, granted, w));
}
