/**
 * Every platform as the API describes it (GET /v1/platforms: name, brand colours, capabilities),
 * loaded once per sign-in and shared with every page: the dashboard keeps no platform list of its own.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { Platform } from '../api/types.ts';

export interface PlatformDirectory {
  /** In the API's display order. */
  list: readonly Platform[];
  get(slug: string | null | undefined): Platform | undefined;
  /** The platform's display name; a slug the API did not list is shown as it is, capitalised. */
  name(slug: string | null | undefined): string;
  /** Every platform's name in a sentence: "Twitch, YouTube, Kick or Trovo". */
  names(last: 'and' | 'or'): string;
}

export function platformDirectory(list: readonly Platform[]): PlatformDirectory {
  const bySlug = new Map<string, Platform>(list.map((p) => [p.slug, p]));
  const get = (slug: string | null | undefined) => (slug ? bySlug.get(slug) : undefined);
  return {
    list,
    get,
    name: (slug) => (slug ? (get(slug)?.name ?? slug.charAt(0).toUpperCase() + slug.slice(1)) : ''),
    names: (last) => {
      const all = list.map((p) => p.name);
      return all.length < 2 ? all.join('') : `${all.slice(0, -1).join(', ')} ${last} ${all[all.length - 1]}`;
    },
  };
}

// Pages outside a signed-in session (setup, invite) see no platforms rather than failing.
const PlatformsContext = createContext<PlatformDirectory>(platformDirectory([]));

export function PlatformsProvider({ value, children }: { value: PlatformDirectory; children: ReactNode }) {
  return <PlatformsContext.Provider value={value}>{children}</PlatformsContext.Provider>;
}

export function usePlatforms(): PlatformDirectory {
  return useContext(PlatformsContext);
}
