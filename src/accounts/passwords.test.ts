/** Password policy and hashing parameters (AS-7). */
import { describe, expect, it } from 'vitest';
import { parseOptions } from '@node-rs/argon2';
import { ARGON2_PARAMS, checkPasswordPolicy, createPasswordHasher, verifyPassword } from './passwords.ts';

/** The hasher production builds (no parameters given: the documented ones). */
const hasher = createPasswordHasher();

describe('password policy', () => {
  const check = (pw: string, username?: string) => () => checkPasswordPolicy(pw, { field: 'body.password', ...(username ? { username } : {}) });

  it('accepts 8 to 128 characters (counted as characters, not bytes)', () => {
    expect(check('kettle-drum')).not.toThrow();
    expect(check('é'.repeat(8))).not.toThrow();
    expect(check('x7'.repeat(64))).not.toThrow();
    expect(check('abc1234')).toThrow(/^body\.password: must be at least 8 characters/);
    expect(check('x'.repeat(129))).toThrow(/at most 128/);
  });

  it('rejects common passwords whatever their case, and the username itself', () => {
    for (const pw of ['password', 'Password1', 'QWERTY123', 'iloveyou', '12345678', 'football1', 'letmein123']) {
      expect(check(pw), pw).toThrow(/commonly used/);
    }
    expect(check('streamer-one', 'Streamer-One')).toThrow(/must not be the username/);
  });

  it('ships a list of 1,000–3,000 common passwords', async () => {
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines.length).toBeGreaterThanOrEqual(1000);
    expect(lines.length).toBeLessThanOrEqual(3000);
  });
});

describe('password hashing', () => {
  it('uses argon2id with m = 19 MiB, t = 2, p = 1 and a random salt', async () => {
    const a = await hasher.hash('correct horse battery');
    const b = await hasher.hash('correct horse battery');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const opts = parseOptions(a);
    expect(opts.memoryCost).toBe(ARGON2_PARAMS.memoryCost);
    expect(opts.memoryCost).toBeGreaterThanOrEqual(19 * 1024);
    expect(opts.timeCost).toBe(2);
    expect(opts.parallelism).toBe(1);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(a, 'correct horse batterY')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });

  it('normalizes Unicode so the same password typed differently verifies', async () => {
    const composed = 'caf\u00e9-au-lait';
    const decomposed = 'cafe\u0301-au-lait';
    const h = await hasher.hash(composed);
    expect(await verifyPassword(h, decomposed)).toBe(true);
  });
});
