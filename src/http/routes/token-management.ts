/**
 * Account-facing routes of the token lifecycle: service keys, webhooks, Companion token-server ids,
 * notifications, and the public token-server endpoint itself (the id in its query is the credential).
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Runtime } from '../../runtime.ts';
import { toWire } from '../wire.ts';
import { createServiceKey, deleteServiceKey, listServiceKeys } from '../../consumers/service-keys.ts';
import { createWebhook, deleteWebhook, listWebhooks } from '../../push/webhooks.ts';
import { disableTokenServer, enableTokenServer, TOKEN_SERVER_PATH } from '../../consumers/token-server.ts';
import { guardedValidator, shortString } from '../guarded-validator.ts';
import { listNotifications } from '../../health/notifications.ts';
import { idParams, noContent, serviceKeyBody, serviceKeySchema, tokenServerQuery, tokenServerSchema } from '../../consumers/schemas.ts';
import { webhookBody, webhookSchema } from '../../push/schemas.ts';
import { notificationSchema } from '../../health/schemas.ts';

export function managementRoutes(rt: Runtime): FastifyPluginAsyncZod {
  return async (app) => {
    const keys = ['service keys'];
    app.get('/v1/service-keys', {
      schema: { tags: keys, summary: "The account's service keys for token consumers (never the keys themselves)", response: { 200: z.object({ items: z.array(serviceKeySchema) }) } },
      config: { access: { permission: 'api-keys:read' } },
    }, async (request) => ({ items: toWire(await listServiceKeys(rt, request.caller)) }));

    app.post('/v1/service-keys', {
      schema: {
        tags: keys,
        summary: 'Create a service key (bfs_…) for one consumer, optionally limited to integrations and platforms; the key is shown only in this answer',
        body: serviceKeyBody,
        response: { 201: serviceKeySchema.extend({ key: z.string() }) },
      },
      config: { access: { permission: 'api-keys:edit' } },
    }, async (request, reply) => reply.code(201).send(toWire(await createServiceKey(rt, request.caller, request.body))));

    app.delete('/v1/service-keys/:id', {
      schema: { tags: keys, summary: 'Delete a service key; consumers using it are refused from then on', params: idParams, response: { 204: noContent } },
      config: { access: { permission: 'api-keys:edit' } },
    }, async (request, reply) => {
      await deleteServiceKey(rt, request.caller, request.params.id);
      return reply.code(204).send(null);
    });

    const hooks = ['webhooks'];
    app.get('/v1/webhooks', {
      schema: { tags: hooks, summary: "The account's webhooks for token events", response: { 200: z.object({ items: z.array(webhookSchema) }) } },
      config: { access: { permission: 'api-keys:read' } },
    }, async (request) => ({ items: toWire(await listWebhooks(rt, request.caller)) }));

    app.post('/v1/webhooks', {
      schema: {
        tags: hooks,
        summary: 'Register a webhook; deliveries are signed with HMAC-SHA256 (X-Bifrost-Signature) with the secret shown only in this answer',
        body: webhookBody,
        response: { 201: webhookSchema.extend({ secret: z.string() }) },
      },
      config: { access: { permission: 'api-keys:edit' } },
    }, async (request, reply) => reply.code(201).send(toWire(await createWebhook(rt, request.caller, request.body))));

    app.delete('/v1/webhooks/:id', {
      schema: { tags: hooks, summary: 'Delete a webhook and its pending deliveries', params: idParams, response: { 204: noContent } },
      config: { access: { permission: 'api-keys:edit' } },
    }, async (request, reply) => {
      await deleteWebhook(rt, request.caller, request.params.id);
      return reply.code(204).send(null);
    });

    const companion = ['token server'];
    app.post('/v1/integrations/:id/token-server', {
      schema: {
        tags: companion,
        summary: 'Enable (or rotate) the Companion token-server id of an integration; the id is shown only in this answer',
        params: idParams,
        response: { 200: tokenServerSchema },
      },
      config: { access: { permission: 'connections:edit' } },
    }, async (request) => toWire(await enableTokenServer(rt, request.caller, request.params.id)));

    app.delete('/v1/integrations/:id/token-server', {
      schema: { tags: companion, summary: 'Disable the Companion token-server id of an integration', params: idParams, response: { 204: noContent } },
      config: { access: { permission: 'connections:edit' } },
    }, async (request, reply) => {
      await disableTokenServer(rt, request.caller, request.params.id);
      return reply.code(204).send(null);
    });

    // The id in the query is the credential: `anonymous` spares it the session and API-key lookup. Not
    // async: a remembered id with a cached token is answered without a promise.
    app.get(TOKEN_SERVER_PATH, {
      schema: {
        tags: companion,
        summary: 'Companion token server, as the Companion Twitch API module calls it: the bare access token as text/plain for ?id=<token_server_id>; 404 for a wrong or disabled id',
        querystring: tokenServerQuery,
      },
      // tokenServerQuery by hand on the hot path; zod answers anything else (same 400).
      validatorCompiler: guardedValidator({ querystring: (q) => q.id === undefined || shortString(q.id, 100) }),
      config: { access: { public: true }, anonymous: true, quietLog: true },
    }, (request, reply) => {
      const token = rt.consumers.serveTokenServer(request.query.id, request.ip);
      const answer = (value: string) => {
        reply.header('Cache-Control', 'no-store').type('text/plain; charset=utf-8');
        return value;
      };
      return typeof token === 'string' ? answer(token) : token.then(answer);
    });

    app.get('/v1/notifications', {
      schema: { tags: ['integrations'], summary: 'Token incidents and recoveries of the account, newest first', response: { 200: z.object({ items: z.array(notificationSchema) }) } },
      config: { access: { permission: 'connections:read' } },
    }, async (request) => ({ items: toWire(await listNotifications(rt, request.caller)) }));
  };
}
