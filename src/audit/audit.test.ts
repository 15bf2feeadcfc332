/** The audit log: writing (secrets scrubbed), filters, newest-first cursor pages, account scoping, and the route. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../http/app.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { storeTargets } from '../../test/support/stores.ts';
import { createApiKey, memberSession } from '../../test/support/auth.ts';
import { ManualClock } from '../clock.ts';
import { recordAudit, recordAudits } from './record.ts';
import { callerOf } from '../../test/support/callers.ts';
import { listAuditEvents } from './query.ts';

for (const target of storeTargets()) {
  describe(`audit log [${target.name}]`, () => {
    let rt: TestRuntime;
    let app: App;
    const clock = new ManualClock();
    beforeAll(async () => {
      rt = await testRuntime({ store: await target.open(), clock });
      app = await buildApp(rt);
    });
    afterAll(async () => {
      await app?.close();
      await rt?.close();
    });

    it('drops secret-looking details and keeps the rest', async () => {
      await recordAudit(rt, {
        accountId: 'acc_scrub',
        actor: { type: 'system', label: 'test' },
        action: 'test.scrubbed',
        details: { password: 'p', client_secret: 's', access_token: 't', key: 'k', api_key: 'a', key_prefix: 'bf_abcd', token_type: 'bearer', name: 'n', csrf_token: 'c' },
      });
      const { items } = await listAuditEvents(rt, callerOf('acc_scrub'), {});
      expect(items[0]!.details).toEqual({ key_prefix: 'bf_abcd', token_type: 'bearer', name: 'n' });
    });

    it('writes a batch in one statement, in its order, scrubbed like single events', async () => {
      await recordAudits(
        rt,
        Array.from({ length: 300 }, (_, i) => ({ accountId: 'acc_batch', actor: { type: 'system' as const }, action: 'test.batched', details: { i, refresh_token: 'r' } })),
      );
      const { items } = await listAuditEvents(rt, callerOf('acc_batch'), { limit: 100 });
      expect(items.map((e) => e.details.i)).toEqual(Array.from({ length: 100 }, (_, k) => 299 - k));
      expect(items.every((e) => !('refresh_token' in e.details))).toBe(true);
      await recordAudits(rt, []);
    });

    it('pages newest first with a cursor and filters by action, actor and time', async () => {
      const accountId = 'acc_pages';
      const start = clock.now();
      for (let i = 0; i < 25; i++) {
        // Several events per millisecond on purpose: order must still be the write order.
        if (i % 3 === 0) clock.advance(1000);
        await recordAudit(rt, { accountId, actor: { type: 'user', id: i % 2 ? 'usr_odd' : 'usr_even' }, action: i % 5 === 0 ? 'member.removed' : 'member.invited', details: { i } });
      }
      await recordAudit(rt, { accountId: 'acc_elsewhere', actor: { type: 'system' }, action: 'member.invited' });
      const seen: number[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 10; page++) {
        const res = await listAuditEvents(rt, callerOf(accountId), { limit: 10, cursor });
        seen.push(...res.items.map((e) => e.details.i as number));
        if (!res.nextCursor) break;
        cursor = res.nextCursor;
      }
      expect(seen).toEqual(Array.from({ length: 25 }, (_, k) => 24 - k));
      expect((await listAuditEvents(rt, callerOf(accountId), { action: 'member.removed' })).items.map((e) => e.details.i)).toEqual([20, 15, 10, 5, 0]);
      expect((await listAuditEvents(rt, callerOf(accountId), { action: 'member.*' })).items).toHaveLength(25);
      expect((await listAuditEvents(rt, callerOf(accountId), { actor: 'usr_odd' })).items).toHaveLength(12);
      const since = start + 3000;
      const until = start + 5000;
      const windowed = (await listAuditEvents(rt, callerOf(accountId), { since, until })).items;
      expect(windowed.every((e) => e.createdAt >= since && e.createdAt < until)).toBe(true);
      expect(windowed).toHaveLength(6);
    });

    it('GET /v1/audit-logs is scoped to the current account, needs audit:read and validates its query', async () => {
      const a = await memberSession(app, rt, { role: 'owner' });
      const b = await memberSession(app, rt, { role: 'owner' });
      await app.inject({ method: 'POST', url: '/v1/roles', headers: b.headers, payload: { name: 'B-only role', permissions: [] } });
      await app.inject({ method: 'POST', url: '/v1/roles', headers: a.headers, payload: { name: 'A role', permissions: [] } });
      const res = await app.inject({ method: 'GET', url: '/v1/audit-logs', headers: a.headers });
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toHaveLength(1);
      expect(res.json().items[0]).toMatchObject({ action: 'role.created', actor: { type: 'user', id: a.userId }, details: { name: 'A role' } });
      // Names beside the ids: the member's username and the role's name as they are today.
      const username = (await rt.store.db.selectFrom('users').select('username').where('id', '=', a.userId).executeTakeFirstOrThrow()).username;
      expect(res.json().items[0].actor.name).toBe(username);
      expect(res.json().items[0].target).toMatchObject({ type: 'role', name: 'A role' });
      expect(res.json().items[0].created_at).toBe(new Date(clock.now()).toISOString());
      expect(res.body).not.toContain('B-only');

      const viewer = await memberSession(app, rt, { role: 'viewer', accountId: a.accountId });
      expect((await app.inject({ method: 'GET', url: '/v1/audit-logs', headers: viewer.headers })).statusCode).toBe(403);
      const key = await createApiKey(rt, { accountId: a.accountId, userId: a.userId, permissions: ['audit:read'] });
      expect((await app.inject({ method: 'GET', url: '/v1/audit-logs', headers: key.headers })).statusCode).toBe(200);

      const badCursor = await app.inject({ method: 'GET', url: '/v1/audit-logs?cursor=garbage', headers: a.headers });
      expect(badCursor.statusCode).toBe(400);
      expect(badCursor.json().error.message).toMatch(/^query\.cursor/);
      const badTime = await app.inject({ method: 'GET', url: '/v1/audit-logs?since=yesterday', headers: a.headers });
      expect(badTime.statusCode).toBe(400);
      expect(badTime.json().error.message).toMatch(/^query\.since/);
      const badLimit = await app.inject({ method: 'GET', url: '/v1/audit-logs?limit=100000', headers: a.headers });
      expect(badLimit.statusCode).toBe(400);
      const iso = await app.inject({ method: 'GET', url: `/v1/audit-logs?since=${encodeURIComponent(new Date(clock.now() - 1).toISOString())}`, headers: a.headers });
      expect(iso.json().items).toHaveLength(1);
    });

    it('records sign-in success, failure and sign-out as instance-level events', async () => {
      const admin = await memberSession(app, rt, { role: 'owner', instanceAdmin: true });
      await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: 'ghost-user', password: 'not-a-real-password' } });
      await app.inject({ method: 'POST', url: '/v1/auth/logout', headers: admin.headers });
      const again = await memberSession(app, rt, { role: 'owner', instanceAdmin: true });
      const res = await app.inject({ method: 'GET', url: '/v1/audit-logs?scope=instance&action=auth.*&limit=5', headers: again.headers });
      const actions = res.json().items.map((e: { action: string }) => e.action);
      expect(actions).toEqual(['auth.login_succeeded', 'auth.logout', 'auth.login_failed', 'auth.login_succeeded', expect.any(String)]);
      const failed = res.json().items[2];
      expect(failed).toMatchObject({ actor: { type: 'user', label: 'ghost-user' }, ip: '127.0.0.1', details: { reason: 'unknown_user' } });
      expect(res.body).not.toContain('not-a-real-password');
    });
  });
}
