/** Whether a CSS media query matches now, updated when it changes (e.g. the phone/desktop breakpoint). */
import { useEffect, useState } from 'react';

/** The width at which the sidebar stays open beside the page (layout.css uses the same 48rem). */
export const WIDE_LAYOUT = '(min-width: 48rem)';

export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const update = () => setMatches(list.matches);
    update();
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [query]);
  return matches;
}
