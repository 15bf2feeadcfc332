// PKCE S256 (OA-3): 43-character verifiers from 32 random bytes, and the RFC 7636 Appendix B vector.
import { describe, expect, it } from 'vitest';
import { codeChallengeS256, createCodeVerifier, createPkcePair } from './pkce.ts';

describe('PKCE', () => {
  it('makes 43-character base64url verifiers, all different', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) {
      const v = createCodeVerifier();
      expect(v).toMatch(/^[A-Za-z0-9_-]{43}$/);
      seen.add(v);
    }
    expect(seen.size).toBe(100);
  });

  it('computes BASE64URL(SHA256(verifier)) (RFC 7636 Appendix B)', () => {
    expect(codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    const pair = createPkcePair();
    expect(pair).toMatchObject({ method: 'S256', challenge: codeChallengeS256(pair.verifier) });
    expect(pair.challenge).toHaveLength(43);
  });
});
