/** REST routes of tools and StreamElements tokens through the whole app: CRUD, validation, permissions, isolation, test. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../http/app.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { createApiKey, memberSession } from '../../test/support/auth.ts';
import { startFakeObs, type FakeObs } from './fakes/obs-server.ts';
import { fakeJwt as jwt } from './fakes/jwt.ts';

describe('tools REST API', () => {
  let rt: TestRuntime;
  let app: App;
  let obs: FakeObs;
  let owner: Awaited<ReturnType<typeof memberSession>>;
  let other: Awaited<ReturnType<typeof memberSession>>;
  let viewer: Awaited<ReturnType<typeof memberSession>>;

  beforeAll(async () => {
    // Bifrost on 18080 here, so Streamer.bot's default 127.0.0.1:8080 is not Bifrost's own address.
    rt = await testRuntime({ overrides: { server: { port: 18080 } } });
    app = await buildApp(rt);
    obs = await startFakeObs({ password: 'obs-route-pass', obsVersion: '31.0.1' });
    owner = await memberSession(app, rt, { role: 'owner' });
    other = await memberSession(app, rt, { role: 'owner' });
    viewer = await memberSession(app, rt, { role: 'viewer', accountId: owner.accountId });
  });
  afterAll(async () => {
    await obs?.close();
    await app?.close();
    await rt?.close();
  });

  const call = (who: { headers: Record<string, string> }, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as object }) });

  it('adds, lists, reads, edits and removes a tool', async () => {
    const created = await call(owner, 'POST', '/v1/tools', { kind: 'streamerbot', password: 'sb-route-secret' });
    expect(created.statusCode).toBe(201);
    const tool = created.json();
    expect(tool).toMatchObject({ kind: 'streamerbot', label: 'Streamer.bot', host: '127.0.0.1', port: 8080, endpoint: '/', has_password: true, enabled: true });
    expect(created.body).not.toContain('sb-route-secret');
    expect(tool).not.toHaveProperty('password');

    const list = await call(owner, 'GET', '/v1/tools');
    expect(list.statusCode).toBe(200);
    expect(list.json().map((t: { id: string }) => t.id)).toContain(tool.id);
    expect((await call(owner, 'GET', `/v1/tools/${tool.id}`)).json()).toEqual(tool);

    const patched = await call(owner, 'PATCH', `/v1/tools/${tool.id}`, { label: 'Stream PC', enabled: false });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ label: 'Stream PC', enabled: false, has_password: true });
    const cleared = await call(owner, 'PATCH', `/v1/tools/${tool.id}`, { password: null });
    expect(cleared.json().has_password).toBe(false);

    const removed = await call(owner, 'DELETE', `/v1/tools/${tool.id}`);
    expect(removed.statusCode).toBe(204);
    expect(removed.body).toBe('');
    expect((await call(owner, 'GET', `/v1/tools/${tool.id}`)).statusCode).toBe(404);
  });

  it('answers bad input with 400 naming the field', async () => {
    const cases: [unknown, RegExp][] = [
      [{ kind: 'vmix' }, /^body\.kind: /],
      [{ kind: 'obs', port: 0 }, /^body\.port: /],
      [{ kind: 'obs', port: 'http' }, /^body\.port: /],
      [{ kind: 'obs', port: 1.5 }, /^body\.port: /],
      [{ kind: 'streamerbot', host: 'ws://pc:8080' }, /^body\.host: /],
      [{ kind: 'obs', host: 'obs.example.com' }, /^host: is only used when remote_access is on/],
      [{ kind: 'obs', remote_access: true }, /^host: is required/],
    ];
    for (const [payload, message] of cases) {
      const res = await call(owner, 'POST', '/v1/tools', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.message).toMatch(message);
    }
    const badPatch = await call(owner, 'PATCH', '/v1/tools/tool_nope', { kind: 'obs' });
    expect(badPatch.statusCode).toBe(400);
  });

  it("hides another account's tools and tokens behind 404", async () => {
    const tool = (await call(owner, 'POST', '/v1/tools', { kind: 'obs' })).json();
    const token = (await call(owner, 'POST', '/v1/streamelements/tokens', { platform: 'twitch', token: jwt({ channel: 'x' }) })).json();
    for (const [method, url, payload] of [
      ['GET', `/v1/tools/${tool.id}`],
      ['PATCH', `/v1/tools/${tool.id}`, { label: 'mine now' }],
      ['DELETE', `/v1/tools/${tool.id}`],
      ['POST', `/v1/tools/${tool.id}/test`],
      ['DELETE', `/v1/streamelements/tokens/${token.id}`],
    ] as const) {
      const res = await call(other, method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    expect((await call(other, 'GET', '/v1/tools')).json()).toEqual([]);
    expect((await call(other, 'GET', '/v1/streamelements/tokens')).json()).toEqual([]);
    expect((await call(owner, 'GET', `/v1/tools/${tool.id}`)).json().label).toBe('OBS Studio');
  });

  it('lets a viewer read but not add, edit, test or remove', async () => {
    const tool = (await call(owner, 'POST', '/v1/tools', { kind: 'obs' })).json();
    expect((await call(viewer, 'GET', '/v1/tools')).statusCode).toBe(200);
    expect((await call(viewer, 'GET', `/v1/tools/${tool.id}`)).statusCode).toBe(200);
    expect((await call(viewer, 'POST', '/v1/tools', { kind: 'obs' })).statusCode).toBe(403);
    expect((await call(viewer, 'PATCH', `/v1/tools/${tool.id}`, { enabled: false })).statusCode).toBe(403);
    expect((await call(viewer, 'POST', `/v1/tools/${tool.id}/test`)).statusCode).toBe(403);
    expect((await call(viewer, 'DELETE', `/v1/tools/${tool.id}`)).statusCode).toBe(403);
    expect((await call(viewer, 'POST', '/v1/streamelements/tokens', { platform: 'twitch', token: jwt() })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/v1/tools' })).statusCode).toBe(401);
  });

  it('tests a tool against the fake OBS and shows the result on the tool', async () => {
    const tool = (await call(owner, 'POST', '/v1/tools', { kind: 'obs', remote_access: true, host: '127.0.0.1', port: obs.port, password: 'obs-route-pass' })).json();
    const res = await call(owner, 'POST', `/v1/tools/${tool.id}/test`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, outcome: 'ok', message: 'Connected to OBS 31.0.1 successfully!', version: '31.0.1' });
    expect((await call(owner, 'GET', `/v1/tools/${tool.id}`)).json()).toMatchObject({ last_test_ok: true, last_test_message: 'Connected to OBS 31.0.1 successfully!' });

    await call(owner, 'PATCH', `/v1/tools/${tool.id}`, { password: 'wrong' });
    const wrong = (await call(owner, 'POST', `/v1/tools/${tool.id}/test`)).json();
    expect(wrong).toMatchObject({ ok: false, outcome: 'auth_failed' });
    expect(wrong).not.toHaveProperty('version');
  });

  it('works with an API key too, recording the key as the actor', async () => {
    const { headers } = await createApiKey(rt, { accountId: owner.accountId, userId: owner.userId, permissions: ['connections:read', 'connections:create'] });
    const res = await app.inject({ method: 'POST', url: '/v1/tools', headers, payload: { kind: 'streamerbot', label: 'via key' } });
    expect(res.statusCode).toBe(201);
    const event = await rt.store.db.selectFrom('audit_events').selectAll().where('target_id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ action: 'tool.created', actor_type: 'api_key', account_id: owner.accountId });
  });

  it('adds, lists and removes StreamElements tokens; a malformed JWT is a 400 naming token', async () => {
    const token = jwt({ channel: 'chan', exp: 4102444800 });
    const added = await call(owner, 'POST', '/v1/streamelements/tokens', { platform: 'twitch', token, label: 'Main Channel' });
    expect(added.statusCode).toBe(201);
    expect(added.body).not.toContain(token);
    expect(added.json()).toMatchObject({ platform: 'twitch', label: 'Main Channel', token_hint: token.slice(-4), display_hint: `Token: …${token.slice(-4)}`, expires_at: '2100-01-01T00:00:00.000Z' });
    const list = await call(owner, 'GET', '/v1/streamelements/tokens');
    expect(list.json().map((t: { id: string }) => t.id)).toContain(added.json().id);
    expect(list.body).not.toContain(token);

    for (const bad of ['not-a-jwt', 'a.b.c', `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('[]').toString('base64url')}.sig`]) {
      const res = await call(owner, 'POST', '/v1/streamelements/tokens', { platform: 'twitch', token: bad });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'token' } });
      expect(res.json().error.message).toMatch(/^token: /);
      expect(res.body).not.toContain(bad);
    }
    const missing = await call(owner, 'POST', '/v1/streamelements/tokens', { platform: 'twitch' });
    expect(missing.json().error.message).toMatch(/^body\.token: /);

    expect((await call(owner, 'DELETE', `/v1/streamelements/tokens/${added.json().id}`)).statusCode).toBe(204);
    expect((await call(owner, 'DELETE', `/v1/streamelements/tokens/${added.json().id}`)).statusCode).toBe(404);
  });

  it('documents every route in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/tools', '/v1/tools/{id}', '/v1/tools/{id}/test', '/v1/streamelements/tokens', '/v1/streamelements/tokens/{id}']));
  });
});
