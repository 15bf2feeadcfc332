/** Routes: first-run setup, sign-in, sign-out, the signed-in user (GET /v1/me) and password change. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Runtime } from '../../../runtime.ts';
import { toWire } from '../../wire.ts';
import { completeSetup, needsSetup } from '../../../accounts/setup.ts';
import { changePassword, login, logout } from '../../../accounts/login.ts';
import { clearSessionCookie, setSessionCookie } from '../../../accounts/sessions.ts';
import { whoAmI } from '../../../accounts/accounts.ts';
import { accountNameSchema, passwordInput, permissionSchema, userSchema, usernameInput } from '../../../accounts/schemas.ts';
import { sameOriginOnly } from './same-origin.ts';

const tags = ['auth'];

export function authRoutes(rt: Runtime): FastifyPluginAsyncZod {
  const sameOrigin = sameOriginOnly(rt);
  return async (app) => {
    app.get('/v1/setup/status', {
      schema: { tags, summary: 'Whether the instance still needs its first user', response: { 200: z.object({ needs_setup: z.boolean() }) } },
      config: { access: { public: true } },
    }, async () => ({ needs_setup: await needsSetup(rt) }));

    app.post('/v1/setup', {
      schema: {
        tags,
        summary: 'Create the first user (an instance admin) and their account with the one-time setup token',
        body: z.object({ token: z.string().min(1).max(200), username: usernameInput, password: passwordInput, account_name: accountNameSchema }),
        response: { 201: z.object({ user: userSchema, account: z.object({ id: z.string(), name: z.string() }), csrf_token: z.string() }) },
      },
      config: { access: { public: true } },
      preHandler: sameOrigin,
    }, async (request, reply) => {
      const b = request.body;
      const done = await completeSetup(rt, { token: b.token, username: b.username, password: b.password, accountName: b.account_name, ip: request.ip });
      setSessionCookie(rt, reply, done.session.id);
      return reply.code(201).send({ user: toWire(done.user), account: done.account, csrf_token: done.session.csrfToken });
    });

    app.post('/v1/auth/login', {
      schema: {
        tags,
        summary: 'Sign in; sets the session cookie and returns the CSRF token for later changes',
        body: z.object({ username: usernameInput, password: passwordInput }),
        response: { 200: z.object({ user: userSchema, csrf_token: z.string() }) },
      },
      config: { access: { public: true } },
      preHandler: sameOrigin,
    }, async (request, reply) => {
      const signedIn = await login(rt, { username: request.body.username, password: request.body.password, ip: request.ip });
      setSessionCookie(rt, reply, signedIn.session.id);
      return { user: toWire(signedIn.user), csrf_token: signedIn.session.csrfToken };
    });

    app.post('/v1/auth/logout', {
      schema: { tags, summary: 'Sign out: ends this session on the server', response: { 204: z.null() } },
      config: { access: { session: true } },
    }, async (request, reply) => {
      await logout(rt, request.caller);
      clearSessionCookie(rt, reply);
      return reply.code(204).send(null);
    });

    app.get('/v1/me', {
      schema: {
        tags,
        summary: 'The signed-in user, their accounts with role and permissions, the current account and the CSRF token',
        response: {
          200: z.object({
            user: userSchema,
            accounts: z.array(z.object({ id: z.string(), name: z.string(), role: z.string(), role_name: z.string(), permissions: z.array(permissionSchema) })),
            current_account_id: z.string().nullable(),
            csrf_token: z.string(),
          }),
        },
      },
      config: { access: { session: true } },
    }, async (request) => {
      const me = await whoAmI(rt, request.caller);
      return {
        user: toWire(me.user),
        accounts: me.accounts.map((a) => ({ id: a.id, name: a.name, role: a.role, role_name: a.roleName, permissions: a.permissions })),
        current_account_id: me.currentAccountId,
        csrf_token: me.csrfToken,
      };
    });

    app.post('/v1/me/password', {
      schema: {
        tags,
        summary: "Change the signed-in user's password; ends their other sessions",
        body: z.object({ current_password: passwordInput, new_password: passwordInput }),
        response: { 204: z.null() },
      },
      config: { access: { session: true } },
    }, async (request, reply) => {
      await changePassword(rt, request.caller, { currentPassword: request.body.current_password, newPassword: request.body.new_password });
      return reply.code(204).send(null);
    });
  };
}
