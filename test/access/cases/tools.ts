/** Access-matrix cases for the tools routes (OBS, Streamer.bot) and StreamElements tokens; the documented permissions. */
import type { AccessCase, CaseContext } from '../types.ts';
import { randomToken } from '../../../src/crypto/random.ts';
import { createTool, getTool } from '../../../src/tools/tools-service.ts';
import { addStreamElementsToken, listStreamElementsTokens } from '../../../src/tools/streamelements-service.ts';
import type { Caller } from '../../../src/access/caller.ts';
import { callerOf } from '../../support/callers.ts';
import { fakeJwt } from '../../../src/tools/fakes/jwt.ts';

const unique = () => randomToken(6).replace(/[^A-Za-z0-9]/g, 'x');
const asOwnerOfB = (ctx: CaseContext): Caller => callerOf(ctx.target.accountId);

/**
 * A Streamer.bot tool in B whose label is the marker. It points at 127.0.0.1:1, where nothing
 * listens, so a test run answers at once (refused) instead of waiting for its 5 s bound.
 */
async function toolIn(ctx: CaseContext): Promise<{ id: string; marker: string }> {
  const marker = `b-tool-${unique()}`;
  const tool = await createTool(ctx.rt, asOwnerOfB(ctx), { kind: 'streamerbot', label: marker, host: '127.0.0.1', port: 1, password: 'b-tool-password' });
  return { id: tool.id, marker };
}

/** One tool per runtime for the cases that do not consume it (keeps B under the per-account limit). */
const shared = new WeakMap<object, Promise<{ id: string; marker: string }>>();
function sharedToolIn(ctx: CaseContext): Promise<{ id: string; marker: string }> {
  let tool = shared.get(ctx.rt);
  if (!tool) {
    tool = toolIn(ctx);
    shared.set(ctx.rt, tool);
  }
  return tool;
}

/** One OBS tool per runtime (127.0.0.1:1, never connected): the action routes answer 409 not connected to an allowed caller. */
const sharedObs = new WeakMap<object, Promise<{ id: string; marker: string }>>();
function sharedObsIn(ctx: CaseContext): Promise<{ id: string; marker: string }> {
  let tool = sharedObs.get(ctx.rt);
  if (!tool) {
    const marker = `b-obs-${unique()}`;
    tool = createTool(ctx.rt, asOwnerOfB(ctx), { kind: 'obs', label: marker, port: 1, password: 'b-obs-password' }).then((t) => ({ id: t.id, marker }));
    sharedObs.set(ctx.rt, tool);
  }
  return tool;
}

/**
 * An action route: tools:control (owner, admin, editor; not viewer). Nothing holds a connection to
 * B's tools in the matrix, so an allowed caller reaches the tool check and gets 409 not connected.
 */
function actionCase(method: 'GET' | 'PUT' | 'POST', url: string, kind: 'obs' | 'streamerbot', body?: unknown): AccessCase {
  return {
    method,
    url,
    access: { permission: 'tools:control' },
    status: 409,
    isolation: 'not-found',
    setup: async (ctx) => {
      const tool = await (kind === 'obs' ? sharedObsIn(ctx) : sharedToolIn(ctx));
      return { params: { id: tool.id }, marker: tool.marker, ...(body === undefined ? {} : { body }) };
    },
  };
}

async function tokenIn(ctx: CaseContext): Promise<{ id: string; marker: string }> {
  const marker = `b-se-${unique()}`;
  const token = await addStreamElementsToken(ctx.rt, asOwnerOfB(ctx), { platform: 'twitch', token: fakeJwt({ channel: marker }), label: marker });
  return { id: token.id, marker };
}

export const cases: AccessCase[] = [
  {
    method: 'GET',
    url: '/v1/tools',
    access: { permission: 'connections:read' },
    status: 200,
    isolation: 'own-account',
    setup: async (ctx) => ({ marker: (await sharedToolIn(ctx)).marker }),
  },
  {
    method: 'POST',
    url: '/v1/tools',
    access: { permission: 'connections:create' },
    status: 201,
    // The outsider adds to their own account; nothing of B is shown.
    isolation: 'own-account',
    setup: async (ctx) => ({ body: { kind: 'obs', label: `new-${unique()}` }, marker: (await sharedToolIn(ctx)).marker }),
  },
  {
    method: 'GET',
    url: '/v1/tools/:id',
    access: { permission: 'connections:read' },
    status: 200,
    isolation: 'not-found',
    setup: async (ctx) => {
      const tool = await sharedToolIn(ctx);
      return { params: { id: tool.id }, marker: tool.marker };
    },
  },
  {
    method: 'PATCH',
    url: '/v1/tools/:id',
    access: { permission: 'connections:edit' },
    status: 200,
    isolation: 'not-found',
    setup: async (ctx) => {
      const tool = await sharedToolIn(ctx);
      // Same label back: the shared tool keeps its marker for the other cases.
      return { params: { id: tool.id }, body: { label: tool.marker, enabled: true }, marker: tool.marker };
    },
  },
  {
    method: 'DELETE',
    url: '/v1/tools/:id',
    access: { permission: 'connections:delete' },
    status: 204,
    isolation: 'not-found',
    setup: async (ctx) => {
      const tool = await toolIn(ctx);
      return { params: { id: tool.id }, marker: tool.marker };
    },
    check: async (ctx, req) => {
      await getTool(ctx.rt, asOwnerOfB(ctx), req.params?.id ?? '');
    },
  },
  {
    method: 'POST',
    url: '/v1/tools/:id/test',
    // Testing makes the server open a connection: connections:edit, not create (README).
    access: { permission: 'connections:edit' },
    status: 200,
    isolation: 'not-found',
    setup: async (ctx) => {
      const tool = await sharedToolIn(ctx);
      return { params: { id: tool.id }, marker: tool.marker };
    },
  },
  actionCase('GET', '/v1/tools/:id/obs/scenes', 'obs'),
  actionCase('PUT', '/v1/tools/:id/obs/program-scene', 'obs', { scene: 'Gameplay' }),
  actionCase('PUT', '/v1/tools/:id/obs/sources/visibility', 'obs', { scene: 'Gameplay', source: 'Webcam', visible: true }),
  actionCase('POST', '/v1/tools/:id/obs/media', 'obs', { input: 'Intro', action: 'play' }),
  actionCase('POST', '/v1/tools/:id/obs/stream', 'obs', { action: 'toggle' }),
  actionCase('POST', '/v1/tools/:id/obs/record', 'obs', { action: 'start' }),
  actionCase('GET', '/v1/tools/:id/obs/status', 'obs'),
  actionCase('GET', '/v1/tools/:id/streamerbot/actions', 'streamerbot'),
  actionCase('POST', '/v1/tools/:id/streamerbot/actions/run', 'streamerbot', { name: 'Shout Out' }),
  actionCase('POST', '/v1/tools/:id/request', 'obs', { request_type: 'GetVersion' }),
  {
    method: 'GET',
    url: '/v1/streamelements/tokens',
    access: { permission: 'connections:read' },
    status: 200,
    isolation: 'own-account',
    setup: async (ctx) => ({ marker: (await tokenIn(ctx)).marker }),
  },
  {
    method: 'POST',
    url: '/v1/streamelements/tokens',
    access: { permission: 'connections:create' },
    status: 201,
    isolation: 'own-account',
    setup: async () => ({ body: { platform: 'youtube', token: fakeJwt({ n: unique() }), label: `new-${unique()}` } }),
  },
  {
    method: 'DELETE',
    url: '/v1/streamelements/tokens/:id',
    access: { permission: 'connections:delete' },
    status: 204,
    isolation: 'not-found',
    setup: async (ctx) => {
      const token = await tokenIn(ctx);
      return { params: { id: token.id }, marker: token.marker };
    },
    check: async (ctx, req) => {
      const ids = (await listStreamElementsTokens(ctx.rt, asOwnerOfB(ctx))).map((t) => t.id);
      if (!ids.includes(req.params?.id ?? '')) throw new Error("B's StreamElements token was removed by another account's member");
    },
  },
];
