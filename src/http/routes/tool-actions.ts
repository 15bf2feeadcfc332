/**
 * HTTP routes that act on a connected tool (permission tools:control): OBS scenes, sources, media,
 * stream and record, status; Streamer.bot actions; a raw request. Each validates, calls one service
 * function of src/tools/actions.ts and maps the result.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Runtime } from '../../runtime.ts';
import { toWire } from '../wire.ts';
import {
  MEDIA_ACTIONS,
  OUTPUT_ACTIONS,
  controlObsOutput,
  listObsScenes,
  listStreamerbotActions,
  obsStatus,
  rawToolRequest,
  runStreamerbotAction,
  setObsProgramScene,
  setObsSourceVisibility,
  triggerObsMedia,
} from '../../tools/actions.ts';
import { invalidField } from '../../errors/app-error.ts';

const params = z.object({ id: z.string().min(1).max(100).describe('Tool id (tool_…)') });
const name = z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters');
// Service keys granted tools:control act here too (a bot process driving OBS with the key it reads tokens with).
const control = { access: { permission: 'tools:control' as const }, serviceKeys: true };

const sceneView = z.object({
  name: z.string(),
  current: z.boolean(),
  sources: z.array(z.object({ name: z.string(), scene_item_id: z.number(), visible: z.boolean() })),
});
const outputView = z.object({ output: z.enum(['stream', 'record']), action: z.enum(OUTPUT_ACTIONS), active: z.boolean().nullable() });
const actionView = z.object({ id: z.string(), name: z.string(), group: z.string(), enabled: z.boolean() });
const rawBody = z
  .object({
    request_type: name.optional().describe('OBS: the obs-websocket request type, e.g. GetSceneList'),
    request_data: z.record(z.string(), z.unknown()).optional().describe('OBS: the request fields'),
    request: name.optional().describe('Streamer.bot: the request name, e.g. GetBroadcaster; other fields are sent with it'),
  })
  .passthrough();

export function toolActionRoutes(rt: Runtime): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['tool actions'];

    app.get('/v1/tools/:id/obs/scenes', {
      schema: { tags, summary: 'OBS scenes (top first) with their sources and whether each is visible', params, response: { 200: z.array(sceneView) } },
      config: control,
    }, async (request) => toWire(await listObsScenes(rt, request.caller, request.params.id)));

    app.put('/v1/tools/:id/obs/program-scene', {
      schema: { tags, summary: 'Switch the OBS program scene', params, body: z.strictObject({ scene: name }), response: { 200: z.object({ scene: z.string() }) } },
      config: control,
    }, async (request) => setObsProgramScene(rt, request.caller, request.params.id, request.body));

    app.put('/v1/tools/:id/obs/sources/visibility', {
      schema: {
        tags,
        summary: 'Show or hide a source in an OBS scene',
        params,
        body: z.strictObject({ scene: name, source: name, visible: z.boolean() }),
        response: { 200: z.object({ scene: z.string(), source: z.string(), visible: z.boolean() }) },
      },
      config: control,
    }, async (request) => setObsSourceVisibility(rt, request.caller, request.params.id, request.body));

    app.post('/v1/tools/:id/obs/media', {
      schema: {
        tags,
        summary: 'Play, pause, restart, stop, next or previous on an OBS media input',
        params,
        body: z.strictObject({ input: name, action: z.enum(MEDIA_ACTIONS) }),
        response: { 200: z.object({ input: z.string(), action: z.enum(MEDIA_ACTIONS) }) },
      },
      config: control,
    }, async (request) => triggerObsMedia(rt, request.caller, request.params.id, request.body));

    for (const output of ['stream', 'record'] as const) {
      app.post(`/v1/tools/:id/obs/${output}`, {
        schema: { tags, summary: `Start, stop or toggle OBS ${output === 'stream' ? 'streaming' : 'recording'}`, params, body: z.strictObject({ action: z.enum(OUTPUT_ACTIONS) }), response: { 200: outputView } },
        config: control,
      }, async (request) => controlObsOutput(rt, request.caller, request.params.id, output, request.body));
    }

    app.get('/v1/tools/:id/obs/status', {
      schema: {
        tags,
        summary: "OBS streaming and recording state, the program scene and OBS's own stats",
        params,
        response: { 200: z.object({ streaming: z.boolean(), recording: z.boolean(), current_scene: z.string().nullable(), stats: z.record(z.string(), z.unknown()) }) },
      },
      config: control,
    }, async (request) => toWire(await obsStatus(rt, request.caller, request.params.id)));

    app.get('/v1/tools/:id/streamerbot/actions', {
      schema: { tags, summary: "Streamer.bot's actions: id, name, group, enabled", params, response: { 200: z.array(actionView) } },
      config: control,
    }, async (request) => listStreamerbotActions(rt, request.caller, request.params.id));

    app.post('/v1/tools/:id/streamerbot/actions/run', {
      schema: {
        tags,
        summary: 'Run a Streamer.bot action by id or name, with optional arguments (audited without their values)',
        params,
        body: z.strictObject({ id: name.optional(), name: name.optional(), args: z.record(z.string(), z.unknown()).optional() }),
        response: { 200: z.object({ action: actionView }) },
      },
      config: control,
    }, async (request) => {
      const { id, name: actionName, args } = request.body;
      if ((id === undefined) === (actionName === undefined)) throw invalidField('id', 'give exactly one of id or name');
      return runStreamerbotAction(rt, request.caller, request.params.id, { id, name: actionName, args });
    });

    app.post('/v1/tools/:id/request', {
      schema: {
        tags,
        summary: "A request the typed routes do not cover: OBS {request_type, request_data}, Streamer.bot {request, …}; answers the tool's own response data",
        params,
        body: rawBody,
        response: { 200: z.unknown() },
      },
      config: control,
    }, async (request) => {
      const { request_type, request_data, ...rest } = request.body;
      const message = request_type !== undefined ? { requestType: request_type, ...(request_data ? { requestData: request_data } : {}) } : rest;
      return rawToolRequest(rt, request.caller, request.params.id, message);
    });
  };
}
