/** Tools and the egress policy: refused hosts at create/update (any spelling), Bifrost's own port, and the check at every Test. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { memberSession } from '../../test/support/auth.ts';
import { buildApp, type App } from '../http/app.ts';
import { prefixedId } from '../crypto/random.ts';
import type { Lookup } from '../net/egress.ts';
import type { Caller } from '../access/caller.ts';
import { callerOf } from '../../test/support/callers.ts';
import { createTool, getTool, testTool, updateTool } from './tools-service.ts';
import { startFakeObs, type FakeObs } from './fakes/obs-server.ts';

describe('tools under the egress policy', () => {
  let rt: TestRuntime;
  let caller: Caller;
  let obs: FakeObs;
  /** What the stub resolver answers, by name; lookups are counted. */
  const names = new Map<string, string[]>();
  const lookups: string[] = [];
  const lookup: Lookup = async (host) => {
    lookups.push(host);
    const answer = names.get(host);
    if (!answer) throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
    return answer;
  };

  beforeAll(async () => {
    // Bifrost listens on 127.0.0.1:8080 (the default), and no [egress] allow: tools need none.
    rt = await testRuntime({ overrides: { egress: { allow: [] } }, egressSeams: { lookup, interfaces: () => [] } });
    const id = prefixedId('acc');
    await rt.store.db.insertInto('accounts').values({ id, name: id, created_at: rt.clock.now(), updated_at: rt.clock.now() }).execute();
    caller = callerOf(id);
    obs = await startFakeObs();
  });
  afterAll(async () => {
    await obs?.close();
    await rt?.close();
  });

  it.each([
    ['169.254.169.254', 'host: is 169.254.169.254, a link-local address; tools may not target it'],
    ['0251.0376.0251.0376', 'host: is 169.254.169.254, a link-local address; tools may not target it'],
    ['2852039166', 'host: is 169.254.169.254, a link-local address; tools may not target it'],
    ['[::ffff:169.254.169.254]', 'host: is ::ffff:a9fe:a9fe (169.254.169.254), a link-local address; tools may not target it'],
    ['::ffff:a9fe:a9fe', 'host: is ::ffff:a9fe:a9fe (169.254.169.254), a link-local address; tools may not target it'],
    ['fd00:ec2::254', 'host: is fd00:ec2::254, a cloud metadata address; tools may not target it'],
    ['[::]', 'host: is ::, an unspecified address; tools may not target it'],
    ['0.0.0.0', 'host: is 0.0.0.0, an unspecified address; tools may not target it'],
    ['0', 'host: is 0.0.0.0, an unspecified address; tools may not target it'],
    ['224.0.0.251', 'host: is 224.0.0.251, a multicast address; tools may not target it'],
  ])('refuses to save %s (400 naming host), and saves nothing', async (host, message) => {
    await expect(createTool(rt, caller, { kind: 'streamerbot', host, port: 8081 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message, details: { field: 'host' } });
    await expect(createTool(rt, caller, { kind: 'obs', remote_access: true, host, port: 4455 })).rejects.toMatchObject({ details: { field: 'host' } });
    const saved = await rt.store.db.selectFrom('tools').select('host').where('account_id', '=', caller.accountId!).execute();
    expect(saved.map((r) => r.host)).not.toContain(host);
  });

  it('refuses a name that resolves to a metadata address', async () => {
    names.set('metadata.google.internal', ['169.254.169.254']);
    await expect(createTool(rt, caller, { kind: 'streamerbot', host: 'metadata.google.internal', port: 80 })).rejects.toMatchObject({
      message: 'host: resolves to 169.254.169.254, a link-local address; tools may not target it',
    });
  });

  it('keeps loopback, LAN and tailnet addresses, stored in their one spelling', async () => {
    names.set('obs.tailnet.ts.net', ['100.101.102.103']);
    const cases: [string, string][] = [
      ['2130706433', '127.0.0.1'],
      ['0x7f.1', '127.0.0.1'],
      ['017700000001', '127.0.0.1'],
      ['127.1', '127.0.0.1'],
      ['[::ffff:7f00:1]', '::ffff:7f00:1'],
      ['[::1]', '::1'],
      ['192.168.1.20', '192.168.1.20'],
      ['Obs.Tailnet.TS.net', 'obs.tailnet.ts.net'],
    ];
    for (const [typed, stored] of cases) {
      const tool = await createTool(rt, caller, { kind: 'streamerbot', host: typed, port: 8081 });
      expect(tool.host, typed).toBe(stored);
    }
    // OBS without remote access accepts any spelling of 127.0.0.1 as "this machine".
    expect(await createTool(rt, caller, { kind: 'obs', host: '127.1' })).toMatchObject({ host: '127.0.0.1', remoteAccess: false });
  });

  it("refuses Bifrost's own address (naming port): Streamer.bot's default 127.0.0.1:8080 is this Bifrost", async () => {
    await expect(createTool(rt, caller, { kind: 'streamerbot' })).rejects.toMatchObject({
      message: "port: is 127.0.0.1:8080, Bifrost's own listen address; tools may not target it",
      details: { field: 'port' },
    });
    await expect(createTool(rt, caller, { kind: 'obs', port: 8080 })).rejects.toMatchObject({ details: { field: 'port' } });
  });

  it('checks a changed address on update and leaves the tool as it was when refused', async () => {
    const tool = await createTool(rt, caller, { kind: 'streamerbot', host: '192.168.1.30', port: 8081, label: 'LAN' });
    await expect(updateTool(rt, caller, tool.id, { host: '169.254.169.254' })).rejects.toMatchObject({ details: { field: 'host' } });
    await expect(updateTool(rt, caller, tool.id, { host: '127.0.0.1', port: 8080 })).rejects.toMatchObject({ details: { field: 'port' } });
    expect(await getTool(rt, caller, tool.id)).toMatchObject({ host: '192.168.1.30', port: 8081, label: 'LAN' });
    expect(await updateTool(rt, caller, tool.id, { host: '0xc0.0xa8.1.31' })).toMatchObject({ host: '192.168.1.31' });
  });

  it('saves a name that does not resolve yet; the Test reports it', async () => {
    const tool = await createTool(rt, caller, { kind: 'streamerbot', host: 'stream-pc.lan', port: 8081 });
    expect(tool.host).toBe('stream-pc.lan');
    expect(await testTool(rt, caller, tool.id, { timeoutMs: 2000 })).toEqual({ ok: false, outcome: 'host_not_found', message: 'Host "stream-pc.lan" could not be resolved: check the host name.' });
  });

  it('connects to the address it checked: a name only the stub resolver knows reaches the fake OBS, with one lookup', async () => {
    names.set('obs.stream.test', ['127.0.0.1']);
    const tool = await createTool(rt, caller, { kind: 'obs', remote_access: true, host: 'obs.stream.test', port: obs.port });
    lookups.length = 0;
    const before = obs.counts.connections;
    const result = await testTool(rt, caller, tool.id, { timeoutMs: 2000 });
    expect(result).toMatchObject({ ok: true, outcome: 'ok' });
    expect(obs.counts.connections - before).toBe(1);
    expect(lookups).toEqual(['obs.stream.test']);
  });

  it('checks again at every Test: a name re-pointed at the metadata service after saving is not connected to', async () => {
    names.set('obs.rebind.test', ['127.0.0.1']);
    const tool = await createTool(rt, caller, { kind: 'obs', remote_access: true, host: 'obs.rebind.test', port: obs.port });
    names.set('obs.rebind.test', ['169.254.169.254']);
    const before = obs.counts.connections;
    const result = await testTool(rt, caller, tool.id, { timeoutMs: 2000 });
    expect(result).toEqual({
      ok: false,
      outcome: 'not_allowed',
      message: `Not tested: obs.rebind.test:${obs.port} resolves to 169.254.169.254, a link-local address; tools may not target it.`,
    });
    expect(obs.counts.connections).toBe(before);
    expect(await getTool(rt, caller, tool.id)).toMatchObject({ lastTestOk: false, lastTestMessage: result.message });
  });

  it('answers the refusal through REST and GraphQL as a 400 naming the field', async () => {
    const app: App = await buildApp(rt);
    try {
      const owner = await memberSession(app, rt, { role: 'owner' });
      const res = await app.inject({ method: 'POST', url: '/v1/tools', headers: owner.headers, payload: { kind: 'streamerbot', host: '0xa9fea9fe', port: 80 } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'host: is 169.254.169.254, a link-local address; tools may not target it', details: { field: 'host' } });
      const gql = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: owner.headers,
        payload: { query: 'mutation ($i: CreateToolInput!) { createTool(input: $i) { id } }', variables: { i: { kind: 'STREAMERBOT', host: '[::]', port: 80 } } },
      });
      expect(gql.json().errors[0].message).toBe('host: is ::, an unspecified address; tools may not target it');
    } finally {
      await app.close();
    }
  });
});
