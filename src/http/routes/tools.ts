/**
 * HTTP routes of local tools (OBS, Streamer.bot) and StreamElements tokens. Each validates, calls
 * one service function and maps the result; permissions as documented (README; test needs edit).
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Runtime } from '../../runtime.ts';
import { toWire } from '../wire.ts';
import { addStreamElementsTokenBody, createToolBody, streamElementsTokenView, toolTestView, toolView, updateToolBody } from '../../tools/schemas.ts';
import { createTool, deleteTool, getTool, listTools, testTool, updateTool } from '../../tools/tools-service.ts';
import { addStreamElementsToken, listStreamElementsTokens, removeStreamElementsToken } from '../../tools/streamelements-service.ts';

const toolParams = z.object({ id: z.string().min(1).max(100).describe('Tool id (tool_…)') });
const tokenParams = z.object({ id: z.string().min(1).max(100).describe('StreamElements token id (se_…)') });
const deleted = z.null().describe('Deleted');

export function toolsRoutes(rt: Runtime): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['tools'];

    app.get('/v1/tools', {
      schema: { tags, summary: "The account's tools (OBS, Streamer.bot); passwords are never returned", response: { 200: z.array(toolView) } },
      config: { access: { permission: 'connections:read' } },
    }, async (request) => toWire(await listTools(rt, request.caller)));

    app.post('/v1/tools', {
      schema: {
        tags,
        summary: 'Add a tool. Streamer.bot defaults: 127.0.0.1:8080, endpoint "/". OBS defaults: port 4455, 127.0.0.1 unless remote_access',
        body: createToolBody,
        response: { 201: toolView },
      },
      config: { access: { permission: 'connections:create' } },
    }, async (request, reply) => reply.code(201).send(toWire(await createTool(rt, request.caller, request.body))));

    app.get('/v1/tools/:id', {
      schema: { tags, summary: 'One tool', params: toolParams, response: { 200: toolView } },
      config: { access: { permission: 'connections:read' } },
    }, async (request) => toWire(await getTool(rt, request.caller, request.params.id)));

    app.patch('/v1/tools/:id', {
      schema: {
        tags,
        summary: 'Edit, enable or disable a tool. Omit password to keep it; send null to remove it',
        params: toolParams,
        body: updateToolBody,
        response: { 200: toolView },
      },
      config: { access: { permission: 'connections:edit' } },
    }, async (request) => toWire(await updateTool(rt, request.caller, request.params.id, request.body)));

    app.delete('/v1/tools/:id', {
      schema: { tags, summary: 'Remove a tool', params: toolParams, response: { 204: deleted } },
      config: { access: { permission: 'connections:delete' } },
    }, async (request, reply) => {
      await deleteTool(rt, request.caller, request.params.id);
      return reply.code(204).send(null);
    });

    app.post('/v1/tools/:id/test', {
      schema: {
        tags,
        summary: 'Test the connection (at most 5 s): the handshake and the version, or why it failed. Needs connections:edit',
        params: toolParams,
        response: { 200: toolTestView },
      },
      // Editing-level: it makes the server open a connection to the configured address.
      config: { access: { permission: 'connections:edit' } },
    }, async (request) => toWire(await testTool(rt, request.caller, request.params.id)));

    const seTags = ['streamelements'];

    app.get('/v1/streamelements/tokens', {
      schema: { tags: seTags, summary: 'StreamElements tokens: platform, label and a hint ("Token: …xxxx"), never the JWT', response: { 200: z.array(streamElementsTokenView) } },
      config: { access: { permission: 'connections:read' } },
    }, async (request) => toWire(await listStreamElementsTokens(rt, request.caller)));

    app.post('/v1/streamelements/tokens', {
      schema: { tags: seTags, summary: 'Add a StreamElements JWT (checked, stored encrypted)', body: addStreamElementsTokenBody, response: { 201: streamElementsTokenView } },
      config: { access: { permission: 'connections:create' } },
    }, async (request, reply) => reply.code(201).send(toWire(await addStreamElementsToken(rt, request.caller, request.body))));

    app.delete('/v1/streamelements/tokens/:id', {
      schema: { tags: seTags, summary: 'Remove a StreamElements token (tip ingestion with it stops at once)', params: tokenParams, response: { 204: deleted } },
      config: { access: { permission: 'connections:delete' } },
    }, async (request, reply) => {
      await removeStreamElementsToken(rt, request.caller, request.params.id);
      return reply.code(204).send(null);
    });
  };
}
