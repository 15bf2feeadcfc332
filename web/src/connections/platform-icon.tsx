/** A platform's mark (its initial, two letters when initials clash) on its brand colours, as the API gives them (no third-party logos are loaded). */
import type { CSSProperties } from 'react';
import { usePlatforms } from '../lib/platforms.tsx';
import { platformMark } from './platform-mark.ts';

export function PlatformIcon({ slug, name }: { slug: string; name: string }) {
  const platforms = usePlatforms();
  const platform = platforms.get(slug);
  // Custom properties set through the CSSOM (no style attribute in markup), so the CSP needs no 'unsafe-inline'.
  const style = platform ? ({ '--platform-color': platform.brand_color, '--platform-text': platform.brand_text_color } as CSSProperties) : undefined;
  return (
    <span className="platform-icon" style={style} aria-hidden="true">
      {platformMark(name, platforms.list.map((p) => p.name))}
    </span>
  );
}
