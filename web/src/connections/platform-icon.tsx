/**
 * A platform's mark on its brand colours (as the API gives them): the platform's logo glyph where
 * simple-icons has one, else its letters. Decorative only — every use sits beside the platform's name
 * in text, so the mark is hidden from assistive technology.
 */
import type { CSSProperties } from 'react';
import { usePlatforms } from '../lib/platforms.tsx';
import { platformMark } from './platform-mark.ts';

export function PlatformIcon({ slug, name }: { slug: string | null | undefined; name: string }) {
  const platforms = usePlatforms();
  const platform = platforms.get(slug);
  // Custom properties set through the CSSOM (no style attribute in markup), so the CSP needs no 'unsafe-inline'.
  const style = platform ? ({ '--platform-color': platform.brand_color, '--platform-text': platform.brand_text_color } as CSSProperties) : undefined;
  const mark = platformMark(name, platforms.list.map((p) => p.name));
  return (
    <span className="platform-icon" style={style} aria-hidden="true" data-mark={mark.kind}>
      {mark.kind === 'glyph' ? (
        // The glyph takes the tile's text colour, which the API pairs with the brand colour for contrast.
        <svg viewBox="0 0 24 24" focusable="false">
          <path d={mark.path} fill="currentColor" />
        </svg>
      ) : (
        mark.text
      )}
    </span>
  );
}
