/**
 * Acceptance against a real OBS Studio (headless under Xvfb): connect with a password, list scenes,
 * create and switch scenes and receive CurrentProgramSceneChanged, toggle a source, a wrong password
 * is auth_failed, OBS stopped is unreachable and the link reconnects after OBS starts again. All
 * through Bifrost's REST API. Skipped, with a line saying why, where OBS or Xvfb is not installed.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp, type App } from '../../src/http/app.ts';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';
import { memberSession } from '../support/auth.ts';
import type { ToolEvent } from '../../src/tools/live/link.ts';
import { freePort, obsMissing, realObs, type RealObs } from './real-obs.ts';

const missing = obsMissing();
if (missing) console.log(`[bifrost] real-OBS suite skipped: ${missing}`);

describe.skipIf(missing !== undefined)('real OBS Studio', () => {
  let obs: RealObs;
  let rt: TestRuntime;
  let app: App;
  let links: { stop(): Promise<void> };
  let owner: Awaited<ReturnType<typeof memberSession>>;
  let toolId = '';
  const events: ToolEvent[] = [];

  beforeAll(async () => {
    obs = realObs(await freePort(), 'real-obs-password-1');
    await obs.start();
    rt = await testRuntime({
      overrides: { server: { port: 18080 } },
      seams: { toolLinks: { leaseMs: 3_000, pollMs: 50, timeoutMs: 10_000, backoff: { baseMs: 200, capMs: 1_000 }, onEvent: (_tool, event) => void events.push(event) } },
    });
    app = await buildApp(rt);
    owner = await memberSession(app, rt, { role: 'owner' });
    links = rt.toolLinks.start();
    toolId = (await call('POST', '/v1/tools', { kind: 'obs', port: obs.port, password: obs.password })).json().id;
  });
  afterAll(async () => {
    await links?.stop();
    await obs?.stop();
    await app?.close();
    await rt?.close();
  });

  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: owner.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const state = async () => (await call('GET', `/v1/tools/${toolId}`)).json() as { connection_state: string; program_version: string | null; connection_reason: string | null };
  const until = (wanted: string) => vi.waitFor(async () => expect((await state()).connection_state).toBe(wanted), { timeout: 60_000, interval: 200 });
  const raw = async (requestType: string, requestData?: Record<string, unknown>) => {
    const res = await call('POST', `/v1/tools/${toolId}/request`, { request_type: requestType, ...(requestData ? { request_data: requestData } : {}) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('connects with the password and shows the OBS version', async () => {
    await until('connected');
    expect((await state()).program_version).toMatch(/^\d+\.\d+/);
  });

  it('lists scenes, creates and switches scenes, and receives the change event', async () => {
    const before = await call('GET', `/v1/tools/${toolId}/obs/scenes`);
    expect(before.statusCode).toBe(200);
    expect(before.json().length).toBeGreaterThan(0);
    await raw('CreateScene', { sceneName: 'Bifrost Live' });
    const after = (await call('GET', `/v1/tools/${toolId}/obs/scenes`)).json() as { name: string }[];
    expect(after.map((s) => s.name)).toContain('Bifrost Live');
    const switched = await call('PUT', `/v1/tools/${toolId}/obs/program-scene`, { scene: 'Bifrost Live' });
    expect(switched.statusCode, switched.body).toBe(200);
    await vi.waitFor(() => expect(events).toContainEqual(expect.objectContaining({ type: 'CurrentProgramSceneChanged', data: expect.objectContaining({ sceneName: 'Bifrost Live' }) })), { timeout: 10_000 });
    expect((await call('GET', `/v1/tools/${toolId}/obs/status`)).json()).toMatchObject({ current_scene: 'Bifrost Live', streaming: false });
    const missingScene = await call('PUT', `/v1/tools/${toolId}/obs/program-scene`, { scene: 'No Such Scene' });
    expect(missingScene.statusCode).toBe(404);
    expect(missingScene.json().error.message).toContain('"No Such Scene"');
  });

  it('toggles a source visibility', async () => {
    await raw('CreateInput', { sceneName: 'Bifrost Live', inputName: 'Bifrost Color', inputKind: 'color_source_v3', inputSettings: {}, sceneItemEnabled: true });
    const hide = await call('PUT', `/v1/tools/${toolId}/obs/sources/visibility`, { scene: 'Bifrost Live', source: 'Bifrost Color', visible: false });
    expect(hide.statusCode, hide.body).toBe(200);
    const scenes = (await call('GET', `/v1/tools/${toolId}/obs/scenes`)).json() as { name: string; sources: { name: string; visible: boolean }[] }[];
    expect(scenes.find((s) => s.name === 'Bifrost Live')?.sources).toContainEqual(expect.objectContaining({ name: 'Bifrost Color', visible: false }));
    expect((await call('PUT', `/v1/tools/${toolId}/obs/sources/visibility`, { scene: 'Bifrost Live', source: 'Bifrost Color', visible: true })).statusCode).toBe(200);
    const missingSource = await call('PUT', `/v1/tools/${toolId}/obs/sources/visibility`, { scene: 'Bifrost Live', source: 'Nope', visible: true });
    expect(missingSource.statusCode).toBe(404);
  });

  it('reports a wrong password as auth_failed', async () => {
    await call('PATCH', `/v1/tools/${toolId}`, { password: 'not-the-password' });
    await until('auth_failed');
    expect((await state()).connection_reason).toMatch(/rejected the password/);
    await call('PATCH', `/v1/tools/${toolId}`, { password: obs.password });
    await until('connected');
  });

  it('reports unreachable when OBS stops and reconnects after it starts again', async () => {
    await obs.stop();
    await until('unreachable');
    expect((await call('GET', `/v1/tools/${toolId}/obs/scenes`)).statusCode).toBe(409);
    await obs.start();
    await until('connected');
    expect((await call('GET', `/v1/tools/${toolId}/obs/status`)).statusCode).toBe(200);
  });
});
