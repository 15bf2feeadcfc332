/**
 * Platform webhook deliveries: `POST /v1/ingest/kick`. Public (Kick signs each delivery instead of
 * authenticating), with the body kept as the raw text the signature covers. Answers 200 for a
 * stored or repeated delivery, and the error's 4xx for one that is refused.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Runtime } from '../../runtime.ts';

/** Kick's deliveries are small JSON objects; anything larger is not one. */
const BODY_LIMIT = 256 * 1024;

export function ingestRoutes(rt: Runtime): FastifyPluginAsyncZod {
  return async (app) => {
    // In this plugin's scope only: JSON stays the exact text Kick signed.
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_request, body, done) => done(null, body));

    app.post('/v1/ingest/kick', {
      schema: {
        tags: ['events'],
        summary: 'Kick webhook deliveries (signed by Kick; set the app\'s webhook URL to <public_url>/v1/ingest/kick)',
        response: { 200: z.object({ ok: z.literal(true), stored: z.number() }) },
      },
      config: { access: { public: true } },
    }, async (request) => {
      const rawBody = typeof request.body === 'string' ? request.body : '';
      const result = await rt.kickIngest.ingest({ headers: request.headers, rawBody });
      return { ok: true as const, stored: result.stored };
    });
  };
}
