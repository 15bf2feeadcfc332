/** Looks up a platform adapter by slug, or a 404 naming the known platforms. */
import type { Deps } from '../deps.ts';
import type { PlatformAdapter } from '../platforms/types.ts';
import { AppError } from '../errors/app-error.ts';

export function requirePlatform(rt: Deps, slug: string): PlatformAdapter {
  const adapter = rt.platforms.get(slug as never);
  if (!adapter) throw new AppError('NOT_FOUND', `unknown platform "${slug}"; known: ${[...rt.platforms.keys()].join(', ')}`);
  return adapter;
}
