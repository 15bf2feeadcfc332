/** Platform tiles never read the same: a shared initial becomes two letters. */
import { describe, expect, it } from 'vitest';
import { platformMark } from './platform-mark.ts';

describe('platformMark', () => {
  it('uses the initial, or two letters when another platform shares it', () => {
    const names = ['Twitch', 'YouTube', 'Kick', 'Trovo'];
    expect(names.map((n) => platformMark(n, names))).toEqual(['Tw', 'Y', 'K', 'Tr']);
    expect(platformMark('Kick', ['Kick'])).toBe('K');
  });
});
