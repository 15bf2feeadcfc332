/**
 * POST/GET /graphql (Mercurius on the same Fastify app) and, when enabled, GraphiQL at /graphiql.
 * Authentication is the auth hook's (session + CSRF, or an API key: `{ authenticated: true }`); each
 * resolver then checks its own permission. GET runs queries only (Mercurius refuses mutations there),
 * and every non-GET request authenticated by the session cookie needs the CSRF header.
 */
import mercurius from 'mercurius';
import type { ValidationRule } from 'graphql';
import { graphqlJs } from './graphql-js.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { Runtime } from '../runtime.ts';
import { AppError } from '../errors/app-error.ts';
import { contextBuilder } from './context.ts';
import { formatGraphqlErrors } from './errors.ts';
import { checkGraphqlRequest, operationLimitsRule } from './limits.ts';
import { graphqlSchema } from './modules.ts';
import { GRAPHIQL_CSP } from './graphiql.ts';

/** A GET carries the operation in the query string, variables as JSON text. */
function getOperation(query: unknown): unknown {
  const q = (query ?? {}) as Record<string, unknown>;
  let variables: unknown;
  if (typeof q.variables === 'string' && q.variables !== '') {
    try {
      variables = JSON.parse(q.variables);
    } catch {
      throw new AppError('GRAPHQL_VALIDATION_FAILED', 'variables must be a JSON object', { details: { field: 'variables' } });
    }
  }
  return { ...q, variables };
}

function checkShape(op: unknown): void {
  if (typeof op !== 'object' || op === null || Array.isArray(op)) return;
  const { variables, operationName } = op as Record<string, unknown>;
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
    throw new AppError('GRAPHQL_VALIDATION_FAILED', 'variables must be a JSON object', { details: { field: 'variables' } });
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    throw new AppError('GRAPHQL_VALIDATION_FAILED', 'operationName must be a string', { details: { field: 'operationName' } });
  }
}

export function graphqlRoutes(rt: Runtime): FastifyPluginAsyncZod {
  const cfg = rt.config.graphql;
  return async (app) => {
    const rules: ValidationRule[] = [operationLimitsRule({ maxDepth: cfg.max_depth, maxComplexity: cfg.max_complexity })];
    // Off: `__schema` and `__type` fail validation (`__typename` stays, clients rely on it).
    if (!cfg.introspection) rules.push(graphqlJs.NoSchemaIntrospectionCustomRule);

    if (cfg.graphiql) {
      // GraphiQL loads React and its own code from unpkg.com and styles inline; the app's CSP allows neither.
      app.addHook('onSend', async (request, reply, payload) => {
        if (request.url === '/graphiql' || request.url.startsWith('/graphiql/') || request.url.startsWith('/graphiql?')) {
          reply.header('content-security-policy', GRAPHIQL_CSP);
        }
        return payload;
      });
    }

    await app.register(mercurius, {
      schema: graphqlSchema(),
      path: '/graphql',
      context: contextBuilder(rt),
      errorFormatter: formatGraphqlErrors as never,
      validationRules: rules,
      allowBatchedQueries: true,
      graphiql: cfg.graphiql,
      additionalRouteOptions: {
        // Replaces Mercurius's JSON-schema validation (the app compiles zod schemas); checkGraphqlRequest does it.
        schema: { tags: ['graphql'], summary: 'GraphQL: POST {query, variables, operationName} (or an array of them); GET runs queries only' },
        config: { access: { authenticated: true } },
        preHandler: async (request: FastifyRequest) => {
          const body = request.method === 'GET' ? getOperation(request.query) : request.body;
          checkGraphqlRequest(body, { maxDocumentBytes: cfg.max_document_bytes, maxBatch: cfg.max_batch });
          for (const op of Array.isArray(body) ? body : [body]) checkShape(op);
        },
      },
    });
  };
}
