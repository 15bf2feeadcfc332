/** Well-formed, unsigned-by-anyone-real JWTs for tests (StreamElements tokens). */
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

export function fakeJwt(payload: Record<string, unknown> = {}, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  return `${b64(header)}.${b64(payload)}.c2lnbmF0dXJlLWJ5dGVzLWhlcmUtWXo5Qw`;
}
