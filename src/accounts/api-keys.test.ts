/** API keys over HTTP: shown once with the bf_ prefix, stored hashed, a subset of the creator's permissions, last use, expiry, revocation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../http/app.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { storeTargets } from '../../test/support/stores.ts';
import { createApiKey, createMember, memberSession } from '../../test/support/auth.ts';
import { ManualClock } from '../clock.ts';
import { sha256Hex } from '../crypto/hash.ts';

for (const target of storeTargets()) {
  describe(`API keys [${target.name}]`, () => {
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

    it('creates a key shown once, stores only its hash, and authenticates with Bearer', async () => {
      const owner = await memberSession(app, rt, { role: 'owner' });
      const res = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: owner.headers, payload: { name: 'Chat bot', permissions: ['members:read', 'connections:read'] } });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body.key).toMatch(/^bf_[A-Za-z0-9_-]{43}$/);
      expect(body.prefix).toBe(body.key.slice(0, 11));
      expect(body.permissions).toEqual(['connections:read', 'members:read']);
      expect(body.last_used_at).toBeNull();
      const stored = await rt.store.db.selectFrom('api_keys').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
      expect(stored.key_hash).toBe(sha256Hex(body.key));
      expect(JSON.stringify(stored)).not.toContain(body.key);

      const list = await app.inject({ method: 'GET', url: '/v1/api-keys', headers: owner.headers });
      expect(list.body).not.toContain(body.key);

      clock.advance(5000);
      const use = await app.inject({ method: 'GET', url: '/v1/members', headers: { authorization: `Bearer ${body.key}` } });
      expect(use.statusCode).toBe(200);
      const after = (await app.inject({ method: 'GET', url: '/v1/api-keys', headers: owner.headers })).json().items.find((k: { id: string }) => k.id === body.id);
      expect(after.last_used_at).toBe(new Date(clock.now()).toISOString());
      // A permission the key lacks is refused even though its creator holds it.
      expect((await app.inject({ method: 'GET', url: '/v1/api-keys', headers: { authorization: `Bearer ${body.key}` } })).statusCode).toBe(403);
      // Keys cannot use session-only routes.
      expect((await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${body.key}` } })).statusCode).toBe(403);

      const revoked = await app.inject({ method: 'DELETE', url: `/v1/api-keys/${body.id}`, headers: owner.headers });
      expect(revoked.statusCode).toBe(204);
      const dead = await app.inject({ method: 'GET', url: '/v1/members', headers: { authorization: `Bearer ${body.key}` } });
      expect(dead.statusCode).toBe(401);
      const events = (await app.inject({ method: 'GET', url: '/v1/audit-logs?action=api_key.*', headers: owner.headers })).json().items;
      expect(events.map((e: { action: string }) => e.action)).toEqual(['api_key.revoked', 'api_key.created']);
      expect(JSON.stringify(events)).not.toContain(body.key);
    });

    it("refuses permissions the creator does not hold, unknown permissions, and past expiry", async () => {
      const owner = await memberSession(app, rt, { role: 'owner' });
      const admin = await createMember(rt, { role: 'admin', accountId: owner.accountId });
      const viaAdminKey = await createApiKey(rt, { accountId: owner.accountId, userId: admin.userId, permissions: ['api-keys:edit', 'members:read'] });
      const escalate = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: viaAdminKey.headers, payload: { name: 'more', permissions: ['tokens:read'] } });
      expect(escalate.statusCode).toBe(403);
      expect(escalate.json().error.code).toBe('PERMISSION_NOT_HELD');
      const subset = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: viaAdminKey.headers, payload: { name: 'less', permissions: ['members:read'] } });
      expect(subset.statusCode).toBe(201);
      const unknown = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: owner.headers, payload: { name: 'x', permissions: ['everything'] } });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.message).toMatch(/^body\.permissions/);
      const empty = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: owner.headers, payload: { name: 'x', permissions: [] } });
      expect(empty.statusCode).toBe(400);
      const past = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: owner.headers, payload: { name: 'x', permissions: ['members:read'], expires_at: '2020-01-01T00:00:00Z' } });
      expect(past.statusCode).toBe(400);
      expect(past.json().error.message).toMatch(/^body\.expires_at/);
    });

    it('expires, follows its creator (demotion narrows it, removal kills it) and stays in its own account', async () => {
      const owner = await memberSession(app, rt, { role: 'owner' });
      const other = await createMember(rt, { role: 'owner' });
      const expiring = await app.inject({
        method: 'POST',
        url: '/v1/api-keys',
        headers: owner.headers,
        payload: { name: 'short', permissions: ['members:read'], expires_at: new Date(clock.now() + 60_000).toISOString() },
      });
      const auth = { authorization: `Bearer ${expiring.json().key}` };
      expect((await app.inject({ method: 'GET', url: '/v1/members', headers: auth })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/v1/members', headers: { ...auth, 'x-bifrost-account': other.accountId } })).statusCode).toBe(404);
      clock.advance(60_000);
      expect((await app.inject({ method: 'GET', url: '/v1/members', headers: auth })).statusCode).toBe(401);

      const editor = await createMember(rt, { role: 'admin', accountId: owner.accountId });
      const key = await createApiKey(rt, { accountId: owner.accountId, userId: editor.userId, permissions: ['members:read', 'api-keys:read'] });
      expect((await app.inject({ method: 'GET', url: '/v1/api-keys', headers: key.headers })).statusCode).toBe(200);
      await app.inject({ method: 'PATCH', url: `/v1/members/${editor.userId}`, headers: owner.headers, payload: { role: 'viewer' } });
      expect((await app.inject({ method: 'GET', url: '/v1/api-keys', headers: key.headers })).statusCode).toBe(403);
      expect((await app.inject({ method: 'GET', url: '/v1/members', headers: key.headers })).statusCode).toBe(200);
      await app.inject({ method: 'DELETE', url: `/v1/members/${editor.userId}`, headers: owner.headers });
      expect((await app.inject({ method: 'GET', url: '/v1/members', headers: key.headers })).statusCode).toBe(401);
    });

    it('answers malformed and unknown credentials with 401, never 500', async () => {
      for (const authorization of ['Bearer', 'Bearer bf_', 'Bearer bf_nope', 'Basic abc', `Bearer bf_${'x'.repeat(500)}`, 'Bearer bfs_servicekey']) {
        const res = await app.inject({ method: 'GET', url: '/v1/members', headers: { authorization } });
        expect(res.statusCode, authorization).toBe(401);
      }
    });
  });
}
