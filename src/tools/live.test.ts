/**
 * Live tool connections and actions against the OBS and Streamer.bot fakes, through the REST API and
 * GraphQL, on every store of the matrix: states and versions, every action and error, events,
 * reconnect after the tool restarts, wrong password, disable and remove.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp, type App } from '../http/app.ts';
import { storeTargets } from '../../test/support/stores.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { memberSession } from '../../test/support/auth.ts';
import { startFakeObs, type FakeObs } from './fakes/obs-server.ts';
import { startFakeStreamerbot, type FakeStreamerbot } from './fakes/streamerbot-server.ts';
import type { ToolEvent } from './live/link.ts';

const LINKS = { leaseMs: 3_000, pollMs: 50, timeoutMs: 2_000, backoff: { baseMs: 50, capMs: 400 } };

for (const target of storeTargets()) {
  describe(`live tools on ${target.name}`, () => {
    let rt: TestRuntime;
    let app: App;
    let obs: FakeObs;
    let sb: FakeStreamerbot;
    let links: { stop(): Promise<void> };
    let owner: Awaited<ReturnType<typeof memberSession>>;
    let viewer: Awaited<ReturnType<typeof memberSession>>;
    const events: { toolId: string; event: ToolEvent }[] = [];
    let obsId = '';
    let sbId = '';

    beforeAll(async () => {
      rt = await testRuntime({
        store: await target.open(),
        overrides: { server: { port: 18080 } },
        seams: { toolLinks: { ...LINKS, onEvent: (tool, event) => void events.push({ toolId: tool.id, event }) } },
      });
      app = await buildApp(rt);
      [obs, sb] = await Promise.all([startFakeObs({ password: 'obs-live-pass', obsVersion: '30.2.3' }), startFakeStreamerbot({ password: 'sb-live-pass', version: '0.2.6' })]);
      owner = await memberSession(app, rt, { role: 'owner' });
      viewer = await memberSession(app, rt, { role: 'viewer', accountId: owner.accountId });
      links = rt.toolLinks.start();
      obsId = (await call(owner, 'POST', '/v1/tools', { kind: 'obs', port: obs.port, password: 'obs-live-pass' })).json().id;
      sbId = (await call(owner, 'POST', '/v1/tools', { kind: 'streamerbot', port: sb.port, password: 'sb-live-pass', events: ['General.Custom', 'Twitch.Follow'] })).json().id;
    });
    afterAll(async () => {
      await links?.stop();
      await Promise.all([obs?.close(), sb?.close()]);
      await app?.close();
      await rt?.close();
    });

    const call = (who: { headers: Record<string, string> }, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
      app.inject({ method, url, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
    const stateOf = async (id: string) => (await call(owner, 'GET', `/v1/tools/${id}`)).json() as { connection_state: string; connection_reason: string | null; program_version: string | null };
    const until = (id: string, state: string) => vi.waitFor(async () => expect((await stateOf(id)).connection_state).toBe(state), { timeout: 8_000, interval: 50 });

    it('connects every enabled tool and shows its state and version to every member', async () => {
      await until(obsId, 'connected');
      await until(sbId, 'connected');
      expect(await stateOf(obsId)).toMatchObject({ connection_state: 'connected', program_version: '30.2.3', connection_reason: null });
      expect(await stateOf(sbId)).toMatchObject({ connection_state: 'connected', program_version: '0.2.6' });
      const seen = await call(viewer, 'GET', '/v1/tools');
      expect(seen.json().map((t: { connection_state: string }) => t.connection_state)).toEqual(['connected', 'connected']);
      expect(rt.toolLinks.held().sort()).toEqual([obsId, sbId].sort());
    });

    it('lists scenes, switches the program scene and reports the change event', async () => {
      const scenes = await call(owner, 'GET', `/v1/tools/${obsId}/obs/scenes`);
      expect(scenes.statusCode).toBe(200);
      expect(scenes.json()).toEqual([
        { name: 'Gameplay', current: false, sources: [
          { name: 'Game Capture', scene_item_id: 1, visible: true },
          { name: 'Webcam', scene_item_id: 2, visible: true },
          { name: 'Intro Video', scene_item_id: 3, visible: false },
        ] },
        { name: 'Starting Soon', current: true, sources: [{ name: 'Countdown', scene_item_id: 1, visible: true }] },
      ]);
      const switched = await call(owner, 'PUT', `/v1/tools/${obsId}/obs/program-scene`, { scene: 'Gameplay' });
      expect(switched.statusCode).toBe(200);
      expect(obs.studio.programScene).toBe('Gameplay');
      await vi.waitFor(() => expect(events).toContainEqual({ toolId: obsId, event: expect.objectContaining({ type: 'CurrentProgramSceneChanged', data: { sceneName: 'Gameplay' } }) }));
      const missing = await call(owner, 'PUT', `/v1/tools/${obsId}/obs/program-scene`, { scene: 'Nope Scene' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ error: { code: 'TOOL_TARGET_NOT_FOUND', message: expect.stringContaining('"Nope Scene"') } });
    });

    it('toggles source visibility and names an unknown scene or source', async () => {
      const hidden = await call(owner, 'PUT', `/v1/tools/${obsId}/obs/sources/visibility`, { scene: 'Gameplay', source: 'Webcam', visible: false });
      expect(hidden.statusCode).toBe(200);
      expect(obs.studio.scenes[1]?.items[1]).toMatchObject({ sourceName: 'Webcam', sceneItemEnabled: false });
      const noScene = await call(owner, 'PUT', `/v1/tools/${obsId}/obs/sources/visibility`, { scene: 'Lobby', source: 'Webcam', visible: true });
      expect(noScene.statusCode).toBe(404);
      expect(noScene.json().error.message).toContain('scene "Lobby"');
      const noSource = await call(owner, 'PUT', `/v1/tools/${obsId}/obs/sources/visibility`, { scene: 'Gameplay', source: 'Facecam', visible: true });
      expect(noSource.statusCode).toBe(404);
      expect(noSource.json().error.message).toContain('source "Facecam"');
      const bad = await call(owner, 'PUT', `/v1/tools/${obsId}/obs/sources/visibility`, { scene: 'Gameplay', source: 'Webcam' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toContain('visible');
    });

    it('controls media inputs, streaming and recording, and passes OBS refusals through', async () => {
      expect((await call(owner, 'POST', `/v1/tools/${obsId}/obs/media`, { input: 'Intro Video', action: 'restart' })).statusCode).toBe(200);
      expect(obs.studio.media['Intro Video']).toBe('OBS_WEBSOCKET_MEDIA_INPUT_ACTION_RESTART');
      const noInput = await call(owner, 'POST', `/v1/tools/${obsId}/obs/media`, { input: 'Outro', action: 'play' });
      expect(noInput.statusCode).toBe(404);
      expect(noInput.json().error.message).toContain('input "Outro"');
      expect((await call(owner, 'POST', `/v1/tools/${obsId}/obs/media`, { input: 'Intro Video', action: 'rewind' })).statusCode).toBe(400);

      expect((await call(owner, 'POST', `/v1/tools/${obsId}/obs/stream`, { action: 'start' })).json()).toEqual({ output: 'stream', action: 'start', active: true });
      expect(obs.studio.streaming).toBe(true);
      const again = await call(owner, 'POST', `/v1/tools/${obsId}/obs/stream`, { action: 'start' });
      expect(again.statusCode).toBe(502);
      expect(again.json().error).toMatchObject({ code: 'TOOL_REQUEST_REFUSED', details: { tool_code: 500, tool_message: 'The output is already running.' } });
      expect((await call(owner, 'POST', `/v1/tools/${obsId}/obs/record`, { action: 'toggle' })).json()).toEqual({ output: 'record', action: 'toggle', active: true });
      await vi.waitFor(() => expect(events.map((e) => e.event.type)).toEqual(expect.arrayContaining(['StreamStateChanged', 'RecordStateChanged'])));

      const status = await call(owner, 'GET', `/v1/tools/${obsId}/obs/status`);
      expect(status.json()).toMatchObject({ streaming: true, recording: true, current_scene: 'Gameplay', stats: { active_fps: 60 } });
      expect((await call(owner, 'POST', `/v1/tools/${obsId}/obs/stream`, { action: 'stop' })).json().active).toBe(false);
    });

    it('answers raw requests with the tool’s own data and errors', async () => {
      const version = await call(owner, 'POST', `/v1/tools/${obsId}/request`, { request_type: 'GetVersion' });
      expect(version.json()).toMatchObject({ obsVersion: '30.2.3', platformDescription: 'Fake OBS for Bifrost tests' });
      const created = await call(owner, 'POST', `/v1/tools/${obsId}/request`, { request_type: 'CreateScene', request_data: { sceneName: 'BRB' } });
      expect(created.statusCode).toBe(200);
      expect(obs.studio.scenes.map((s) => s.sceneName)).toContain('BRB');
      const unknown = await call(owner, 'POST', `/v1/tools/${obsId}/request`, { request_type: 'MakeCoffee' });
      expect(unknown.json().error).toMatchObject({ code: 'TOOL_REQUEST_REFUSED', details: { tool_code: 204 } });
      expect((await call(owner, 'POST', `/v1/tools/${obsId}/request`, { request: 'GetInfo' })).json().error.details).toEqual({ field: 'request_type' });
      const info = await call(owner, 'POST', `/v1/tools/${sbId}/request`, { request: 'GetInfo' });
      expect(info.json()).toMatchObject({ info: { version: '0.2.6' } });
    });

    it('lists and runs Streamer.bot actions by id or name, auditing no argument values', async () => {
      const list = await call(owner, 'GET', `/v1/tools/${sbId}/streamerbot/actions`);
      expect(list.json()).toContainEqual({ id: sb.actions[0]?.id, name: 'Shout Out', group: 'Chat', enabled: true });
      const run = await call(owner, 'POST', `/v1/tools/${sbId}/streamerbot/actions/run`, { name: 'Shout Out', args: { user: 'secret-arg-value-42' } });
      expect(run.statusCode).toBe(200);
      expect(sb.runs.at(-1)).toEqual({ id: sb.actions[0]?.id, name: 'Shout Out', args: { user: 'secret-arg-value-42' } });
      expect((await call(owner, 'POST', `/v1/tools/${sbId}/streamerbot/actions/run`, { id: sb.actions[1]?.id })).statusCode).toBe(200);
      const missing = await call(owner, 'POST', `/v1/tools/${sbId}/streamerbot/actions/run`, { name: 'Confetti' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error.message).toContain('"Confetti"');
      expect((await call(owner, 'POST', `/v1/tools/${sbId}/streamerbot/actions/run`, {})).statusCode).toBe(400);
      const wrongKind = await call(owner, 'GET', `/v1/tools/${sbId}/obs/scenes`);
      expect(wrongKind.json().error.code).toBe('TOOL_WRONG_KIND');

      const audit = await rt.store.db.selectFrom('audit_events').selectAll().where('action', '=', 'tool.action').execute();
      expect(audit.length).toBeGreaterThan(5);
      expect(JSON.stringify(audit)).not.toContain('secret-arg-value-42');
      expect(audit.map((a) => JSON.parse(String(a.details)))).toContainEqual(expect.objectContaining({ kind: 'streamerbot', action: 'streamerbot.run_action', action_name: 'Shout Out', arg_names: ['user'] }));
    });

    it('delivers the Streamer.bot events the tool subscribes to, and no others', async () => {
      sb.emit('General', 'Custom', { message: 'hello from sb' });
      sb.emit('Twitch', 'Follow', { user_name: 'fan1' });
      sb.emit('Twitch', 'ChatMessage', { message: 'not subscribed' });
      await vi.waitFor(() => expect(events.filter((e) => e.toolId === sbId).map((e) => e.event.type)).toEqual(['General.Custom', 'Twitch.Follow']));
    });

    it('gives viewers the states but 403 on every action', async () => {
      expect((await call(viewer, 'GET', `/v1/tools/${obsId}`)).json().connection_state).toBe('connected');
      expect((await call(viewer, 'PUT', `/v1/tools/${obsId}/obs/program-scene`, { scene: 'Gameplay' })).statusCode).toBe(403);
      expect((await call(viewer, 'GET', `/v1/tools/${obsId}/obs/scenes`)).statusCode).toBe(403);
      expect((await call(viewer, 'POST', `/v1/tools/${sbId}/streamerbot/actions/run`, { name: 'Shout Out' })).statusCode).toBe(403);
    });

    it('offers the same operations in GraphQL', async () => {
      const gql = (query: string, variables: Record<string, unknown>) => call(owner, 'POST', '/graphql', { query, variables });
      const scenes = await gql('query($id: ID!) { obsScenes(toolId: $id) { name current sources { name visible } } obsStatus(toolId: $id) { currentScene streaming } }', { id: obsId });
      expect(scenes.json().data.obsScenes[0]).toMatchObject({ name: 'BRB', current: false });
      const set = await gql('mutation($id: ID!) { setObsProgramScene(toolId: $id, scene: "Starting Soon") }', { id: obsId });
      expect(set.json().data.setObsProgramScene).toBe('Starting Soon');
      expect(obs.studio.programScene).toBe('Starting Soon');
      const missing = await gql('mutation($id: ID!) { setObsProgramScene(toolId: $id, scene: "Nope") }', { id: obsId });
      expect(missing.json().errors[0]).toMatchObject({ message: expect.stringContaining('"Nope"'), extensions: { code: 'TOOL_TARGET_NOT_FOUND' } });
      const run = await gql('mutation($id: ID!) { runStreamerbotAction(toolId: $id, name: "Scene Flash", args: {a: 1}) { id name } }', { id: sbId });
      expect(run.json().data.runStreamerbotAction.name).toBe('Scene Flash');
      const tools = await gql('{ tools { connectionState programVersion } }', {});
      expect(tools.json().data.tools).toContainEqual({ connectionState: 'CONNECTED', programVersion: '30.2.3' });
    });

    it('reports unreachable when OBS stops and reconnects (re-identifies) when it starts again', async () => {
      const { port, studio } = obs;
      await obs.close();
      await until(obsId, 'unreachable');
      const down = await call(owner, 'GET', `/v1/tools/${obsId}/obs/scenes`);
      expect(down.statusCode).toBe(409);
      expect(down.json().error).toMatchObject({ code: 'TOOL_NOT_CONNECTED', details: { state: 'unreachable' } });
      obs = await startFakeObs({ port, studio, password: 'obs-live-pass', obsVersion: '30.2.4' });
      await until(obsId, 'connected');
      expect((await stateOf(obsId)).program_version).toBe('30.2.4');
      expect(obs.counts.identified).toBe(1);
      expect((await call(owner, 'PUT', `/v1/tools/${obsId}/obs/program-scene`, { scene: 'Gameplay' })).statusCode).toBe(200);
    });

    it('reconnects to Streamer.bot after it restarts, subscribing to its events again', async () => {
      const { port } = sb;
      await sb.close();
      await until(sbId, 'unreachable');
      sb = await startFakeStreamerbot({ port, password: 'sb-live-pass', version: '0.2.7' });
      await until(sbId, 'connected');
      expect((await stateOf(sbId)).program_version).toBe('0.2.7');
      await vi.waitFor(() => expect(sb.counts.requests.Subscribe).toBe(1));
      sb.emit('General', 'Custom', { after: 'restart' });
      await vi.waitFor(() => expect(events.at(-1)).toMatchObject({ toolId: sbId, event: { type: 'General.Custom', data: { after: 'restart' } } }));
    });

    it('shows auth_failed for a wrong password and connects again once it is fixed', async () => {
      await call(owner, 'PATCH', `/v1/tools/${obsId}`, { password: 'wrong-password' });
      await until(obsId, 'auth_failed');
      expect((await stateOf(obsId)).connection_reason).toMatch(/rejected the password/);
      expect(obs.counts.authFailures).toBeGreaterThan(0);
      await call(owner, 'PATCH', `/v1/tools/${obsId}`, { password: 'obs-live-pass' });
      await until(obsId, 'connected');
    });

    it('closes the connection at once when a tool is disabled or removed', async () => {
      const disabled = await call(owner, 'PATCH', `/v1/tools/${obsId}`, { enabled: false });
      expect(disabled.json().connection_state).toBe('disabled');
      expect(rt.toolLinks.held()).not.toContain(obsId);
      const refused = await call(owner, 'PUT', `/v1/tools/${obsId}/obs/program-scene`, { scene: 'Gameplay' });
      expect(refused.json().error).toMatchObject({ code: 'TOOL_NOT_CONNECTED', details: { state: 'disabled' } });
      await vi.waitFor(() => expect(obs.received.length).toBeGreaterThan(0));
      expect((await call(owner, 'DELETE', `/v1/tools/${sbId}`)).statusCode).toBe(204);
      expect(rt.toolLinks.held()).toEqual([]);
    });
  });
}
