/** Routes: the signed-in user's accounts — list, create, and (owner only) rename and delete. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Runtime } from '../../../runtime.ts';
import { toWire } from '../../wire.ts';
import { createAccount, deleteAccount, listAccounts, renameAccount } from '../../../accounts/accounts.ts';
import { accountNameSchema, accountSchema, idParam, noContent } from '../../../accounts/schemas.ts';

const tags = ['accounts'];
const params = z.object({ id: idParam });

export function accountRoutes(rt: Runtime): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/v1/accounts', {
      schema: { tags, summary: 'Accounts the signed-in user belongs to', response: { 200: z.object({ items: z.array(accountSchema) }) } },
      config: { access: { session: true } },
    }, async (request) => ({ items: (await listAccounts(rt, request.caller)).map(toWire) }));

    app.post('/v1/accounts', {
      schema: { tags, summary: 'Create an account; you become its owner', body: z.object({ name: accountNameSchema }), response: { 201: accountSchema } },
      config: { access: { session: true } },
    }, async (request, reply) => {
      const account = await createAccount(rt, request.caller, request.body.name);
      return reply.code(201).send(toWire(account));
    });

    app.patch('/v1/accounts/:id', {
      schema: { tags, summary: 'Rename an account (owner only)', params, body: z.object({ name: accountNameSchema }), response: { 200: accountSchema } },
      config: { access: { session: true } },
    }, async (request) => toWire(await renameAccount(rt, request.caller, request.params.id, request.body.name)));

    app.delete('/v1/accounts/:id', {
      schema: {
        tags,
        summary: 'Delete an account and everything in it (owner only); confirm by typing its name',
        params,
        body: z.object({ confirm_name: z.string().min(1).max(200) }),
        response: { 204: noContent },
      },
      config: { access: { session: true } },
    }, async (request, reply) => {
      await deleteAccount(rt, request.caller, request.params.id, request.body.confirm_name);
      return reply.code(204).send(null);
    });
  };
}
