/** Routes: the current account's app credentials per platform; the secret is write-only. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Runtime } from '../../../runtime.ts';
import { toWire } from '../../wire.ts';
import { credentialsImpact, credentialView, deleteCredentials, listCredentialViews, saveCredentials } from '../../../accounts/app-credentials.ts';
import { noContent, platformSchema, timeSchema } from '../../../accounts/schemas.ts';

const tags = ['app-credentials'];

const credentialSchema = z.object({
  platform: platformSchema,
  source: z.enum(['account', 'instance', 'sandbox', 'none']).describe('Which credentials are in effect'),
  client_id_hint: z.string().nullable().describe('Last 4 characters of the client id'),
  redirect_uri: z.string().describe('Register exactly this URL at the platform'),
  created_at: timeSchema.nullable(),
  updated_at: timeSchema.nullable(),
});
const params = z.object({ platform: platformSchema });
const impactSchema = z.object({
  affected: z.array(
    z.object({
      integration_id: z.string(),
      integration_type: z.enum(['channel', 'bot']),
      display_name: z.string(),
      bot_identifier: z.string().nullable(),
    }),
  ),
  summary: z.string().nullable().describe('What will need reconnecting, in words; null when nothing breaks'),
});


export function appCredentialRoutes(rt: Runtime): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/v1/app-credentials', {
      schema: { tags, summary: 'App credentials in effect for each platform', response: { 200: z.object({ items: z.array(credentialSchema) }) } },
      config: { access: { permission: 'connections:edit' } },
    }, async (request) => ({ items: (await listCredentialViews(rt, request.caller)).map(toWire) }));

    app.get('/v1/app-credentials/:platform', {
      schema: { tags, summary: 'App credentials in effect for one platform', params, response: { 200: credentialSchema } },
      config: { access: { permission: 'connections:edit' } },
    }, async (request) => toWire(await credentialView(rt, request.caller, request.params.platform)));

    app.put('/v1/app-credentials/:platform', {
      schema: {
        tags,
        summary: "Save the account's client id and secret for a platform (the secret is encrypted and never returned)",
        params,
        body: z.object({ client_id: z.string().trim().min(1, 'must not be empty').max(256), client_secret: z.string().min(1, 'must not be empty').max(1024) }),
        response: { 200: credentialSchema },
      },
      config: { access: { permission: 'connections:edit' } },
    }, async (request) =>
      toWire(await saveCredentials(rt, request.caller, request.params.platform, { clientId: request.body.client_id, clientSecret: request.body.client_secret })),
    );

    app.post('/v1/app-credentials/:platform/impact', {
      schema: {
        tags,
        summary: 'Before saving: which connections a new client id would cut off (the same client id with a new secret keeps them all)',
        params,
        body: z.object({ client_id: z.string().trim().min(1, 'must not be empty').max(256) }),
        response: { 200: impactSchema },
      },
      config: { access: { permission: 'connections:edit' } },
    }, async (request) => toWire(await credentialsImpact(rt, request.caller, request.params.platform, request.body.client_id)));

    app.delete('/v1/app-credentials/:platform', {
      schema: { tags, summary: "Delete the account's credentials for a platform; its channel connection then needs re-authorizing", params, response: { 204: noContent } },
      config: { access: { permission: 'connections:edit' } },
    }, async (request, reply) => {
      await deleteCredentials(rt, request.caller, request.params.platform);
      return reply.code(204).send(null);
    });
  };
}
