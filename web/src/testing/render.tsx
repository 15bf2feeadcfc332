/**
 * Component tests' render: a component inside the providers every page has (the session with the
 * member's permissions, the platform directory as GET /v1/platforms gives it), in happy-dom.
 */
import type { ReactElement } from 'react';
import { render, type RenderResult } from '@testing-library/react';
import type { Me, Platform } from '../api/types.ts';
import { SessionProvider, type SessionValue } from '../lib/session.tsx';
import { PlatformsProvider, platformDirectory } from '../lib/platforms.tsx';

export interface Member {
  permissions: readonly string[];
  isInstanceAdmin?: boolean;
}

export function sessionOf({ permissions, isInstanceAdmin = false }: Member): SessionValue {
  const held = new Set(permissions);
  return {
    me: {} as Me,
    account: null,
    can: (p) => held.has(p),
    isInstanceAdmin,
    switchAccount: () => undefined,
    refresh: async () => undefined,
    signOut: async () => undefined,
  };
}

const capabilities = { verified_bots: false } as Platform['capabilities'];
/**
 * Made-up platforms (the dashboard holds no real platform's slug; it learns them from the API), two
 * sharing an initial as Twitch and Trovo do.
 */
export const PLATFORMS: readonly Platform[] = [
  { slug: 'streamhub', name: 'StreamHub', brand_color: '#6d28d9', brand_text_color: '#ffffff', capabilities },
  { slug: 'castline', name: 'Castline', brand_color: '#b91c1c', brand_text_color: '#ffffff', capabilities },
  { slug: 'livewire', name: 'Livewire', brand_color: '#53fc18', brand_text_color: '#0b0b0b', capabilities },
  { slug: 'streamcast', name: 'Streamcast', brand_color: '#19d66b', brand_text_color: '#0b0b0b', capabilities },
].map((p) => p as unknown as Platform);

export function renderAs(member: Member, ui: ReactElement): RenderResult {
  return render(
    <SessionProvider value={sessionOf(member)}>
      <PlatformsProvider value={platformDirectory(PLATFORMS)}>{ui}</PlatformsProvider>
    </SessionProvider>,
  );
}
