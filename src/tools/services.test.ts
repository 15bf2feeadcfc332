/** Tools and StreamElements service functions on every store of the matrix: rules, secrets at rest, isolation, audit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTargets } from '../../test/support/stores.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { prefixedId } from '../crypto/random.ts';
import { ManualClock } from '../clock.ts';

/** Moves 1 ms on every read so rows created one after another keep their order. */
class TickingClock extends ManualClock {
  override now(): number {
    this.advance(1);
    return super.now();
  }
}
import type { Caller } from '../access/caller.ts';
import { callerOf } from '../../test/support/callers.ts';
import { createTool, deleteTool, getTool, listTools, testTool, updateTool } from './tools-service.ts';
import { addStreamElementsToken, listStreamElementsTokens, readStreamElementsToken, removeStreamElementsToken } from './streamelements-service.ts';
import { startFakeObs, type FakeObs } from './fakes/obs-server.ts';
import { startFakeStreamerbot, type FakeStreamerbot } from './fakes/streamerbot-server.ts';
import { fakeJwt } from './fakes/jwt.ts';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const jwt = fakeJwt;

for (const target of storeTargets()) {
  describe(`tools services on ${target.name}`, () => {
    let rt: TestRuntime;
    let a: Caller;
    let b: Caller;
    let obs: FakeObs;
    let sb: FakeStreamerbot;
    const clock = new TickingClock(Date.UTC(2026, 0, 1));

    async function account(): Promise<Caller> {
      const id = prefixedId('acc');
      await rt.store.db.insertInto('accounts').values({ id, name: id, created_at: clock.now(), updated_at: clock.now() }).execute();
      return callerOf(id);
    }

    beforeAll(async () => {
      // Bifrost on 18080 here, so Streamer.bot's default 127.0.0.1:8080 is not Bifrost's own address.
      rt = await testRuntime({ store: await target.open(), clock, overrides: { server: { port: 18080 } } });
      [a, b] = [await account(), await account()];
      [obs, sb] = await Promise.all([startFakeObs({ password: 'obs-pass-1' }), startFakeStreamerbot({ password: 'sb-pass-1', version: '0.2.6' })]);
    });
    afterAll(async () => {
      await Promise.all([obs?.close(), sb?.close()]);
      await rt?.close();
    });

    const audits = (accountId: string) =>
      rt.store.db.selectFrom('audit_events').selectAll().where('account_id', '=', accountId).orderBy('created_at').orderBy('id').execute();

    it('applies the documented defaults per kind', async () => {
      const s = await createTool(rt, a, { kind: 'streamerbot' });
      expect(s).toMatchObject({ kind: 'streamerbot', label: 'Streamer.bot', host: '127.0.0.1', port: 8080, endpoint: '/', hasPassword: false, remoteAccess: false, enabled: true, lastTestAt: null });
      expect(s.id).toMatch(/^tool_/);
      const o = await createTool(rt, a, { kind: 'obs' });
      expect(o).toMatchObject({ kind: 'obs', host: '127.0.0.1', port: 4455, remoteAccess: false });
    });

    it('keeps OBS on 127.0.0.1 unless remote access is on, and then requires a host', async () => {
      await expect(createTool(rt, a, { kind: 'obs', host: 'obs.example.com' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'host' } });
      await expect(createTool(rt, a, { kind: 'obs', remote_access: true })).rejects.toMatchObject({ details: { field: 'host' } });
      const remote = await createTool(rt, a, { kind: 'obs', remote_access: true, host: '203.0.113.7', port: 4456 });
      expect(remote).toMatchObject({ host: '203.0.113.7', remoteAccess: true, port: 4456 });
      const local = await updateTool(rt, a, remote.id, { remote_access: false });
      expect(local).toMatchObject({ host: '127.0.0.1', remoteAccess: false });
      await expect(updateTool(rt, a, remote.id, { host: 'obs.example.com' })).rejects.toMatchObject({ details: { field: 'host' } });
      await expect(updateTool(rt, a, remote.id, { remote_access: true })).rejects.toMatchObject({ details: { field: 'host' } });
      await expect(createTool(rt, a, { kind: 'streamerbot', remote_access: true })).rejects.toMatchObject({ details: { field: 'remote_access' } });
    });

    it('rejects bad input naming the field', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ kind: 'vmix' }, 'kind'],
        [{ kind: 'obs', port: 0 }, 'port'],
        [{ kind: 'obs', port: 70000 }, 'port'],
        [{ kind: 'obs', port: '4455' }, 'port'],
        [{ kind: 'streamerbot', host: 'http://x' }, 'host'],
        [{ kind: 'streamerbot', endpoint: 'ws' }, 'endpoint'],
        [{ kind: 'streamerbot', label: '  ' }, 'label'],
        [{ kind: 'streamerbot', surprise: 1 }, 'surprise'],
      ];
      for (const [input, field] of cases) {
        await expect(createTool(rt, a, input as never), JSON.stringify(input)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field } });
      }
    });

    it('seals the password (bound to its row), keeps it on PATCH without one, clears it with null', async () => {
      const t = await createTool(rt, a, { kind: 'streamerbot', label: 'PC 2', host: 'stream-pc.lan', port: 8081, endpoint: '/ws', password: 'sb-secret-XYZ' });
      expect(t.hasPassword).toBe(true);
      expect(JSON.stringify(t)).not.toContain('sb-secret-XYZ');
      const row = await rt.store.db.selectFrom('tools').selectAll().where('id', '=', t.id).executeTakeFirstOrThrow();
      expect(row.password_enc).toMatch(/^v1\./);
      expect(row.password_enc).not.toContain('sb-secret');
      const relabelled = await updateTool(rt, a, t.id, { label: 'PC two' });
      expect(relabelled).toMatchObject({ label: 'PC two', hasPassword: true });
      const cleared = await updateTool(rt, a, t.id, { password: null });
      expect(cleared.hasPassword).toBe(false);
      const disabled = await updateTool(rt, a, t.id, { enabled: false });
      expect(disabled.enabled).toBe(false);
      const events = (await audits(a.accountId!)).filter((e) => e.target_id === t.id).map((e) => [e.action, JSON.parse(e.details).changed]);
      expect(events).toEqual([
        ['tool.created', undefined],
        ['tool.updated', ['label']],
        ['tool.updated', ['password']],
        ['tool.updated', ['enabled']],
      ]);
      for (const e of await audits(a.accountId!)) expect(e.details).not.toContain('sb-secret');
    });

    it('scopes every read and write to the account', async () => {
      const t = await createTool(rt, a, { kind: 'obs' });
      await expect(getTool(rt, b, t.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(updateTool(rt, b, t.id, { label: 'mine' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(deleteTool(rt, b, t.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(testTool(rt, b, t.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await listTools(rt, b)).map((x) => x.id)).not.toContain(t.id);
      await deleteTool(rt, a, t.id);
      await expect(getTool(rt, a, t.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('tests a tool with its stored password and records the outcome on the tool and in the audit log', async () => {
      const good = await createTool(rt, a, { kind: 'obs', remote_access: true, host: '127.0.0.1', port: obs.port, password: 'obs-pass-1' });
      const result = await testTool(rt, a, good.id);
      expect(result).toEqual({ ok: true, outcome: 'ok', message: 'Connected to OBS 30.1.2 successfully!', version: '30.1.2' });
      const after = await getTool(rt, a, good.id);
      expect(after).toMatchObject({ lastTestOk: true, lastTestMessage: result.message });
      expect(after.lastTestAt ?? 0).toBeGreaterThan(good.createdAt);

      const bad = await createTool(rt, a, { kind: 'streamerbot', port: sb.port, password: 'nope' });
      const failed = await testTool(rt, a, bad.id, { timeoutMs: 2000 });
      expect(failed).toMatchObject({ ok: false, outcome: 'auth_failed' });
      expect(await getTool(rt, a, bad.id)).toMatchObject({ lastTestOk: false, lastTestMessage: failed.message });

      const tested = (await audits(a.accountId!)).filter((e) => e.action === 'tool.tested');
      expect(tested.map((e) => [e.target_id, JSON.parse(e.details).outcome])).toEqual([
        [good.id, 'ok'],
        [bad.id, 'auth_failed'],
      ]);
      expect(tested[0]).toMatchObject({ actor_type: 'user', actor_id: 'usr_test', ip: '127.0.0.1' });
    });

    it('runs one network test when the same tool is tested twice at once', async () => {
      const t = await createTool(rt, a, { kind: 'streamerbot', port: sb.port, password: 'sb-pass-1' });
      const before = sb.counts.connections;
      const [r1, r2] = await Promise.all([testTool(rt, a, t.id), testTool(rt, a, t.id)]);
      expect(r1).toEqual(r2);
      expect(r1).toMatchObject({ ok: true, version: '0.2.6' });
      expect(sb.counts.connections - before).toBe(1);
    });

    it('stores a StreamElements JWT sealed, shows only its hint, reads exp, refuses malformed or expired ones', async () => {
      const exp = Math.floor(clock.now() / 1000) + 3600;
      const token = jwt({ channel: 'abc', role: 'owner', exp });
      const added = await addStreamElementsToken(rt, a, { platform: 'twitch', token, label: 'Main Channel' });
      expect(added).toMatchObject({ platform: 'twitch', label: 'Main Channel', tokenHint: token.slice(-4), displayHint: `Token: …${token.slice(-4)}` });
      expect(added.id).toMatch(/^se_/);
      expect(added.expiresAt).toBe(exp * 1000);
      expect(JSON.stringify(added)).not.toContain(token);
      const row = await rt.store.db.selectFrom('streamelements_tokens').selectAll().where('id', '=', added.id).executeTakeFirstOrThrow();
      expect(row.token_enc).not.toContain(token.split('.')[1]);
      expect(await readStreamElementsToken(rt, a.accountId!, added.id)).toEqual({ platform: 'twitch', token });
      const plain = await addStreamElementsToken(rt, a, { platform: 'youtube', token: jwt({ channel: 'abc' }) });
      expect(plain).toMatchObject({ label: null, expiresAt: null });
      expect((await listStreamElementsTokens(rt, a)).map((t) => t.id)).toEqual([added.id, plain.id]);

      for (const bad of ['abc', 'a.b', 'a.b.c.d', `${b64({ alg: 'HS256' })}..sig`, `${b64({ typ: 'JWT' })}.${b64({})}.sig`, `${b64({ alg: 'HS256' })}.${b64([1])}.sig`, `a+b.${b64({})}.sig`, jwt({ exp: 'soon' })]) {
        await expect(addStreamElementsToken(rt, a, { platform: 'twitch', token: bad }), bad).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'token' } });
      }
      await expect(addStreamElementsToken(rt, a, { platform: 'twitch', token: jwt({ exp: Math.floor(clock.now() / 1000) - 1 }) })).rejects.toMatchObject({ details: { field: 'token' } });
      await expect(addStreamElementsToken(rt, a, { platform: 'facebook' as never, token })).rejects.toMatchObject({ details: { field: 'platform' } });

      await expect(removeStreamElementsToken(rt, b, added.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(readStreamElementsToken(rt, b.accountId!, added.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await listStreamElementsTokens(rt, b)).toEqual([]);
      await removeStreamElementsToken(rt, a, added.id);
      expect((await listStreamElementsTokens(rt, a)).map((t) => t.id)).toEqual([plain.id]);
      const actions = (await audits(a.accountId!)).filter((e) => e.action.startsWith('streamelements_token.')).map((e) => [e.action, JSON.parse(e.details).token_hint]);
      expect(actions).toEqual([
        ['streamelements_token.added', token.slice(-4)],
        ['streamelements_token.added', plain.displayHint.slice(-4)],
        ['streamelements_token.removed', token.slice(-4)],
      ]);
    });
  });
}
