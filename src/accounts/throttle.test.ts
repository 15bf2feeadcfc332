/**
 * Login throttling (AS-6): 1,000 rapid wrong passwords from one address are cut off after the
 * documented threshold, a spoofed X-Forwarded-For from an untrusted peer changes nothing, and the
 * header is honoured only from a trusted proxy. Hammering one username from one address locks that
 * address out of it with growing delays, never the username for everyone: the owner still signs in
 * from elsewhere, also while many addresses guess at once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../http/app.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { storeTargets } from '../../test/support/stores.ts';
import { createMember } from '../../test/support/auth.ts';
import { ManualClock } from '../clock.ts';
import { IP_POLICY, PAIR_POLICY, USERNAME_SOFT_LIMIT, ipKey } from './throttle.ts';

const IP_LIMIT = IP_POLICY.lock.after;
const PAIR_LIMIT = PAIR_POLICY.lock.after;
const FIRST_LOCK_S = PAIR_POLICY.lock.firstMs / 1000;

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
      expect(Math.max(...retryAfters)).toBeLessThanOrEqual(IP_POLICY.lock.firstMs / 1000);
      expect(Math.min(...retryAfters)).toBeGreaterThan(0);

      // Even the right password is refused while the address is locked…
      const right = { username: victim.username, password: victim.password };
      const refused = await app.inject({ method: 'POST', url: '/v1/auth/login', remoteAddress: '203.0.113.7', payload: right });
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error).toMatchObject({ code: 'LOGIN_THROTTLED', details: { scope: 'ip' } });
      // …but another address is unaffected, and the lock lifts when it ends.
      expect((await app.inject({ method: 'POST', url: '/v1/auth/login', remoteAddress: '203.0.113.8', payload: right })).statusCode).toBe(200);
      clock.advance(IP_POLICY.lock.firstMs);
      expect((await app.inject({ method: 'POST', url: '/v1/auth/login', remoteAddress: '203.0.113.7', payload: right })).statusCode).toBe(200);

      const audit = await rt.store.db.selectFrom('audit_events').select(['action', 'ip', 'details']).execute();
      expect(audit.filter((a) => a.action === 'auth.login_failed')).toHaveLength(IP_LIMIT);
      const throttled = audit.filter((a) => a.action === 'auth.login_throttled');
      expect(throttled).toHaveLength(1);
      expect(JSON.parse(throttled[0]!.details)).toMatchObject({ scope: 'ip' });
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

    it('50 failures for the owner from one address lock only that address, with growing delays; the right password from another address signs in', async () => {
      const { rt, app, clock } = await setup(target);
      const owner = await createMember(rt, { role: 'owner' });
      const hammer = (password = 'wrong password') =>
        app.inject({ method: 'POST', url: '/v1/auth/login', remoteAddress: '198.51.100.66', payload: { username: owner.username, password } });

      // A parallel burst: only the pair's allowance is checked, whatever the order.
      const burst = await Promise.all(Array.from({ length: 50 }, () => hammer()));
      expect(burst.filter((r) => r.statusCode === 401)).toHaveLength(PAIR_LIMIT);
      expect(burst.filter((r) => r.statusCode === 429)).toHaveLength(50 - PAIR_LIMIT);
      for (const r of burst.filter((x) => x.statusCode === 429)) {
        expect(r.json().error).toMatchObject({ code: 'LOGIN_THROTTLED', details: { scope: 'username_ip' } });
        expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
        expect(Number(r.headers['retry-after'])).toBeLessThanOrEqual(FIRST_LOCK_S);
      }
      // The right password from the hammering address is refused unchecked…
      expect((await hammer(owner.password)).statusCode).toBe(429);

      // …and it keeps failing, waiting out each lock, until 50 failures were counted. The answer
      // right after each failure says how long that failure locked the address out of this username.
      let failures = PAIR_LIMIT;
      let justFailed = false;
      const delays: number[] = [];
      while (failures < 50) {
        const r = await hammer();
        if (r.statusCode === 401) {
          failures++;
          justFailed = true;
          continue;
        }
        expect(r.statusCode).toBe(429);
        const wait = Number(r.headers['retry-after']);
        if (justFailed) delays.push(wait);
        justFailed = false;
        clock.advance(wait * 1000);
      }
      // The delays grow: 2, 4, 8 … minutes after the first lock, up to an hour, never shrinking.
      expect(delays.slice(0, 3)).toEqual([2 * FIRST_LOCK_S, 4 * FIRST_LOCK_S, 8 * FIRST_LOCK_S]);
      for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]!);
      expect(delays.at(-1)).toBe(PAIR_POLICY.lock.maxMs / 1000);
      const locked = await hammer(owner.password);
      expect(locked.statusCode).toBe(429);

      // The owner, from an address with no failures, signs in at once.
      const elsewhere = await app.inject({ method: 'POST', url: '/v1/auth/login', remoteAddress: '203.0.113.20', payload: { username: owner.username, password: owner.password } });
      expect(elsewhere.statusCode).toBe(200);
      // Their success does not unlock the attacker's address.
      expect((await hammer(owner.password)).statusCode).toBe(429);
    });

    it(`many addresses guessing one username: each fresh address is checked once, past ${USERNAME_SOFT_LIMIT} failures its second try waits, and the owner still signs in`, async () => {
      const { rt, app } = await setup(target, { server: { trusted_proxies: ['10.0.0.1'] } });
      const owner = await createMember(rt, { role: 'owner' });
      const attempt = (client: string, password = 'wrong password') =>
        app.inject({ method: 'POST', url: '/v1/auth/login', remoteAddress: '10.0.0.1', headers: { 'x-forwarded-for': client }, payload: { username: owner.username, password } });
      // 60 addresses at once: none had failed, so every one is checked (never blocked for everyone).
      const first = await Promise.all(Array.from({ length: 60 }, (_, i) => attempt(randomIp(i))));
      expect(first.map((r) => r.statusCode)).toEqual(Array(60).fill(401));
      // Past the soft limit an address that failed once waits before its next try…
      const second = await attempt(randomIp(7));
      expect(second.statusCode).toBe(429);
      expect(Number(second.headers['retry-after'])).toBe(FIRST_LOCK_S);
      // …(without the soft limit it would have had PAIR_LIMIT tries), and so does a new address after its first.
      expect(PAIR_LIMIT).toBeGreaterThan(1);
      expect((await attempt('192.0.2.100')).statusCode).toBe(401);
      expect((await attempt('192.0.2.100')).statusCode).toBe(429);
      // …while the owner, from an address with no failures, signs in.
      expect((await attempt('192.0.2.200', owner.password)).statusCode).toBe(200);
      const failed = await rt.store.db.selectFrom('audit_events').select('details').where('action', '=', 'auth.login_failed').execute();
      expect(failed.filter((a) => JSON.parse(a.details).username_soft_limit === true).length).toBeGreaterThan(0);
      // A success starts the username's count over: a once-failed address gets its full allowance again.
      for (let i = 0; i < PAIR_LIMIT - 1; i++) expect((await attempt('192.0.2.101')).statusCode).toBe(401);
    });

    it('a success clears its pair and is not counted against the address, also when it would have taken the lock', async () => {
      const { rt, app, clock } = await setup(target);
      const m = await createMember(rt, { role: 'viewer' });
      const from = (password: string, username = m.username) =>
        app.inject({ method: 'POST', url: '/v1/auth/login', remoteAddress: '192.0.2.9', payload: { username, password } });
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < PAIR_LIMIT - 1; i++) expect((await from('wrong password')).statusCode).toBe(401);
        expect((await from(m.password)).statusCode).toBe(200);
      }
      // Fill the address up to one failure below its allowance.
      const counted = 3 * (PAIR_LIMIT - 1);
      for (let i = counted; i < IP_LIMIT - 1; i++) expect((await from('wrong password', `other-${i}`)).statusCode).toBe(401);
      // This success is the IP_LIMIT-th attempt: it took the address's lock when charged, and gives it back.
      expect((await from(m.password)).statusCode).toBe(200);
      expect((await from('wrong password', 'other-last')).statusCode).toBe(401);
      expect((await from(m.password)).statusCode).toBe(429);
      // Once the lock ran out, a success leaves the address's streak as it was: not locked again.
      clock.advance(IP_POLICY.lock.firstMs);
      expect((await from(m.password)).statusCode).toBe(200);
      expect((await from('wrong password', 'other-after')).statusCode).toBe(401);
    });

    it('a streak is forgotten a day after its last failure', async () => {
      const { rt, app, clock } = await setup(target);
      const m = await createMember(rt, { role: 'viewer' });
      const attempt = () => app.inject({ method: 'POST', url: '/v1/auth/login', remoteAddress: '192.0.2.10', payload: { username: m.username, password: 'wrong password' } });
      for (let i = 0; i < PAIR_LIMIT; i++) expect((await attempt()).statusCode).toBe(401);
      expect((await attempt()).statusCode).toBe(429);
      clock.advance(PAIR_POLICY.forgetMs);
      for (let i = 0; i < PAIR_LIMIT; i++) expect((await attempt()).statusCode).toBe(401);
      expect((await attempt()).statusCode).toBe(429);
    });
  });
}
