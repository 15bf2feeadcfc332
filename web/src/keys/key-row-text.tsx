/** The title and meta line of an API key or service key: name and prefix; created, last used, and what it may reach. */
import type { ReactNode } from 'react';
import { DateTime } from '../components/date-time.tsx';

export interface KeyFacts {
  name: string;
  prefix?: string | null;
  created_at: string;
  last_used_at?: string | null;
}

export function keyRowText(key: KeyFacts, reach: ReactNode) {
  return {
    title: (
      <>
        {key.name} {key.prefix ? <code className="muted">{key.prefix}</code> : null}
      </>
    ),
    meta: (
      <>
        Created <DateTime value={key.created_at} relativeOnly /> · last used <DateTime value={key.last_used_at} relativeOnly fallback="never" /> · {reach}
      </>
    ),
  };
}
