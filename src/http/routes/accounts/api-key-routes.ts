/** Routes: API keys of the current account (the key itself is returned once, at creation). */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Runtime } from '../../../runtime.ts';
import { toWire } from '../../wire.ts';
import { createApiKey, listApiKeys, revokeApiKey } from '../../../accounts/api-keys.ts';
import { idParam, noContent, permissionSchema, timeSchema } from '../../../accounts/schemas.ts';

const tags = ['api-keys'];

const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the key, to recognise it'),
  permissions: z.array(permissionSchema),
  created_by: z.object({ id: z.string(), username: z.string() }),
  created_at: timeSchema,
  expires_at: timeSchema.nullable(),
  last_used_at: timeSchema.nullable(),
});


export function apiKeyRoutes(rt: Runtime): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/v1/api-keys', {
      schema: { tags, summary: 'API keys of the current account (never the keys themselves)', response: { 200: z.object({ items: z.array(apiKeySchema) }) } },
      config: { access: { permission: 'api-keys:read' } },
    }, async (request) => ({ items: (await listApiKeys(rt, request.caller)).map(toWire) }));

    app.post('/v1/api-keys', {
      schema: {
        tags,
        summary: 'Create an API key with some of your permissions; the key (bf_…) is shown only in this response',
        body: z.object({
          name: z.string().trim().min(1, 'must not be empty').max(100),
          permissions: z.array(permissionSchema).min(1, 'give the key at least one permission').max(50),
          expires_at: z.iso.datetime({ offset: true }).optional(),
        }),
        response: { 201: apiKeySchema.extend({ key: z.string() }) },
      },
      config: { access: { permission: 'api-keys:edit' } },
    }, async (request, reply) => {
      const b = request.body;
      const created = await createApiKey(rt, request.caller, {
        name: b.name,
        permissions: b.permissions,
        expiresAt: b.expires_at === undefined ? undefined : Date.parse(b.expires_at),
      });
      return reply.code(201).send(toWire(created));
    });

    app.delete('/v1/api-keys/:id', {
      schema: { tags, summary: 'Revoke an API key', params: z.object({ id: idParam }), response: { 204: noContent } },
      config: { access: { permission: 'api-keys:edit' } },
    }, async (request, reply) => {
      await revokeApiKey(rt, request.caller, request.params.id);
      return reply.code(204).send(null);
    });
  };
}
