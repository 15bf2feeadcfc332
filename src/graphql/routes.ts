/**
 * POST/GET /graphql (Mercurius) and, when enabled, GraphiQL at /graphiql. The routes are the app's;
 * what answers them is the GraphQL engine (src/graphql/engine.ts), loaded and built on the first such
 * request so the server starts without Mercurius, graphql-js or the schema. Authentication is the auth
 * hook's (session + CSRF, or an API key: `{ authenticated: true }`); each resolver then checks its own
 * permission. GET runs queries only (Mercurius refuses mutations there), and every non-GET request
 * authenticated by the session cookie needs the CSRF header.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Runtime } from '../runtime.ts';
import type { GraphqlEngine } from './engine.ts';
import { GRAPHIQL_CSP } from './graphiql.ts';

/** The files Mercurius serves for GraphiQL (all public, as the page is). */
const GRAPHIQL_PATHS = ['/graphiql', '/graphiql/main.js', '/graphiql/sw.js', '/graphiql/config.js'] as const;

/** Engine response headers the app sets itself (or that describe the engine's in-process answer). */
const OWN_HEADERS: readonly string[] = ['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date'];

export function graphqlRoutes(rt: Runtime): FastifyPluginAsyncZod {
  const cfg = rt.config.graphql;
  return async (app) => {
    let engine: Promise<GraphqlEngine> | undefined;
    const loadEngine = (): Promise<GraphqlEngine> => {
      if (engine) return engine;
      const building = import('./engine.ts').then(({ buildGraphqlEngine }) => buildGraphqlEngine(rt));
      // A failed build is not kept: the next request tries again.
      building.catch(() => (engine = undefined));
      engine = building;
      return building;
    };
    app.addHook('onClose', async () => {
      if (engine) await (await engine.catch(() => undefined))?.close();
    });

    if (cfg.graphiql) {
      // GraphiQL loads React and its own code from unpkg.com and styles inline; the app's CSP allows neither.
      app.addHook('onSend', async (request, reply, payload) => {
        if (request.url === '/graphiql' || request.url.startsWith('/graphiql/') || request.url.startsWith('/graphiql?')) {
          reply.header('content-security-policy', GRAPHIQL_CSP);
        }
        return payload;
      });
    }

    // The body goes to the engine as it came (Mercurius parses JSON and application/graphql, and refuses other types).
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

    // Errors before the engine answers (authentication, reading the body) are GraphQL errors too, as Mercurius makes them.
    app.setErrorHandler(async (error: Error, _request, reply) => {
      const { statusCode, response } = (await loadEngine()).formatError(error, reply);
      return reply.code(statusCode).send(response);
    });

    const forward = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      const answer = await (await loadEngine()).handle(request, request.body as string | undefined);
      for (const [name, value] of Object.entries(answer.headers)) {
        if (!OWN_HEADERS.includes(name) && value !== undefined) reply.header(name, value);
      }
      return reply.code(answer.statusCode).send(answer.payload);
    };

    const options = {
      schema: { tags: ['graphql'], summary: 'GraphQL: POST {query, variables, operationName} (or an array of them); GET runs queries only' },
      config: { access: { authenticated: true as const } },
    };
    app.get('/graphql', options, forward);
    app.post('/graphql', options, forward);
    if (cfg.graphiql) for (const path of GRAPHIQL_PATHS) app.get(path, forward);
  };
}
