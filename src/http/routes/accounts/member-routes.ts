/** Routes: members of the current account, invites, and accepting an invite. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Runtime } from '../../../runtime.ts';
import { toWire } from '../../wire.ts';
import { changeMemberRole, listMembers, removeMember } from '../../../accounts/members.ts';
import { acceptInvite, createInvite, INVITE_MAX_HOURS, listInvites, previewInvite, revokeInvite } from '../../../accounts/invites.ts';
import { createSession, setSessionCookie } from '../../../accounts/sessions.ts';
import { idParam, noContent, passwordInput, roleInput, timeSchema, userSchema, usernameInput } from '../../../accounts/schemas.ts';
import { sameOriginOnly } from './same-origin.ts';

const tags = ['members'];

const memberSchema = z.object({ user_id: z.string(), username: z.string(), role: z.string(), role_name: z.string(), joined_at: timeSchema });
const inviteSchema = z.object({ id: z.string(), role: z.string(), role_name: z.string(), created_by: z.string().nullable(), created_at: timeSchema, expires_at: timeSchema });



export function memberRoutes(rt: Runtime): FastifyPluginAsyncZod {
  const sameOrigin = sameOriginOnly(rt);
  return async (app) => {
    app.get('/v1/members', {
      schema: { tags, summary: 'Members of the current account', response: { 200: z.object({ items: z.array(memberSchema) }) } },
      config: { access: { permission: 'members:read' } },
    }, async (request) => ({ items: (await listMembers(rt, request.caller)).map(toWire) }));

    app.patch('/v1/members/:user_id', {
      schema: { tags, summary: "Change a member's role (the last owner cannot be demoted)", params: z.object({ user_id: idParam }), body: z.object({ role: roleInput }), response: { 200: memberSchema } },
      config: { access: { permission: 'members:edit' } },
    }, async (request) => toWire(await changeMemberRole(rt, request.caller, request.params.user_id, request.body.role)));

    app.delete('/v1/members/:user_id', {
      schema: { tags, summary: 'Remove a member (the last owner cannot be removed)', params: z.object({ user_id: idParam }), response: { 204: noContent } },
      config: { access: { permission: 'members:edit' } },
    }, async (request, reply) => {
      await removeMember(rt, request.caller, request.params.user_id);
      return reply.code(204).send(null);
    });

    app.get('/v1/invites', {
      schema: { tags, summary: 'Pending invites of the current account', response: { 200: z.object({ items: z.array(inviteSchema) }) } },
      config: { access: { permission: 'members:read' } },
    }, async (request) => ({ items: (await listInvites(rt, request.caller)).map(toWire) }));

    app.post('/v1/invites', {
      schema: {
        tags,
        summary: 'Create a one-time invite link for a role (the link is shown only now)',
        body: z.object({ role: roleInput, expires_in_hours: z.number().int().min(1).max(INVITE_MAX_HOURS).optional() }),
        response: { 201: inviteSchema.extend({ invite_url: z.string() }) },
      },
      config: { access: { permission: 'members:edit' } },
    }, async (request, reply) => {
      const invite = await createInvite(rt, request.caller, { role: request.body.role, expiresInHours: request.body.expires_in_hours });
      return reply.code(201).send(toWire(invite));
    });

    app.delete('/v1/invites/:id', {
      schema: { tags, summary: 'Revoke a pending invite', params: z.object({ id: idParam }), response: { 204: noContent } },
      config: { access: { permission: 'members:edit' } },
    }, async (request, reply) => {
      await revokeInvite(rt, request.caller, request.params.id);
      return reply.code(204).send(null);
    });

    app.post('/v1/invites/preview', {
      schema: {
        tags,
        summary: 'What an invite link offers before accepting it: the account and the role (the token goes in the body, never in a URL)',
        body: z.object({ token: z.string().min(1).max(200) }),
        response: { 200: z.object({ account_name: z.string(), role_name: z.string(), expires_at: z.string() }) },
      },
      config: { access: { public: true } },
      preHandler: sameOrigin,
    }, async (request) => toWire(await previewInvite(rt, request.body.token)));

    app.post('/v1/invites/accept', {
      schema: {
        tags,
        summary: 'Accept an invite: the signed-in user joins, or a new user is created (and signed in) from username and password',
        body: z.object({ token: z.string().min(1).max(200), username: usernameInput.optional(), password: passwordInput.optional() }),
        response: {
          200: z.object({
            account: z.object({ id: z.string(), name: z.string() }),
            user: userSchema,
            role: z.string(),
            csrf_token: z.string().nullable().describe('Set when a new user was created and signed in'),
          }),
        },
      },
      config: { access: { public: true } },
      preHandler: sameOrigin,
    }, async (request, reply) => {
      const signedIn = request.caller.kind === 'session' ? request.caller.user : undefined;
      const b = request.body;
      const accepted = await acceptInvite(rt, { token: b.token, user: signedIn, username: b.username, password: b.password, ip: request.ip });
      let csrf: string | null = null;
      if (accepted.createdUser) {
        const session = await createSession(rt, accepted.user.id, request.ip);
        setSessionCookie(rt, reply, session.id);
        csrf = session.csrfToken;
      }
      return { account: accepted.account, user: toWire(signedIn ? { ...signedIn } : accepted.user), role: accepted.role, csrf_token: csrf };
    });
  };
}
