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
