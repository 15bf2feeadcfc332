/**
 * Sign-in end to end over HTTP: first-run setup, login/logout, GET /v1/me, password change, and the
 * session rules (new id at login, replay after logout, idle and absolute expiry, cookie flags, CSRF).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../http/app.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { storeTargets } from '../../test/support/stores.ts';
import { createApiKey, createMember, memberSession, sessionCookieOf, signIn } from '../../test/support/auth.ts';
import { ManualClock } from '../clock.ts';
import { sha256Hex } from '../crypto/hash.ts';

const ORIGIN = 'http://127.0.0.1:8080';

for (const target of storeTargets()) {
  describe(`first-run setup [${target.name}]`, () => {
    let rt: TestRuntime;
    let app: App;
    beforeAll(async () => {
      rt = await testRuntime({ store: await target.open() });
      app = await buildApp(rt);
    });
    afterAll(async () => {
      await app?.close();
      await rt?.close();
    });

    it('logs a one-time setup URL once, and setup creates the instance admin with an owned account', async () => {
      const lines = rt.logs.lines.filter((l) => l.includes('/setup?token='));
      expect(lines).toHaveLength(1);
      const token = /\/setup\?token=([A-Za-z0-9_-]+)/.exec(lines[0]!)![1]!;
      expect((await app.inject({ method: 'GET', url: '/v1/setup/status' })).json()).toEqual({ needs_setup: true });

      const wrong = await app.inject({ method: 'POST', url: '/v1/setup', payload: { token: 'nope', username: 'streamer', password: 'a long passphrase', account_name: 'My channel' } });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.code).toBe('SETUP_TOKEN_INVALID');

      const weak = await app.inject({ method: 'POST', url: '/v1/setup', payload: { token, username: 'streamer', password: 'password123', account_name: 'My channel' } });
      expect(weak.statusCode).toBe(400);
      expect(weak.json().error.message).toMatch(/^body\.password: .*commonly used/);

      const res = await app.inject({ method: 'POST', url: '/v1/setup', headers: { origin: ORIGIN }, payload: { token, username: 'Streamer', password: 'a long passphrase', account_name: 'My channel' } });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body.user).toMatchObject({ username: 'streamer', is_instance_admin: true });
      expect(body.account.name).toBe('My channel');
      expect(body.csrf_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const cookie = sessionCookieOf(res.headers['set-cookie'])!;
      const me = await app.inject({ method: 'GET', url: '/v1/me', headers: { cookie } });
      expect(me.statusCode).toBe(200);
      expect(me.json().accounts).toEqual([expect.objectContaining({ id: body.account.id, role: 'owner', permissions: expect.arrayContaining(['audit:read', 'tokens:read']) })]);
      expect(me.json().current_account_id).toBe(body.account.id);

      const again = await app.inject({ method: 'POST', url: '/v1/setup', payload: { token, username: 'second', password: 'a long passphrase', account_name: 'x' } });
      expect(again.statusCode).toBe(409);
      expect((await app.inject({ method: 'GET', url: '/v1/setup/status' })).json()).toEqual({ needs_setup: false });
      // The token is stored hashed, never as is.
      const rows = await rt.store.db.selectFrom('setup_tokens').selectAll().execute();
      expect(rows).toHaveLength(0);
      expect(JSON.stringify(await rt.store.db.selectFrom('users').selectAll().execute())).not.toContain('a long passphrase');
    });

    it('does not announce setup again once a user exists', async () => {
      const app2 = await buildApp(rt);
      await app2.close();
      expect(rt.logs.lines.filter((l) => l.includes('/setup?token='))).toHaveLength(1);
    });

    it('an expired setup token is refused', async () => {
      const clock = new ManualClock();
      const rt2 = await testRuntime({ clock });
      const app2 = await buildApp(rt2);
      try {
        const token = /\/setup\?token=([A-Za-z0-9_-]+)/.exec(rt2.logs.text())![1]!;
        clock.advance(3_600_000 + 1);
        const res = await app2.inject({ method: 'POST', url: '/v1/setup', payload: { token, username: 'late', password: 'a long passphrase', account_name: 'x' } });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe('SETUP_TOKEN_INVALID');
        expect(sha256Hex(token)).toHaveLength(64);
      } finally {
        await app2.close();
        await rt2.close();
      }
    });
  });

  describe(`sessions [${target.name}]`, () => {
    let rt: TestRuntime;
    let app: App;
    const clock = new ManualClock();
    beforeAll(async () => {
      rt = await testRuntime({ store: await target.open(), clock, overrides: { server: { session_idle_timeout: '30m', session_absolute_lifetime: '12h' } } });
      app = await buildApp(rt);
    });
    afterAll(async () => {
      await app?.close();
      await rt?.close();
    });

    it('issues a new session id at every login, HttpOnly, SameSite=Lax, Path=/ (no Secure on loopback http)', async () => {
      const m = await createMember(rt, { role: 'owner' });
      const a = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: m.username, password: m.password } });
      const b = await app.inject({ method: 'POST', url: '/v1/auth/login', headers: { cookie: sessionCookieOf(a.headers['set-cookie'])! }, payload: { username: m.username, password: m.password } });
      expect(a.statusCode).toBe(200);
      expect(b.statusCode).toBe(200);
      const ca = String(a.headers['set-cookie']);
      expect(ca).toMatch(/^bifrost_session=[A-Za-z0-9_-]{43};/);
      expect(ca).toContain('HttpOnly');
      expect(ca).toContain('SameSite=Lax');
      expect(ca).toContain('Path=/');
      expect(ca).not.toContain('Secure');
      expect(sessionCookieOf(a.headers['set-cookie'])).not.toBe(sessionCookieOf(b.headers['set-cookie']));
      expect(a.json().csrf_token).not.toBe(b.json().csrf_token);
      // Only hashes are stored.
      const stored = await rt.store.db.selectFrom('sessions').select('id_hash').where('user_id', '=', m.userId).execute();
      const raw = sessionCookieOf(a.headers['set-cookie'])!.split('=')[1]!;
      expect(stored.map((s) => s.id_hash)).toContain(sha256Hex(raw));
      expect(JSON.stringify(stored)).not.toContain(raw);
    });

    it('never adopts a session id planted before sign-in (no fixation)', async () => {
      const m = await createMember(rt, { role: 'viewer' });
      const planted = 'bifrost_session=PlantedByAnAttacker0123456789abcdefghijklmnop';
      const res = await app.inject({ method: 'POST', url: '/v1/auth/login', headers: { cookie: planted }, payload: { username: m.username, password: m.password } });
      expect(res.statusCode).toBe(200);
      expect(sessionCookieOf(res.headers['set-cookie'])).not.toBe(planted);
      expect((await app.inject({ method: 'GET', url: '/v1/me', headers: { cookie: planted } })).statusCode).toBe(401);
    });

    it('rejects a wrong password and an unknown user alike', async () => {
      const m = await createMember(rt, { role: 'viewer' });
      const wrong = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: m.username, password: 'not the password' } });
      const unknown = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: 'nobody-here', password: 'not the password' } });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json()).toEqual(unknown.json());
      expect(wrong.headers['set-cookie']).toBeUndefined();
    });

    it('a cookie replayed after logout is refused with 401', async () => {
      const s = await memberSession(app, rt, { role: 'editor' });
      expect((await app.inject({ method: 'GET', url: '/v1/me', headers: s.headers })).statusCode).toBe(200);
      const out = await app.inject({ method: 'POST', url: '/v1/auth/logout', headers: s.headers });
      expect(out.statusCode).toBe(204);
      expect(String(out.headers['set-cookie'])).toMatch(/bifrost_session=;/);
      const replay = await app.inject({ method: 'GET', url: '/v1/me', headers: s.headers });
      expect(replay.statusCode).toBe(401);
      expect(replay.json().error.code).toBe('SESSION_EXPIRED');
    });

    it('expires after the idle timeout, and activity keeps it alive', async () => {
      const s = await memberSession(app, rt, { role: 'viewer' });
      clock.advance(29 * 60_000);
      expect((await app.inject({ method: 'GET', url: '/v1/me', headers: s.headers })).statusCode).toBe(200);
      clock.advance(29 * 60_000);
      expect((await app.inject({ method: 'GET', url: '/v1/me', headers: s.headers })).statusCode).toBe(200);
      clock.advance(30 * 60_000 + 1000);
      expect((await app.inject({ method: 'GET', url: '/v1/me', headers: s.headers })).statusCode).toBe(401);
    });

    it('expires at the absolute lifetime even when active', async () => {
      const s = await memberSession(app, rt, { role: 'viewer' });
      for (let t = 0; t < 12 * 60; t += 20) {
        clock.advance(20 * 60_000);
        const res = await app.inject({ method: 'GET', url: '/v1/me', headers: s.headers });
        if (t + 20 < 12 * 60) expect(res.statusCode, `at ${t + 20} min`).toBe(200);
        else expect(res.statusCode).toBe(401);
      }
    });

    it('refuses a cross-site POST without CSRF proof with 403, and accepts the dashboard one', async () => {
      const s = await memberSession(app, rt, { role: 'owner' });
      const cookieOnly = { cookie: s.headers.cookie! };
      const noToken = await app.inject({ method: 'POST', url: '/v1/accounts', headers: { ...cookieOnly, origin: 'https://evil.example' }, payload: { name: 'x' } });
      expect(noToken.statusCode).toBe(403);
      expect(noToken.json().error.code).toBe('CSRF_FAILED');
      const missing = await app.inject({ method: 'POST', url: '/v1/accounts', headers: cookieOnly, payload: { name: 'x' } });
      expect(missing.statusCode).toBe(403);
      const wrongOrigin = await app.inject({ method: 'POST', url: '/v1/accounts', headers: { ...s.headers, origin: 'https://evil.example' }, payload: { name: 'x' } });
      expect(wrongOrigin.statusCode).toBe(403);
      const crossSite = await app.inject({ method: 'POST', url: '/v1/accounts', headers: { ...s.headers, 'sec-fetch-site': 'cross-site' }, payload: { name: 'x' } });
      expect(crossSite.statusCode).toBe(403);
      const ok = await app.inject({ method: 'POST', url: '/v1/accounts', headers: s.headers, payload: { name: 'Second brand' } });
      expect(ok.statusCode).toBe(201);
      // GET needs no token.
      expect((await app.inject({ method: 'GET', url: '/v1/accounts', headers: cookieOnly })).statusCode).toBe(200);
      // A sign-in form posted from another site is refused (login CSRF).
      const m = await createMember(rt, { role: 'viewer' });
      const foreign = await app.inject({ method: 'POST', url: '/v1/auth/login', headers: { origin: 'https://evil.example' }, payload: { username: m.username, password: m.password } });
      expect(foreign.statusCode).toBe(403);
    });

    it('API keys need no CSRF token (they are not ambient)', async () => {
      const m = await createMember(rt, { role: 'owner' });
      const key = await createApiKey(rt, { accountId: m.accountId, userId: m.userId, permissions: ['roles:edit'] });
      const res = await app.inject({ method: 'POST', url: '/v1/roles', headers: key.headers, payload: { name: 'Moderators', permissions: ['roles:edit'] } });
      expect(res.statusCode).toBe(201);
    });

    it('changing the password ends the other sessions but keeps this one', async () => {
      const m = await createMember(rt, { role: 'viewer' });
      const first = await signIn(app, m);
      const second = await signIn(app, m);
      const bad = await app.inject({ method: 'POST', url: '/v1/me/password', headers: first.headers, payload: { current_password: 'wrong one!', new_password: 'a brand new passphrase' } });
      expect(bad.statusCode).toBe(401);
      const weak = await app.inject({ method: 'POST', url: '/v1/me/password', headers: first.headers, payload: { current_password: m.password, new_password: 'short' } });
      expect(weak.statusCode).toBe(400);
      expect(weak.json().error.message).toMatch(/^body\.new_password: /);
      const res = await app.inject({ method: 'POST', url: '/v1/me/password', headers: first.headers, payload: { current_password: m.password, new_password: 'a brand new passphrase' } });
      expect(res.statusCode).toBe(204);
      expect((await app.inject({ method: 'GET', url: '/v1/me', headers: first.headers })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/v1/me', headers: second.headers })).statusCode).toBe(401);
      expect((await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: m.username, password: m.password } })).statusCode).toBe(401);
      expect((await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: m.username, password: 'a brand new passphrase' } })).statusCode).toBe(200);
    });

    it('selects the account from X-Bifrost-Account (404 when not a member), else the first one', async () => {
      const s = await memberSession(app, rt, { role: 'owner' });
      const other = await createMember(rt, { role: 'owner' });
      const me = await app.inject({ method: 'GET', url: '/v1/me', headers: { cookie: s.headers.cookie! } });
      expect(me.json().current_account_id).toBe(s.accountId);
      const foreign = await app.inject({ method: 'GET', url: '/v1/members', headers: { ...s.headers, 'x-bifrost-account': other.accountId } });
      expect(foreign.statusCode).toBe(404);
      const own = await app.inject({ method: 'GET', url: '/v1/members', headers: s.headers });
      expect(own.statusCode).toBe(200);
    });

    it('lets an event stream (EventSource sends no headers) name its account in ?account=, and nothing else', async () => {
      const s = await memberSession(app, rt, { role: 'owner' });
      const second = await createMember(rt, { role: 'owner' });
      const foreign = await createMember(rt, { role: 'owner' });
      // Joined later than the own account (a tie in created_at would order the two by id).
      await rt.store.db.insertInto('memberships').values({ account_id: second.accountId, user_id: s.userId, role: 'viewer', created_at: rt.clock.now() + 60_000 }).execute();
      const cookie = { cookie: s.headers.cookie! };
      const stream = { ...cookie, accept: 'text/event-stream' };
      const current = async (url: string, headers: Record<string, string>) => (await app.inject({ method: 'GET', url, headers })).json().current_account_id;
      expect(await current(`/v1/me?account=${second.accountId}`, stream)).toBe(second.accountId);
      // Not asked as an event stream: the query is ignored like any unknown parameter.
      expect(await current(`/v1/me?account=${second.accountId}`, cookie)).toBe(s.accountId);
      // The header still wins, and an account the user is not a member of is not found.
      expect(await current(`/v1/me?account=${second.accountId}`, { ...stream, 'x-bifrost-account': s.accountId })).toBe(s.accountId);
      expect((await app.inject({ method: 'GET', url: `/v1/me?account=${foreign.accountId}`, headers: stream })).statusCode).toBe(404);
    });
  });
}

describe('sessions over https', () => {
  it('use the __Host- cookie with Secure, and the https origin for CSRF', async () => {
    const rt = await testRuntime({ overrides: { server: { public_url: 'https://bifrost.example.com' } } });
    const app = await buildApp(rt);
    try {
      const m = await createMember(rt, { role: 'owner' });
      const res = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: m.username, password: m.password } });
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(/^__Host-bifrost_session=[A-Za-z0-9_-]{43};/);
      expect(cookie).toContain('Secure');
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Lax');
      expect(cookie).toContain('Path=/');
      expect(cookie).not.toContain('Domain');
      const s = await signIn(app, m);
      expect(s.headers.origin).toBe('https://bifrost.example.com');
      expect((await app.inject({ method: 'POST', url: '/v1/accounts', headers: s.headers, payload: { name: 'ok' } })).statusCode).toBe(201);
      expect((await app.inject({ method: 'POST', url: '/v1/accounts', headers: { ...s.headers, origin: ORIGIN }, payload: { name: 'no' } })).statusCode).toBe(403);
    } finally {
      await app.close();
      await rt.close();
    }
  });
});
