/** A checkbox list's next value: `value` added when checked, removed when unchecked. */
export function toggled<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? [...list, value] : list.filter((x) => x !== value);
}
