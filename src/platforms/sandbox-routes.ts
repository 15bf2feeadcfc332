/**
 * HTTP routes of sandbox mode: every platform's fake mounted under /sandbox/{platform} in this same
 * server (sandbox mode's endpoints point the adapters there), accepting any client, and an index page at /sandbox.
 * Nothing is registered unless `sandbox` is on.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../deps.ts';
import { FakeAuthServer } from './fake/auth-server.ts';
import { escapeHtml } from './fake/consent.ts';
import { PLATFORM_DEFINITIONS } from './registry.ts';
import { sandboxCredentials, sandboxRoot } from './sandbox.ts';

/** Every sandbox route is public: the fakes play platforms, which anyone's browser may visit. */
const ACCESS = { access: { public: true } } as const;

export function sandboxRoutes(rt: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    if (!rt.config.sandbox) return;
    const origin = `${rt.config.server.public_url}/`;
    const rows: string[] = [];
    for (const def of PLATFORM_DEFINITIONS) {
      const fake = await def.loadFake();
      const server = new FakeAuthServer(fake, {
        clock: rt.clock,
        clients: [sandboxCredentials(def.slug)],
        // Any client id/secret works, but the consent page only ever redirects back to this server (no open redirector).
        knobs: { acceptAnyClient: true, redirectUriPrefixes: [origin] },
      });
      await app.register(fake.plugin, { prefix: `/sandbox/${def.slug}`, server, routeConfig: ACCESS });
      const users = server.users.map((u) => `${escapeHtml(u.displayName)} (@${escapeHtml(u.login)})`).join(', ');
      rows.push(`<li><strong>${escapeHtml(def.name)}</strong> at <code>${escapeHtml(sandboxRoot(rt.config.server.public_url, def.slug))}</code>: test users ${users}</li>`);
    }
    const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bifrost sandbox</title></head><body><h1>Bifrost sandbox</h1><p>These fakes play the platforms; no real account is used. Connect from the dashboard and pick a test user on the consent page.</p><ul>${rows.join('')}</ul></body></html>`;
    app.get('/sandbox', { config: ACCESS }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
  };
}
