import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createKeyring, generateKeySpec, parseKeySpecs } from './keyring.ts';
import { decryptSecret, encryptSecret, envelopeKeyId } from './envelope.ts';
import { AppError } from '../errors/app-error.ts';

const ring = createKeyring(parseKeySpecs([generateKeySpec('k2'), generateKeySpec('k1')]), 'test');
const ctx = { table: 'integrations', column: 'access_token_enc', rowId: 'int_abc' };

function flipBit(b64: string, bit: number): string {
  const buf = Buffer.from(b64, 'base64url');
  buf[Math.floor(bit / 8) % buf.length]! ^= 1 << (bit % 8);
  return buf.toString('base64url');
}

function expectTyped(fn: () => unknown, code: 'DECRYPT_FAILED' | 'UNKNOWN_KEY_ID'): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe(code);
    return;
  }
  throw new Error('decrypt should have failed');
}

describe('AES-256-GCM envelope', () => {
  it('round-trips any string under the active key', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ minLength: 1, maxLength: 40 }), (plain, rowId) => {
        const c = { ...ctx, rowId };
        const env = encryptSecret(ring, plain, c);
        expect(envelopeKeyId(env)).toBe('k2');
        expect(decryptSecret(ring, env, c)).toBe(plain);
      }),
      { numRuns: 2000 },
    );
  });

  it('uses a fresh 96-bit IV each time', () => {
    const a = encryptSecret(ring, 'same', ctx).split('.');
    const b = encryptSecret(ring, 'same', ctx).split('.');
    expect(Buffer.from(a[2]!, 'base64url')).toHaveLength(12);
    expect(Buffer.from(a[3]!, 'base64url')).toHaveLength(16);
    expect(a[2]).not.toBe(b[2]);
  });

  it('rejects a flipped bit in IV, tag or ciphertext', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 64 }), fc.constantFrom(2, 3, 4), fc.nat(), (plain, part, bit) => {
        const parts = encryptSecret(ring, plain, ctx).split('.');
        parts[part] = flipBit(parts[part]!, bit);
        expectTyped(() => decryptSecret(ring, parts.join('.'), ctx), 'DECRYPT_FAILED');
      }),
      { numRuns: 500 },
    );
  });

  it('rejects changed AAD: another row, column or table', () => {
    const env = encryptSecret(ring, 'tok', ctx);
    expectTyped(() => decryptSecret(ring, env, { ...ctx, rowId: 'int_other' }), 'DECRYPT_FAILED');
    expectTyped(() => decryptSecret(ring, env, { ...ctx, column: 'refresh_token_enc' }), 'DECRYPT_FAILED');
    expectTyped(() => decryptSecret(ring, env, { ...ctx, table: 'app_credentials' }), 'DECRYPT_FAILED');
  });

  it('rejects a truncated tag', () => {
    const parts = encryptSecret(ring, 'tok', ctx).split('.');
    parts[3] = Buffer.from(parts[3]!, 'base64url').subarray(0, 4).toString('base64url');
    expectTyped(() => decryptSecret(ring, parts.join('.'), ctx), 'DECRYPT_FAILED');
  });

  it('rejects an unknown key id, and a key id swapped to another known key', () => {
    const parts = encryptSecret(ring, 'tok', ctx).split('.');
    expectTyped(() => decryptSecret(ring, ['v1', 'k9', ...parts.slice(2)].join('.'), ctx), 'UNKNOWN_KEY_ID');
    expectTyped(() => decryptSecret(ring, ['v1', 'k1', ...parts.slice(2)].join('.'), ctx), 'DECRYPT_FAILED');
  });

  it('rejects garbage envelopes with a typed error', () => {
    for (const bad of ['', 'plain', 'v2.k1.a.b.c', 'v1.k2.%%%.b.c', 'v1.k2..']) {
      expect(() => decryptSecret(ring, bad, ctx)).toThrow(AppError);
    }
  });

  it('decrypts envelopes sealed by an older key after rotation', () => {
    const old = createKeyring(parseKeySpecs([generateKeySpec('k1')]), 'test');
    const env = encryptSecret(old, 'legacy', ctx);
    const rotated = createKeyring([{ id: 'k2', key: Buffer.alloc(32, 7) }, ...old.ids().map((id) => ({ id, key: old.get(id)! }))], 'test');
    expect(decryptSecret(rotated, env, ctx)).toBe('legacy');
  });
});
