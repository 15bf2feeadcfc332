/**
 * Sandbox mode's StreamElements: the fake Astro gateway at `/sandbox/streamelements/astro`
 * (WebSocket; sandbox mode points `streamelements.astro_url` there) and its control route
 * `POST /sandbox/streamelements/events` `{type, …}` (`tip`, `follow`, `subscriber`, `cheer`, `raid`).
 * StreamElements is no platform of the registry, so it is mounted here, beside the platform fakes.
 * Any JWT is accepted. Nothing is registered unless `sandbox` is on.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Deps } from '../../deps.ts';
import { FAKE_ASTRO_TYPES, FakeAstro } from './astro-server.ts';

const ACCESS = { access: { public: true } } as const;

export function astroSandboxRoutes(rt: Deps): FastifyPluginAsync {
  return async (app) => {
    if (!rt.config.sandbox) return;
    const astro = new FakeAstro(() => rt.clock.now());
    app.get('/sandbox/streamelements/astro', { websocket: true, config: ACCESS }, (socket) => astro.attach(socket));
    app.post('/sandbox/streamelements/events', { config: ACCESS }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const type = typeof body.type === 'string' ? body.type : '';
      if (!astro.emit(type, body)) return reply.code(400).send({ error: 'unknown_type', message: `type must be one of: ${FAKE_ASTRO_TYPES.join(', ')}` });
      return reply.send({ ok: true, delivered_to: astro.counts.sent });
    });
  };
}
