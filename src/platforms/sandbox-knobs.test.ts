// Sandbox mode's fault controls: /sandbox/{platform}/knobs sets a fake's fault knobs over HTTP, refuses unknown ones by name, and forgets them on restart.
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../http/app.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { sandboxCredentials } from './sandbox.ts';
import { SANDBOX_KNOB_NAMES } from './sandbox-knobs.ts';

interface Instance {
  rt: TestRuntime;
  app: App;
}

const running: Instance[] = [];

async function start(overrides: Record<string, unknown> = { sandbox: true }): Promise<Instance> {
  const rt = await testRuntime({ overrides });
  const app = await buildApp(rt);
  const instance = { rt, app };
  running.push(instance);
  return instance;
}

afterEach(async () => {
  for (const { app, rt } of running.splice(0)) {
    await app.close();
    await rt.close();
  }
});

const knobs = (app: App, method: 'GET' | 'POST' | 'DELETE', slug: string, body?: unknown) =>
  app.inject({ method, url: `/sandbox/${slug}/knobs`, ...(body === undefined ? {} : { payload: body as object }) });

/** A refresh at Twitch's fake with a refresh token it never issued: invalid_grant (400) unless a fault plays first. */
const refreshAtTwitch = (app: App) => {
  const { clientId, clientSecret } = sandboxCredentials('twitch');
  return app.inject({
    method: 'POST',
    url: '/sandbox/twitch/oauth2/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'never-issued', client_id: clientId, client_secret: clientSecret }).toString(),
  });
};

describe('sandbox knob controls', () => {
  it('reads the fault knobs, sets them (the token endpoint then fails as told), and DELETE restores the defaults', async () => {
    const { app } = await start();
    const before = await knobs(app, 'GET', 'twitch');
    expect(before.statusCode).toBe(200);
    expect(Object.keys(before.json()).sort()).toEqual([...SANDBOX_KNOB_NAMES].sort());
    expect(before.json()).toMatchObject({ forceStatus: null, revokedGrant: false, faultEndpoints: ['token'] });
    expect((await refreshAtTwitch(app)).statusCode).toBe(400);

    const set = await knobs(app, 'POST', 'twitch', { forceStatus: 503, faultTimes: 1 });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ forceStatus: 503, faultTimes: 1 });
    expect((await refreshAtTwitch(app)).statusCode).toBe(503);
    // faultTimes: 1 — the fault clears itself after one call.
    expect((await refreshAtTwitch(app)).statusCode).toBe(400);

    await knobs(app, 'POST', 'twitch', { rateLimit: { retryAfter: '7' } });
    const limited = await refreshAtTwitch(app);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('7');

    // One fake's knobs are its own.
    expect((await knobs(app, 'GET', 'kick')).json()).toMatchObject({ rateLimit: null });

    const restored = await knobs(app, 'DELETE', 'twitch');
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toEqual(before.json());
    expect((await refreshAtTwitch(app)).statusCode).toBe(400);
  });

  it('refuses an unknown knob by name, and the knobs that keep the sandbox safe cannot be set', async () => {
    const { app } = await start();
    for (const name of ['nosuchKnob', 'redirectUriPrefixes', 'acceptAnyClient']) {
      const res = await knobs(app, 'POST', 'youtube', { revokedGrant: true, [name]: [] });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error: { code: 'VALIDATION_FAILED', message: expect.stringContaining(`body.${name}: unknown knob; the knobs are forceStatus,`), details: { field: `body.${name}` } },
      });
    }
    // Nothing of a refused body is applied.
    expect((await knobs(app, 'GET', 'youtube')).json()).toMatchObject({ revokedGrant: false });
  });

  it('names the knob whose value is wrong', async () => {
    const { app } = await start();
    const wrongType = await knobs(app, 'POST', 'trovo', { forceStatus: 'yes' });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'body.forceStatus' } });
    const notAStatus = await knobs(app, 'POST', 'trovo', { forceStatus: 200 });
    expect(notAStatus.json().error.details).toEqual({ field: 'body.forceStatus' });
    const badMode = await knobs(app, 'POST', 'trovo', { refreshMode: { kind: 'sometimes' } });
    expect(badMode.statusCode).toBe(400);
    expect(badMode.json().error.details.field).toMatch(/^body\.refreshMode/);
    const notAnObject = await app.inject({ method: 'POST', url: '/sandbox/trovo/knobs', headers: { 'content-type': 'application/json' }, payload: '[1]' });
    expect(notAnObject.statusCode).toBe(400);
    expect(notAnObject.json().error.details).toEqual({ field: 'body' });
  });

  it('a restart brings the defaults back (knobs are not saved with the grants)', async () => {
    const first = await start();
    expect((await knobs(first.app, 'POST', 'twitch', { revokedGrant: true, forceStatus: 502 })).statusCode).toBe(200);
    const dataDir = first.rt.config.data_dir;
    const second = await start({ sandbox: true, data_dir: dataDir });
    expect((await knobs(second.app, 'GET', 'twitch')).json()).toMatchObject({ revokedGrant: false, forceStatus: null });
  });

  it('is not there outside sandbox mode', async () => {
    const { app } = await start({ sandbox: false });
    expect((await knobs(app, 'POST', 'twitch', { revokedGrant: true })).statusCode).toBe(404);
    expect((await knobs(app, 'GET', 'twitch')).statusCode).toBe(404);
  });
});
