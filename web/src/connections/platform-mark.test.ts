/** Platform marks: the platform's own glyph where simple-icons has one, else letters that never read the same. */
import { describe, expect, it } from 'vitest';
import { siKick, siTwitch, siYoutube } from 'simple-icons';
import { platformLetters, platformMark } from './platform-mark.ts';

const names = ['Twitch', 'YouTube', 'Kick', 'Trovo'];

describe('platformMark', () => {
  it('draws the published logo of Twitch, YouTube and Kick, found by the platform\'s name', () => {
    expect(platformMark('Twitch', names)).toEqual({ kind: 'glyph', path: siTwitch.path });
    expect(platformMark('YouTube', names)).toEqual({ kind: 'glyph', path: siYoutube.path });
    expect(platformMark('Kick', names)).toEqual({ kind: 'glyph', path: siKick.path });
  });

  it('falls back to letters for a platform simple-icons has no logo for (Trovo) and for no platform', () => {
    expect(platformMark('Trovo', names)).toEqual({ kind: 'letters', text: 'Tr' });
    expect(platformMark('StreamElements', names)).toEqual({ kind: 'letters', text: 'S' });
  });

  it('uses the initial, or two letters when another platform shares it', () => {
    expect(names.map((n) => platformLetters(n, names))).toEqual(['Tw', 'Y', 'K', 'Tr']);
    expect(platformLetters('Kick', ['Kick'])).toBe('K');
  });
});
