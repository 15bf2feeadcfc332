/** Tool events land in the event log (source obs / streamerbot, the normalised types) on every store of the matrix. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp, type App } from '../http/app.ts';
import { storeTargets } from '../../test/support/stores.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { memberSession } from '../../test/support/auth.ts';
import { startFakeObs, type FakeObs } from './fakes/obs-server.ts';
import { startFakeStreamerbot, type FakeStreamerbot } from './fakes/streamerbot-server.ts';

for (const target of storeTargets()) {
  describe(`tool events into the log on ${target.name}`, () => {
    let rt: TestRuntime;
    let app: App;
    let obs: FakeObs;
    let sb: FakeStreamerbot;
    let links: { stop(): Promise<void> };
    let owner: Awaited<ReturnType<typeof memberSession>>;

    beforeAll(async () => {
      rt = await testRuntime({ store: await target.open(), overrides: { server: { port: 18080 } }, seams: { toolLinks: { leaseMs: 3_000, pollMs: 50, backoff: { baseMs: 50, capMs: 400 } } } });
      app = await buildApp(rt);
      [obs, sb] = await Promise.all([startFakeObs(), startFakeStreamerbot()]);
      owner = await memberSession(app, rt, { role: 'owner' });
      links = rt.toolLinks.start();
    });
    afterAll(async () => {
      await links?.stop();
      await Promise.all([obs?.close(), sb?.close()]);
      await app?.close();
      await rt?.close();
    });

    const logged = () => rt.store.db.selectFrom('events').selectAll().where('account_id', '=', owner.accountId).orderBy('seq').execute();

    it('stores OBS scene, stream, record and mute changes and subscribed Streamer.bot events with their tool', async () => {
      const call = (method: 'POST' | 'PUT' | 'GET', url: string, payload?: object) => app.inject({ method, url, headers: owner.headers, ...(payload ? { payload } : {}) });
      const obsId = (await call('POST', '/v1/tools', { kind: 'obs', port: obs.port })).json().id;
      const sbId = (await call('POST', '/v1/tools', { kind: 'streamerbot', port: sb.port })).json().id;
      await vi.waitFor(async () => expect((await call('GET', '/v1/tools')).json().map((t: { connection_state: string }) => t.connection_state)).toEqual(['connected', 'connected']), { timeout: 8_000 });

      expect((await call('PUT', `/v1/tools/${obsId}/obs/program-scene`, { scene: 'Gameplay' })).statusCode).toBe(200);
      expect((await call('POST', `/v1/tools/${obsId}/obs/stream`, { action: 'start' })).statusCode).toBe(200);
      expect((await call('POST', `/v1/tools/${obsId}/obs/record`, { action: 'start' })).statusCode).toBe(200);
      expect((await call('POST', `/v1/tools/${obsId}/request`, { request_type: 'SetInputMute', request_data: { inputName: 'Mic/Aux', inputMuted: true } })).statusCode).toBe(200);
      sb.emit('General', 'Custom', { note: 'from an action' });

      await vi.waitFor(async () => expect((await logged()).length).toBe(5), { timeout: 5_000 });
      const rows = await logged();
      const byType = Object.fromEntries(rows.map((r) => [r.type, { source: r.source, platform: r.platform, data: JSON.parse(r.data) }]));
      expect(byType['obs.scene_changed']).toEqual({ source: 'obs', platform: 'obs', data: { tool_id: obsId, scene: 'Gameplay' } });
      expect(byType['obs.stream_state']).toEqual({ source: 'obs', platform: 'obs', data: { tool_id: obsId, active: true, state: 'OBS_WEBSOCKET_OUTPUT_STARTED' } });
      expect(byType['obs.record_state']?.data).toMatchObject({ active: true });
      expect(byType['obs.input_mute']?.data).toEqual({ tool_id: obsId, input: 'Mic/Aux', muted: true });
      expect(byType['streamerbot.event']).toEqual({ source: 'streamerbot', platform: 'streamerbot', data: { tool_id: sbId, event_source: 'General', event_type: 'Custom', payload: { note: 'from an action' } } });
    });
  });
}
