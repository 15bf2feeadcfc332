/**
 * A platform's mark: the platform's own logo glyph from simple-icons (CC0) where that set has one,
 * else letters — its initial, or its first two letters when another platform shares the initial —
 * so no two tiles read the same and no logo is drawn that the platform did not publish.
 */
import { siKick, siTwitch, siYoutube, type SimpleIcon } from 'simple-icons';

// The logos the dashboard carries, found by the platform's display name (the icon's title), so the
// dashboard holds no per-platform branch. Trovo has no icon in simple-icons, so it keeps its letters.
const glyphs: readonly SimpleIcon[] = [siTwitch, siYoutube, siKick];

export type PlatformMark = { kind: 'glyph'; path: string } | { kind: 'letters'; text: string };

export function platformMark(name: string, allNames: readonly string[]): PlatformMark {
  const glyph = glyphs.find((g) => g.title.toLowerCase() === name.toLowerCase());
  if (glyph) return { kind: 'glyph', path: glyph.path };
  return { kind: 'letters', text: platformLetters(name, allNames) };
}

export function platformLetters(name: string, allNames: readonly string[]): string {
  const initial = name.charAt(0).toUpperCase();
  const clash = allNames.some((other) => other !== name && other.charAt(0).toUpperCase() === initial);
  return clash ? `${initial}${name.charAt(1).toLowerCase()}` : initial;
}
