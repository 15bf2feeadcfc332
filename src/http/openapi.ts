/** The OpenAPI document at /openapi.json, generated from every route's zod schemas, and /docs to browse it. */
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

export async function installOpenApi(app: FastifyInstance, options: { publicUrl: string; version: string }): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Bifrost API',
        version: options.version,
        description: 'Connections hub for live streaming: integrations, tokens, accounts. Errors are `{ "error": { "code", "message" } }`.',
      },
      servers: [{ url: options.publicUrl }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'bifrost_session' },
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (bf_…) or service key (bfs_…)' },
          internalSecret: { type: 'apiKey', in: 'header', name: 'X-Internal-Secret' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true }, config: { access: { public: true } } }, async () => app.swagger());
}
