/**
 * HTTP routes of sandbox mode: every platform's fake mounted under /sandbox/{platform} in this same
 * server (sandbox mode's endpoints point the adapters there), accepting any client, and an index page at /sandbox.
 * Each fake keeps its grants in `<data_dir>/sandbox/<platform>.json`, saved after every request to it,
 * so connections survive a restart; `/sandbox/{platform}/knobs` sets its fault knobs (sandbox-knobs.ts).
 * Nothing is registered unless `sandbox` is on.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../deps.ts';
import { join } from 'node:path';
import { FakeAuthServer } from './fake/auth-server.ts';
import { loadFakeState, saveFakeState } from './fake/persistence.ts';
import { escapeHtml } from './fake/consent.ts';
import { PLATFORM_DEFINITIONS } from './registry.ts';
import { sandboxCredentials, sandboxRoot } from './sandbox.ts';
import { registerSandboxKnobs } from './sandbox-knobs.ts';

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
      const statePath = join(rt.config.data_dir, 'sandbox', `${def.slug}.json`);
      if (loadFakeState(server, statePath)) rt.log.info({ platform: def.slug }, 'sandbox fake state restored');
      await app.register(
        async (scope) => {
          // After every answer of this fake: what it granted or revoked outlives the process.
          scope.addHook('onResponse', async () => {
            try {
              saveFakeState(server, statePath);
            } catch (err) {
              rt.log.warn({ platform: def.slug, err: (err as Error).message }, 'sandbox fake state could not be saved');
            }
          });
          await scope.register(fake.plugin, { server, routeConfig: ACCESS });
        },
        { prefix: `/sandbox/${def.slug}` },
      );
      // Its fault knobs (in memory only, not saved with the grants: a restart brings the defaults back).
      await app.register(async (scope) => registerSandboxKnobs(scope, server, ACCESS), { prefix: `/sandbox/${def.slug}` });
      const users = server.users.map((u) => `${escapeHtml(u.displayName)} (@${escapeHtml(u.login)})`).join(', ');
      rows.push(`<li><strong>${escapeHtml(def.name)}</strong> at <code>${escapeHtml(sandboxRoot(rt.config.server.public_url, def.slug))}</code>: test users ${users}</li>`);
    }
    const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bifrost sandbox</title></head><body><h1>Bifrost sandbox</h1><p>These fakes play the platforms; no real account is used. Connect from the dashboard and pick a test user on the consent page.</p><ul>${rows.join('')}</ul></body></html>`;
    app.get('/sandbox', { config: ACCESS }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
  };
}
