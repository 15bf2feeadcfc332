/**
 * HTTP routes of integrations: the documented REST API exactly, plus default bots and the instance's
 * global bots. Routes validate, call one service function and map the result.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Runtime } from '../../runtime.ts';
import { toWire } from '../wire.ts';
import { startConnect } from '../../integrations/connect.ts';
import { completeCallback } from '../../integrations/callback.ts';
import { closeIncident } from '../../health/incidents.ts';
import { disconnectIntegration } from '../../integrations/disconnect.ts';
import { refreshForCaller } from '../../refresh/manual-refresh.ts';
import { globalBots, groupedIntegrations, integrationById, platformCards, platformIntegrations, platformList, platformScopes } from '../../integrations/queries.ts';
import { setDefaultBot, updateVerifiedBotStatus } from '../../integrations/manage.ts';
import {
  connectBodySchema,
  connectResultSchema,
  disconnectResultSchema,
  idParams,
  integrationSchema,
  platformCardSchema,
  platformGroupSchema,
  platformSchema,
  scopeListSchema,
  slugParams,
  twitchStatusBodySchema,
} from '../../integrations/schemas.ts';

const tags = ['integrations'];

export function integrationsRoutes(rt: Runtime): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/v1/integrations', {
      schema: { tags, summary: 'All integrations, grouped by platform', response: { 200: z.array(platformGroupSchema) } },
      config: { access: { permission: 'connections:read' } },
    }, async (request) => toWire(await groupedIntegrations(rt, request.caller)));

    // Not account data: every signed-in user may read it (the dashboard's platform lists, names and marks).
    app.get('/v1/platforms', {
      schema: { tags: ['platforms'], summary: 'Every platform: name, brand colours, capabilities and default scopes', response: { 200: z.array(platformSchema) } },
      config: { access: { session: true } },
    }, async () => toWire(platformList(rt)));

    app.get('/v1/integrations/platforms', {
      schema: { tags, summary: 'Available platforms and their card state', response: { 200: z.array(platformCardSchema) } },
      config: { access: { permission: 'connections:read' } },
    }, async (request) => toWire(await platformCards(rt, request.caller)));

    app.get('/v1/integrations/platform/:slug', {
      schema: { tags, summary: "A platform's integrations", params: slugParams, response: { 200: z.array(integrationSchema) } },
      config: { access: { permission: 'connections:read' } },
    }, async (request) => toWire(await platformIntegrations(rt, request.caller, request.params.slug)));

    app.get('/v1/integrations/platform/:slug/scopes', {
      schema: { tags, summary: "A platform's scopes for channels and bots", params: slugParams, response: { 200: scopeListSchema } },
      config: { access: { permission: 'connections:read' } },
    }, async (request) => toWire(await platformScopes(rt, request.params.slug)));

    app.post('/v1/integrations/platform/:slug/connect', {
      schema: {
        tags,
        summary: 'Start OAuth for a channel or bot (or reconnect one); needs connections:edit for channels, bot-connections:create for bots',
        params: slugParams,
        body: connectBodySchema,
        response: { 200: connectResultSchema },
      },
      // Channels need connections:edit, bots bot-connections:create; the service checks which.
      config: { access: { anyPermission: ['connections:edit', 'bot-connections:create'] } },
    }, async (request) => startConnect(rt, request.caller, request.params.slug, request.body));

    app.get('/v1/integrations/callback/:platform', {
      schema: { tags, summary: 'OAuth callback (the platform redirects here); answers 303 to the dashboard', params: z.object({ platform: z.string().max(32) }) },
      config: { access: { public: true } },
    }, async (request, reply) => {
      const adapter = rt.platforms.get(request.params.platform as never);
      const rawQuery = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
      const location = adapter
        ? await completeCallback(rt, adapter, {
            platform: adapter.slug,
            rawQuery,
            sessionHash: request.caller.kind === 'session' ? request.caller.credentialId : undefined,
            ip: request.ip,
            afterReconnect: (row, userId) => closeIncident(rt, row, { actor: { type: 'user', id: userId } }),
          })
        : '/dashboard/connections?error=invalid_request';
      // 303 to a clean URL: code and state leave the address bar and history; no Referer carries them (OA-9).
      return reply.code(303).header('Referrer-Policy', 'no-referrer').header('Location', location).send();
    });

    app.get('/v1/integrations/:id', {
      schema: { tags, summary: 'One integration (ids start with int_)', params: idParams, response: { 200: integrationSchema } },
      config: { access: { permission: 'connections:read' } },
    }, async (request) => toWire(await integrationById(rt, request.caller, request.params.id)));

    app.post('/v1/integrations/:id/refresh', {
      schema: { tags, summary: "Refresh an integration's token now", params: idParams, response: { 200: integrationSchema } },
      config: { access: { anyPermission: ['connections:edit', 'bot-connections:create'] } },
    }, async (request) => toWire(await refreshForCaller(rt, request.caller, request.params.id)));

    app.delete('/v1/integrations/:id', {
      schema: { tags, summary: 'Disconnect: revoke at the platform and delete the tokens', params: idParams, response: { 200: disconnectResultSchema } },
      config: { access: { anyPermission: ['connections:edit', 'bot-connections:delete'] } },
    }, async (request) => disconnectIntegration(rt, request.caller, request.params.id));

    app.patch('/v1/integrations/:id/twitch-status', {
      schema: { tags, summary: 'Update the Twitch verified-bot badge and status', params: idParams, body: twitchStatusBodySchema, response: { 200: integrationSchema } },
      config: { access: { anyPermission: ['connections:edit', 'bot-connections:create'] } },
    }, async (request) => toWire(await updateVerifiedBotStatus(rt, request.caller, request.params.id, request.body)));

    app.post('/v1/integrations/:id/default-bot', {
      schema: { tags, summary: "Make a bot the account's default on its platform", params: idParams, response: { 200: integrationSchema } },
      config: { access: { permission: 'bot-connections:create' } },
    }, async (request) => toWire(await setDefaultBot(rt, request.caller, request.params.id)));

    // Instance admin: global bots, the fallback for accounts without a bot of their own.
    app.post('/v1/admin/platforms/:slug/global-bot/connect', {
      schema: {
        tags: ['admin'],
        summary: 'Connect (or reconnect) the global bot of a platform',
        params: slugParams,
        body: z.object({ bot_identifier: z.string().optional(), reconnect: z.boolean().optional() }).strict(),
        response: { 200: connectResultSchema },
      },
      config: { access: { instanceAdmin: true } },
    }, async (request) =>
      startConnect(rt, request.caller, request.params.slug, { integration_type: 'bot', bot_identifier: request.body.bot_identifier, reconnect: request.body.reconnect }, { global: true }));

    app.get('/v1/admin/global-bots', {
      schema: { tags: ['admin'], summary: 'The global bots', response: { 200: z.array(integrationSchema) } },
      config: { access: { instanceAdmin: true } },
    }, async (request) => toWire(await globalBots(rt, request.caller)));

    app.delete('/v1/admin/global-bots/:id', {
      schema: { tags: ['admin'], summary: 'Disconnect a global bot', params: idParams, response: { 200: disconnectResultSchema } },
      config: { access: { instanceAdmin: true } },
    }, async (request) => disconnectIntegration(rt, request.caller, request.params.id, { global: true }));
  };
}
