/** Routes: roles of the current account (the four built-in ones plus custom roles). */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Runtime } from '../../../runtime.ts';
import { toWire } from '../../wire.ts';
import { createRole, deleteRole, listRoles, updateRole } from '../../../accounts/roles.ts';
import { idParam, noContent, permissionSchema, timeSchema } from '../../../accounts/schemas.ts';

const tags = ['roles'];

const roleSchema = z.object({
  id: z.string(),
  name: z.string(),
  builtin: z.boolean(),
  permissions: z.array(permissionSchema),
  created_at: timeSchema.nullable(),
  updated_at: timeSchema.nullable(),
});
const nameInput = z.string().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters');
const permissionsInput = z.array(permissionSchema).max(50);


export function roleRoutes(rt: Runtime): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/v1/roles', {
      schema: { tags, summary: 'Built-in and custom roles with their permissions', response: { 200: z.object({ items: z.array(roleSchema) }) } },
      config: { access: { permission: 'members:read' } },
    }, async (request) => ({ items: (await listRoles(rt, request.caller)).map(toWire) }));

    app.post('/v1/roles', {
      schema: { tags, summary: 'Create a custom role (only with permissions you hold)', body: z.object({ name: nameInput, permissions: permissionsInput }), response: { 201: roleSchema } },
      config: { access: { permission: 'roles:edit' } },
    }, async (request, reply) => reply.code(201).send(toWire(await createRole(rt, request.caller, request.body))));

    app.patch('/v1/roles/:id', {
      schema: {
        tags,
        summary: 'Rename a custom role or change its permissions',
        params: z.object({ id: idParam }),
        body: z.object({ name: nameInput.optional(), permissions: permissionsInput.optional() }),
        response: { 200: roleSchema },
      },
      config: { access: { permission: 'roles:edit' } },
    }, async (request) => toWire(await updateRole(rt, request.caller, request.params.id, request.body)));

    app.delete('/v1/roles/:id', {
      schema: { tags, summary: 'Delete a custom role no member has', params: z.object({ id: idParam }), response: { 204: noContent } },
      config: { access: { permission: 'roles:edit' } },
    }, async (request, reply) => {
      await deleteRole(rt, request.caller, request.params.id);
      return reply.code(204).send(null);
    });
  };
}
