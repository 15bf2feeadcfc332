/**
 * GET /healthz (process up) and GET /readyz (database reachable, migrations current, writes
 * accepted); neither is request-logged below debug.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Runtime } from '../../runtime.ts';
import { checkReadiness } from '../../store/readiness.ts';

const healthSchema = z.object({ status: z.literal('ok') });
const readySchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({ database: z.boolean(), migrations: z.boolean(), writes: z.boolean() }),
  /** Why writes fail, when the database said so. */
  write_failure: z.enum(['disk_full', 'read_only', 'insufficient_resources']).optional(),
});

/**
 * /healthz always answers the same body: serialized once, through its schema, at start. Probes and
 * load balancers call it constantly, and the zod serializer (a parse per answer) was the largest share
 * of its cost; the schema still documents the answer.
 */
const HEALTHY = Buffer.from(JSON.stringify(healthSchema.parse({ status: 'ok' })));
const JSON_TYPE = 'application/json; charset=utf-8';

export function healthRoutes(rt: Runtime): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/healthz',
      { schema: { tags: ['health'], summary: 'The process is up', response: { 200: healthSchema } }, config: { access: { public: true }, quietLog: true } },
      (_request, reply) => {
        // Already serialized bytes (typed as the schema's object for the type provider).
        reply.header('content-type', JSON_TYPE).send(HEALTHY as never);
      },
    );
    app.get(
      '/readyz',
      {
        schema: {
          tags: ['health'],
          summary: 'The database is reachable, migrated and takes writes (a one-row write probe; after a full disk, also room to grow)',
          response: { 200: readySchema, 503: readySchema },
        },
        // Probes ask every few seconds: not request-logged below debug (a 503 still shows in the probe).
        config: { access: { public: true }, quietLog: true },
      },
      async (_request, reply) => {
        const r = await checkReadiness(rt);
        const failure = r.writeFailure ? { write_failure: r.writeFailure } : {};
        return reply.code(r.ready ? 200 : 503).send({ status: r.ready ? 'ready' : 'not_ready', checks: r.checks, ...failure });
      },
    );
  };
}
