/**
 * Login throttling (AS-6): 1,000 rapid wrong passwords from one address are cut off after the
 * documented threshold, a spoofed X-Forwarded-For from an untrusted peer changes nothing, and the
 * header is honoured only from a trusted proxy. Username locks back off and reset on success.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../http/app.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { storeTargets } from '../../test/support/stores.ts';
import { createMember, fastPasswords } from '../../test/support/auth.ts';
import { ManualClock } from '../clock.ts';
import { IP_LIMIT, IP_WINDOW_MS, USER_LIMIT, USER_LOCK_MS, ipKey } from './throttle.ts';

let open: { rt: TestRuntime; app: App }[] = [];
afterEach(async () => {
  for (const o of open) {
    await o.app.close();
    await o.rt.close();
  }
  open = [];
});

async function setup(target: ReturnType<typeof storeTargets>[number], overrides: Record<string, unknown> = {}) {
  const clock = new ManualClock();
  const rt = await testRuntime({ store: await target.open(), clock, overrides });
  fastPasswords(rt);
  const app = await buildApp(rt);
  open.push({ rt, app });
  return { rt, app, clock };
}

function randomIp(i: number): string {
  return `198.51.${(i >> 8) & 255}.${i & 255}`;
}

describe('ipKey', () => {
  it('keeps IPv4, unwraps IPv4-mapped IPv6 and groups IPv6 by /64', () => {
    expect(ipKey('203.0.113.7')).toBe('ip:203.0.113.7');
    expect(ipKey('::ffff:203.0.113.7')).toBe('ip:203.0.113.7');
    expect(ipKey('2001:db8:1:2:aaaa::1')).toBe(ipKey('2001:db8:1:2:bbbb::9'));
    expect(ipKey('2001:db8:1:2::1')).not.toBe(ipKey('2001:db8:1:3::1'));
  });
});

for (const target of storeTargets()) {
  describe(`login throttling [${target.name}]`, () => {
    it(`1,000 rapid wrong passwords from one address: ${IP_LIMIT} are checked, the rest get 429 with Retry-After; spoofed X-Forwarded-For changes nothing`, async () => {
      const { rt, app, clock } = await setup(target);
      const victim = await createMember(rt, { role: 'owner' });
      const statuses: number[] = [];
      const retryAfters: number[] = [];
      for (let batch = 0; batch < 20; batch++) {
        // Fifty at a time, in parallel: the attempt is charged before the password is checked.
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, j) => {
            const i = batch * 50 + j;
            return app.inject({
              method: 'POST',
              url: '/v1/auth/login',
              remoteAddress: '203.0.113.7',
              headers: { 'x-forwarded-for': randomIp(i) },
              payload: { username: `guess-${i}`, password: `wrong-password-${i}` },
            });
          }),
        );
        for (const r of results) {
          statuses.push(r.statusCode);
          if (r.statusCode === 429) retryAfters.push(Number(r.headers['retry-after']));
        }
      }
      expect(statuses.filter((s) => s === 401)).toHaveLength(IP_LIMIT);
      expect(statuses.filter((s) => s === 429)).toHaveLength(1000 - IP_LIMIT);
      expect(Math.max(...retryAfters)).toBeLessThanOrEqual(IP_WINDOW_MS / 1000);
      expect(Math.min(...retryAfters)).toBeGreaterThan(0);

      // Even the right password is refused while the address is blocked…
      const right = { username: victim.username, password: victim.password };
      expect((await app.inject({ method: 'POST', url: '/v1/auth/login', remoteAddress: '203.0.113.7', payload: right })).statusCode).toBe(429);
      // …but another address is unaffected, and the block lifts when the window ends.
      expect((await app.inject({ method: 'POST', url: '/v1/auth/login', remoteAddress: '203.0.113.8', payload: right })).statusCode).toBe(200);
      clock.advance(IP_WINDOW_MS + 1000);
      expect((await app.inject({ method: 'POST', url: '/v1/auth/login', remoteAddress: '203.0.113.7', payload: right })).statusCode).toBe(200);

      const audit = await rt.store.db.selectFrom('audit_events').select(['action', 'ip']).execute();
      expect(audit.filter((a) => a.action === 'auth.login_failed')).toHaveLength(IP_LIMIT);
      expect(audit.filter((a) => a.action === 'auth.login_throttled')).toHaveLength(1);
      expect(audit.filter((a) => a.action === 'auth.login_failed').every((a) => a.ip === '203.0.113.7')).toBe(true);
    });

    it('honours X-Forwarded-For from a trusted proxy: each client has its own budget', async () => {
      const { app } = await setup(target, { server: { trusted_proxies: ['10.0.0.1'] } });
      const attempt = (client: string, i: number) =>
        app.inject({ method: 'POST', url: '/v1/auth/login', remoteAddress: '10.0.0.1', headers: { 'x-forwarded-for': client }, payload: { username: `user-${i}`, password: 'wrong password' } });
      for (let i = 0; i < 3 * IP_LIMIT; i++) expect((await attempt(randomIp(i), i)).statusCode).toBe(401);
      // One client behind the proxy is still limited on its own.
      const one: number[] = [];
      for (let i = 0; i < IP_LIMIT + 5; i++) one.push((await attempt('192.0.2.44', 1000 + i)).statusCode);
      expect(one.filter((s) => s === 401)).toHaveLength(IP_LIMIT);
      expect(one.slice(IP_LIMIT)).toEqual(Array(5).fill(429));
    });

    it(`locks a username after ${USER_LIMIT} consecutive failures from anywhere, doubling the lock, and resets on success`, async () => {
      const { rt, app, clock } = await setup(target, { server: { trusted_proxies: ['10.0.0.1'] } });
      const m = await createMember(rt, { role: 'viewer' });
      let n = 0;
      const attempt = (password: string) =>
        app.inject({ method: 'POST', url: '/v1/auth/login', remoteAddress: '10.0.0.1', headers: { 'x-forwarded-for': randomIp(++n) }, payload: { username: m.username, password } });
      for (let i = 0; i < USER_LIMIT; i++) expect((await attempt('wrong password')).statusCode).toBe(401);
      const locked = await attempt(m.password);
      expect(locked.statusCode).toBe(429);
      expect(locked.json().error.code).toBe('LOGIN_THROTTLED');
      expect(Number(locked.headers['retry-after'])).toBe(USER_LOCK_MS / 1000);

      clock.advance(USER_LOCK_MS);
      expect((await attempt('wrong again')).statusCode).toBe(401);
      const longer = await attempt(m.password);
      expect(longer.statusCode).toBe(429);
      expect(Number(longer.headers['retry-after'])).toBe((2 * USER_LOCK_MS) / 1000);

      clock.advance(2 * USER_LOCK_MS);
      expect((await attempt(m.password)).statusCode).toBe(200);
      // Success starts the count over.
      for (let i = 0; i < USER_LIMIT - 1; i++) expect((await attempt('wrong password')).statusCode).toBe(401);
      expect((await attempt(m.password)).statusCode).toBe(200);
    });

    it('parallel attempts on one username cannot exceed the limit', async () => {
      const { rt, app } = await setup(target, { server: { trusted_proxies: ['10.0.0.1'] } });
      const m = await createMember(rt, { role: 'viewer' });
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          app.inject({ method: 'POST', url: '/v1/auth/login', remoteAddress: '10.0.0.1', headers: { 'x-forwarded-for': randomIp(i) }, payload: { username: m.username, password: 'wrong password' } }),
        ),
      );
      expect(results.filter((r) => r.statusCode === 401)).toHaveLength(USER_LIMIT);
    });
  });
}
