/**
 * The letters on a platform's tile: its initial, or its first two letters when another platform
 * shares the initial (Twitch "Tw", Trovo "Tr"), so no two tiles read the same.
 */
export function platformMark(name: string, allNames: readonly string[]): string {
  const initial = name.charAt(0).toUpperCase();
  const clash = allNames.some((other) => other !== name && other.charAt(0).toUpperCase() === initial);
  return clash ? `${initial}${name.charAt(1).toLowerCase()}` : initial;
}
