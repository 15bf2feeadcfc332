/** Accounts, members, invites and roles over HTTP: owner-only actions, last owner, no escalation, custom roles. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../http/app.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { storeTargets } from '../../test/support/stores.ts';
import { createMember, memberSession, sessionCookieOf, signIn } from '../../test/support/auth.ts';
import { ManualClock } from '../clock.ts';

for (const target of storeTargets()) {
  describe(`accounts, members, invites, roles [${target.name}]`, () => {
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

    const inject = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string>, payload?: unknown) =>
      app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

    it('creates, lists, renames and deletes accounts; only an owner renames or deletes, confirming the name', async () => {
      const owner = await memberSession(app, rt, { role: 'owner' });
      clock.advance(1000);
      const created = await inject('POST', '/v1/accounts', owner.headers, { name: '  Brand Two ' });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ name: 'Brand Two', role: 'owner' });
      const id = created.json().id as string;
      const list = await inject('GET', '/v1/accounts', owner.headers);
      expect(list.json().items.map((a: { id: string }) => a.id)).toEqual([owner.accountId, id]);

      const admin = await createMember(rt, { role: 'admin', accountId: id });
      const adminS = await signIn(app, admin);
      expect((await inject('PATCH', `/v1/accounts/${id}`, adminS.headers, { name: 'Mine now' })).statusCode).toBe(403);
      const stranger = await memberSession(app, rt, { role: 'owner' });
      expect((await inject('PATCH', `/v1/accounts/${id}`, stranger.headers, { name: 'Mine now' })).statusCode).toBe(404);
      expect((await inject('PATCH', `/v1/accounts/${id}`, owner.headers, { name: '' })).statusCode).toBe(400);
      const renamed = await inject('PATCH', `/v1/accounts/${id}`, owner.headers, { name: 'Brand 2' });
      expect(renamed.json().name).toBe('Brand 2');

      const mismatch = await inject('DELETE', `/v1/accounts/${id}`, owner.headers, { confirm_name: 'Brand Two' });
      expect(mismatch.statusCode).toBe(400);
      expect(mismatch.json().error.message).toMatch(/^body\.confirm_name/);
      expect((await inject('DELETE', `/v1/accounts/${id}`, adminS.headers, { confirm_name: 'Brand 2' })).statusCode).toBe(403);
      expect((await inject('DELETE', `/v1/accounts/${id}`, owner.headers, { confirm_name: 'Brand 2' })).statusCode).toBe(204);
      expect((await inject('GET', '/v1/accounts', owner.headers)).json().items).toHaveLength(1);
      // The admin is in no account any more: account routes answer 403, not a crash.
      expect((await inject('GET', '/v1/members', { ...adminS.headers })).statusCode).toBe(403);
    });

    it('invites a new user with a one-time, expiring link', async () => {
      const owner = await memberSession(app, rt, { role: 'owner' });
      const res = await inject('POST', '/v1/invites', owner.headers, { role: 'editor', expires_in_hours: 2 });
      expect(res.statusCode).toBe(201);
      const { invite_url: url, id } = res.json();
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:8080\/invite\?token=[A-Za-z0-9_-]{43}$/);
      const token = new URL(url).searchParams.get('token')!;
      expect((await inject('GET', '/v1/invites', owner.headers)).json().items.map((i: { id: string }) => i.id)).toContain(id);
      // The token is stored only as a hash.
      expect(JSON.stringify(await rt.store.db.selectFrom('invites').selectAll().execute())).not.toContain(token);

      // Before accepting, the link says which account and role it offers.
      const accountName = (await rt.store.db.selectFrom('accounts').select('name').where('id', '=', owner.accountId).executeTakeFirstOrThrow()).name;
      const preview = await app.inject({ method: 'POST', url: '/v1/invites/preview', payload: { token } });
      expect(preview.statusCode).toBe(200);
      expect(preview.json()).toMatchObject({ account_name: accountName, role_name: 'editor' });
      expect((await app.inject({ method: 'POST', url: '/v1/invites/preview', payload: { token: 'not-a-token' } })).json().error.code).toBe('INVITE_INVALID');

      const noUser = await app.inject({ method: 'POST', url: '/v1/invites/accept', payload: { token } });
      expect(noUser.statusCode).toBe(400);
      expect(noUser.json().error.message).toMatch(/^body\.username/);
      const accepted = await app.inject({ method: 'POST', url: '/v1/invites/accept', payload: { token, username: 'New-Editor', password: 'editing all day long' } });
      expect(accepted.statusCode).toBe(200);
      expect(accepted.json()).toMatchObject({ account: { id: owner.accountId }, user: { username: 'new-editor' }, role: 'editor' });
      expect(sessionCookieOf(accepted.headers['set-cookie'])).toBeDefined();
      const again = await app.inject({ method: 'POST', url: '/v1/invites/accept', payload: { token, username: 'another-one', password: 'editing all day long' } });
      expect(again.statusCode).toBe(400);
      expect(again.json().error.code).toBe('INVITE_INVALID');
      expect((await app.inject({ method: 'POST', url: '/v1/invites/preview', payload: { token } })).json().error.code).toBe('INVITE_INVALID');
      const members = (await inject('GET', '/v1/members', owner.headers)).json().items;
      expect(members.find((m: { username: string }) => m.username === 'new-editor')).toMatchObject({ role: 'editor', role_name: 'editor' });

      const late = await inject('POST', '/v1/invites', owner.headers, { role: 'viewer', expires_in_hours: 1 });
      clock.advance(3_600_000 + 1);
      const expired = await app.inject({ method: 'POST', url: '/v1/invites/accept', payload: { token: new URL(late.json().invite_url).searchParams.get('token'), username: 'too-late', password: 'editing all day long' } });
      expect(expired.statusCode).toBe(400);
    });

    it('lets a signed-in user accept an invite into a second account (with CSRF), and revokes invites', async () => {
      const owner = await memberSession(app, rt, { role: 'owner' });
      const joiner = await memberSession(app, rt, { role: 'owner' });
      const inv = (await inject('POST', '/v1/invites', owner.headers, { role: 'viewer' })).json();
      clock.advance(1000);
      const token = new URL(inv.invite_url).searchParams.get('token')!;
      const res = await inject('POST', '/v1/invites/accept', joiner.headers, { token });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ user: { id: joiner.userId }, role: 'viewer', csrf_token: null });
      const accounts = (await inject('GET', '/v1/accounts', joiner.headers)).json().items;
      expect(accounts.map((a: { id: string }) => a.id)).toEqual([joiner.accountId, owner.accountId]);

      const second = (await inject('POST', '/v1/invites', owner.headers, { role: 'viewer' })).json();
      expect((await inject('DELETE', `/v1/invites/${second.id}`, owner.headers)).statusCode).toBe(204);
      expect((await inject('DELETE', `/v1/invites/${second.id}`, owner.headers)).statusCode).toBe(404);
    });

    it('keeps the last owner and stops privilege escalation', async () => {
      const owner = await memberSession(app, rt, { role: 'owner' });
      const admin = await createMember(rt, { role: 'admin', accountId: owner.accountId });
      const adminS = { headers: { ...(await signIn(app, admin)).headers, 'x-bifrost-account': owner.accountId } };
      const viewer = await createMember(rt, { role: 'viewer', accountId: owner.accountId });

      const demoteSelf = await inject('PATCH', `/v1/members/${owner.userId}`, owner.headers, { role: 'admin' });
      expect(demoteSelf.statusCode).toBe(409);
      expect(demoteSelf.json().error.code).toBe('LAST_OWNER');
      expect((await inject('DELETE', `/v1/members/${owner.userId}`, owner.headers)).statusCode).toBe(409);

      // An admin cannot make owners, nor touch one.
      expect((await inject('PATCH', `/v1/members/${viewer.userId}`, adminS.headers, { role: 'owner' })).statusCode).toBe(403);
      expect((await inject('DELETE', `/v1/members/${owner.userId}`, adminS.headers)).statusCode).toBe(403);
      expect((await inject('POST', '/v1/invites', adminS.headers, { role: 'owner' })).statusCode).toBe(403);
      expect((await inject('PATCH', `/v1/members/${viewer.userId}`, adminS.headers, { role: 'editor' })).statusCode).toBe(200);
      expect((await inject('PATCH', `/v1/members/${viewer.userId}`, adminS.headers, { role: 'nonsense' })).statusCode).toBe(400);

      // With two owners one may step down; then the other is the last again.
      expect((await inject('PATCH', `/v1/members/${admin.userId}`, owner.headers, { role: 'owner' })).statusCode).toBe(200);
      expect((await inject('PATCH', `/v1/members/${owner.userId}`, owner.headers, { role: 'admin' })).statusCode).toBe(200);
      const ownerNowAdmin = await inject('DELETE', `/v1/members/${admin.userId}`, owner.headers);
      expect(ownerNowAdmin.statusCode).toBe(403);
      expect((await inject('DELETE', `/v1/members/${viewer.userId}`, owner.headers)).statusCode).toBe(204);
      expect((await inject('DELETE', `/v1/members/${viewer.userId}`, owner.headers)).statusCode).toBe(404);
    });

    it('custom roles: create, assign, hold no more than their creator, and cannot be deleted while in use', async () => {
      const owner = await memberSession(app, rt, { role: 'owner' });
      const created = await inject('POST', '/v1/roles', owner.headers, { name: 'Moderator', permissions: ['connections:read', 'members:read', 'members:edit'] });
      expect(created.statusCode).toBe(201);
      const role = created.json();
      expect(role).toMatchObject({ id: expect.stringMatching(/^rol_/), builtin: false, permissions: ['connections:read', 'members:read', 'members:edit'] });
      expect((await inject('POST', '/v1/roles', owner.headers, { name: 'moderator', permissions: [] })).statusCode).toBe(409);
      expect((await inject('POST', '/v1/roles', owner.headers, { name: 'Owner', permissions: [] })).statusCode).toBe(400);
      expect((await inject('POST', '/v1/roles', owner.headers, { name: 'Bad', permissions: ['root:all'] })).statusCode).toBe(400);

      const list = (await inject('GET', '/v1/roles', owner.headers)).json().items;
      expect(list.map((r: { id: string }) => r.id)).toEqual(['owner', 'admin', 'editor', 'viewer', role.id]);
      expect(list.find((r: { id: string }) => r.id === 'viewer').permissions).toEqual(['connections:read', 'bot-connections:read', 'members:read', 'events:read']);

      const mod = await createMember(rt, { role: role.id, accountId: owner.accountId });
      const modS = { headers: { ...(await signIn(app, mod)).headers, 'x-bifrost-account': owner.accountId } };
      const me = (await inject('GET', '/v1/me', modS.headers)).json();
      expect(me.accounts[0]).toMatchObject({ role: role.id, role_name: 'Moderator', permissions: ['connections:read', 'members:read', 'members:edit'] });
      const viewer = await createMember(rt, { role: 'viewer', accountId: owner.accountId });
      // The moderator holds members:edit but lacks bot-connections:read, which editor and viewer carry:
      // it can hand out only its own role.
      expect((await inject('PATCH', `/v1/members/${viewer.userId}`, modS.headers, { role: 'editor' })).statusCode).toBe(403);
      expect((await inject('POST', '/v1/invites', modS.headers, { role: 'viewer' })).statusCode).toBe(403);
      expect((await inject('POST', '/v1/invites', modS.headers, { role: role.id })).statusCode).toBe(201);
      expect((await inject('POST', '/v1/roles', modS.headers, { name: 'x', permissions: [] })).statusCode).toBe(403);

      const renamed = await inject('PATCH', `/v1/roles/${role.id}`, owner.headers, { name: 'Mods', permissions: ['connections:read', 'members:read'] });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json()).toMatchObject({ name: 'Mods', permissions: ['connections:read', 'members:read'] });
      expect((await inject('PATCH', '/v1/roles/owner', owner.headers, { name: 'Boss' })).statusCode).toBe(409);
      const inUse = await inject('DELETE', `/v1/roles/${role.id}`, owner.headers);
      expect(inUse.statusCode).toBe(409);
      expect(inUse.json().error.code).toBe('ROLE_IN_USE');
      expect((await inject('PATCH', `/v1/members/${mod.userId}`, owner.headers, { role: 'viewer' })).statusCode).toBe(200);
      expect((await inject('DELETE', `/v1/roles/${role.id}`, owner.headers)).statusCode).toBe(204);
      expect((await inject('DELETE', `/v1/roles/${role.id}`, owner.headers)).statusCode).toBe(404);
    });

    it('writes audit events for member and role changes', async () => {
      const owner = await memberSession(app, rt, { role: 'owner' });
      const m = await createMember(rt, { role: 'viewer', accountId: owner.accountId });
      await inject('PATCH', `/v1/members/${m.userId}`, owner.headers, { role: 'editor' });
      await inject('DELETE', `/v1/members/${m.userId}`, owner.headers);
      await inject('POST', '/v1/roles', owner.headers, { name: 'Audited', permissions: [] });
      const events = (await inject('GET', '/v1/audit-logs', owner.headers)).json().items;
      expect(events.map((e: { action: string }) => e.action)).toEqual(['role.created', 'member.removed', 'member.role_changed']);
      expect(events[2]).toMatchObject({ actor: { type: 'user', id: owner.userId }, target: { type: 'user', id: m.userId }, details: { from: 'viewer', to: 'editor' }, ip: '127.0.0.1' });
    });
  });
}
