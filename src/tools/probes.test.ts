/** The OBS and Streamer.bot connection probes against the local fakes and misbehaving peers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testObs } from './obs-probe.ts';
import { testStreamerbot } from './streamerbot-probe.ts';
import { startFakeObs, type FakeObs } from './fakes/obs-server.ts';
import { startFakeStreamerbot, type FakeStreamerbot } from './fakes/streamerbot-server.ts';
import { FORBIDDEN_BODY, startForbiddenPeer, startHttpPeer, startSilentPeer, startTextPeer, unusedPort, type Peer } from './fakes/peers.ts';
import { websocketUrl, type ToolTarget } from './probe-result.ts';
import { WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';

const local = (port: number, extra: Partial<ToolTarget> = {}): ToolTarget => ({ host: '127.0.0.1', ip: '127.0.0.1', port, endpoint: '/', ...extra });

describe('peers shared by both testers', () => {
  let silent: Peer;
  let http: Peer;
  let text: Peer;
  let forbidden: Peer;
  beforeAll(async () => {
    [silent, http, text, forbidden] = await Promise.all([startSilentPeer(), startHttpPeer(), startTextPeer(), startForbiddenPeer()]);
  });
  afterAll(async () => {
    await Promise.all([silent?.close(), http?.close(), text?.close(), forbidden?.close()]);
  });

  for (const [name, run] of [
    ['OBS', testObs],
    ['Streamer.bot', testStreamerbot],
  ] as const) {
    describe(name, () => {
      it('reports a refused connection when nothing listens', async () => {
        const r = await run(local(await unusedPort()), { timeoutMs: 1000 });
        expect(r).toMatchObject({ ok: false, outcome: 'refused' });
        expect(r.message).toMatch(/^Connection refused by 127\.0\.0\.1:\d+/);
      });

      it('times out within the bound on a peer that accepts TCP and never answers', async () => {
        const started = performance.now();
        const r = await run(local(silent.port), { timeoutMs: 1000 });
        const elapsed = performance.now() - started;
        expect(r).toMatchObject({ ok: false, outcome: 'timeout' });
        expect(r.message).toMatch(/^Timed out after 1 s: .*firewall/);
        expect(elapsed).toBeGreaterThanOrEqual(950);
        expect(elapsed).toBeLessThan(1500);
      });

      it('tells a plain HTTP server apart, without repeating its status', async () => {
        const r = await run(local(http.port), { timeoutMs: 1000 });
        expect(r).toMatchObject({ ok: false, outcome: 'not_protocol' });
        expect(r.message).toBe(`127.0.0.1:${http.port} answered, but not as a WebSocket server: it is not ${name}'s WebSocket server (check the port${name === 'OBS' ? '' : ' and endpoint'}).`);
        expect(r.message).not.toMatch(/200|router|html/i);
      });

      it('answers one coarse not_protocol for a 403 with a body: neither the status line nor the body comes back', async () => {
        const r = await run(local(forbidden.port), { timeoutMs: 1000 });
        expect(r).toEqual({ ok: false, outcome: 'not_protocol', message: `127.0.0.1:${forbidden.port} answered, but not as a WebSocket server: it is not ${name}'s WebSocket server (check the port${name === 'OBS' ? '' : ' and endpoint'}).` });
        const said = JSON.stringify(r);
        for (const echo of ['403', 'Forbidden', FORBIDDEN_BODY, 'access denied', 'peer-secret', '10.1.2.3']) expect(said).not.toContain(echo);
        expect(forbidden.connections()).toBeGreaterThan(0);
      });

      it('tells a peer speaking random text apart', async () => {
        const r = await run(local(text.port), { timeoutMs: 1000 });
        expect(r).toMatchObject({ ok: false, outcome: 'not_protocol' });
        expect(r.message).toContain(`not ${name}`);
      });
    });
  }
});

describe('OBS against the fake obs-websocket 5 server', () => {
  let open: FakeObs;
  let locked: FakeObs;
  let sb: FakeStreamerbot;
  beforeAll(async () => {
    [open, locked, sb] = await Promise.all([startFakeObs({ obsVersion: '30.2.0' }), startFakeObs({ password: 'hunter2-obs' }), startFakeStreamerbot()]);
  });
  afterAll(async () => {
    await Promise.all([open?.close(), locked?.close(), sb?.close()]);
  });

  it('connects without a password and reports the OBS version', async () => {
    const r = await testObs(local(open.port));
    expect(r).toEqual({ ok: true, outcome: 'ok', message: 'Connected to OBS 30.2.0 successfully!', version: '30.2.0' });
    expect(open.counts.requests).toBe(1);
  });

  it('answers the salted challenge with the right password', async () => {
    const r = await testObs(local(locked.port, { password: 'hunter2-obs' }));
    expect(r).toMatchObject({ ok: true, version: '30.1.2', message: 'Connected to OBS 30.1.2 successfully!' });
    expect(locked.counts.identified).toBe(1);
  });

  it('reports a wrong password as an authentication failure', async () => {
    const r = await testObs(local(locked.port, { password: 'wrong' }), { timeoutMs: 2000 });
    expect(r).toMatchObject({ ok: false, outcome: 'auth_failed' });
    expect(r.message).toMatch(/rejected the password/);
    expect(locked.counts.authFailures).toBe(1);
  });

  it('says a password is needed when none is saved', async () => {
    const r = await testObs(local(locked.port), { timeoutMs: 2000 });
    expect(r).toMatchObject({ ok: false, outcome: 'auth_failed' });
    expect(r.message).toMatch(/requires a password and none is saved/);
  });

  it('is fine with a saved password when OBS asks for none', async () => {
    const r = await testObs(local(open.port, { password: 'unused' }));
    expect(r.ok).toBe(true);
  });

  it('tells a Streamer.bot server apart from OBS', async () => {
    const r = await testObs(local(sb.port), { timeoutMs: 2000 });
    expect(r).toMatchObject({ ok: false, outcome: 'not_protocol' });
    expect(r.message).toMatch(/not OBS/);
  });
});

describe('Streamer.bot against the fake Streamer.bot server', () => {
  let open: FakeStreamerbot;
  let locked: FakeStreamerbot;
  let obs: FakeObs;
  beforeAll(async () => {
    [open, locked, obs] = await Promise.all([
      startFakeStreamerbot({ version: '0.2.6', endpoint: '/sb' }),
      startFakeStreamerbot({ password: 'hunter2-sb' }),
      startFakeObs(),
    ]);
  });
  afterAll(async () => {
    await Promise.all([open?.close(), locked?.close(), obs?.close()]);
  });

  it('connects at the endpoint and reports the version from GetInfo', async () => {
    const r = await testStreamerbot(local(open.port, { endpoint: '/sb' }));
    expect(r).toEqual({ ok: true, outcome: 'ok', message: 'Connected to Streamer.bot 0.2.6 successfully!', version: '0.2.6' });
    expect(open.counts.requests.GetInfo).toBe(1);
  });

  it('reports a wrong endpoint as not Streamer.bot', async () => {
    const r = await testStreamerbot(local(open.port, { endpoint: '/' }), { timeoutMs: 2000 });
    expect(r).toMatchObject({ ok: false, outcome: 'not_protocol' });
    expect(r.message).toMatch(/answered, but not as a WebSocket server.*check the port and endpoint/);
    expect(r.message).not.toContain('404');
  });

  it('authenticates with the salted challenge', async () => {
    const r = await testStreamerbot(local(locked.port, { password: 'hunter2-sb' }));
    expect(r).toMatchObject({ ok: true, version: '0.2.5' });
    expect(locked.counts.authenticated).toBe(1);
  });

  it('reports a wrong password as an authentication failure', async () => {
    const r = await testStreamerbot(local(locked.port, { password: 'wrong' }), { timeoutMs: 2000 });
    expect(r).toMatchObject({ ok: false, outcome: 'auth_failed' });
    expect(r.message).toMatch(/rejected the password/);
    expect(locked.counts.authFailures).toBe(1);
  });

  it('says a password is needed when none is saved', async () => {
    const r = await testStreamerbot(local(locked.port), { timeoutMs: 2000 });
    expect(r).toMatchObject({ ok: false, outcome: 'auth_failed' });
    expect(r.message).toMatch(/requires a password and none is saved/);
  });

  it('tells an OBS server apart from Streamer.bot', async () => {
    const r = await testStreamerbot(local(obs.port), { timeoutMs: 2000 });
    expect(r).toMatchObject({ ok: false, outcome: 'not_protocol' });
    expect(r.message).toMatch(/not Streamer\.bot/);
  });
});

describe('other WebSocket servers', () => {
  let plain: WebSocketServer;
  let port: number;
  beforeAll(async () => {
    // A WebSocket server that negotiates no subprotocol and greets with its own JSON.
    plain = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => false });
    plain.on('connection', (ws) => ws.send(JSON.stringify({ type: 'welcome', server: 'chat' })));
    await new Promise<void>((resolve) => plain.once('listening', resolve));
    port = (plain.address() as AddressInfo).port;
  });
  afterAll(async () => {
    for (const c of plain?.clients ?? []) c.terminate();
    await new Promise<void>((resolve) => plain?.close(() => resolve()));
  });

  it('OBS: a WebSocket server without the obs-websocket subprotocol is not OBS', async () => {
    const r = await testObs(local(port), { timeoutMs: 2000 });
    expect(r).toMatchObject({ ok: false, outcome: 'not_protocol' });
    expect(r.message).toMatch(/not OBS/);
  });

  it('Streamer.bot: a WebSocket server greeting with other JSON is not Streamer.bot', async () => {
    const r = await testStreamerbot(local(port), { timeoutMs: 2000 });
    expect(r).toMatchObject({ ok: false, outcome: 'not_protocol' });
  });

  it('builds the URL from the checked address, port and endpoint only, bracketing IPv6', () => {
    expect(websocketUrl({ host: 'localhost', ip: '::1', port: 8080, endpoint: '/' })).toBe('ws://[::1]:8080/');
    expect(websocketUrl({ host: 'pc.lan', ip: '192.168.1.20', port: 4455, endpoint: '/sb?x=1' })).toBe('ws://192.168.1.20:4455/sb?x=1');
  });

  it('connects to the checked address, whatever the host name says, and names the host in messages', async () => {
    const r = await testObs({ host: 'obs.invalid', ip: '127.0.0.1', port: port, endpoint: '/' }, { timeoutMs: 2000 });
    expect(r).toMatchObject({ ok: false, outcome: 'not_protocol' });
    expect(r.message).toContain(`obs.invalid:${port}`);
  });
});
