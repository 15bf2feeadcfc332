/**
 * The GraphQL engine: Mercurius on a Fastify instance of its own that never listens, built on the
 * first request to /graphql or /graphiql (src/graphql/routes.ts forwards those to it in-process).
 * Loading Mercurius and graphql-js and building the schema was most of `bifrost serve`'s start-up;
 * here it costs the first GraphQL request instead. Mercurius still does all of the GraphQL over HTTP.
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify';
import mercurius from 'mercurius';
import type { ValidationRule } from 'graphql';
import { graphqlJs } from './graphql-js.ts';
import type { Runtime } from '../runtime.ts';
import { AppError } from '../errors/app-error.ts';
import { lazyChildLogger } from '../log.ts';
import type { GqlContext } from './context.ts';
import { formatGraphqlErrors } from './errors.ts';
import { checkGraphqlRequest, operationLimitsRule } from './limits.ts';
import { graphqlSchema } from './modules.ts';

/** The header carrying the forwarded request's id: the engine takes it as its own request id, so logs correlate. */
export const FORWARD_ID_HEADER = 'x-bifrost-forwarded-request';

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

export interface GraphqlEngine {
  /** Answers one forwarded request: status, headers and body as Mercurius made them. */
  handle(request: FastifyRequest, body: string | undefined): Promise<{ statusCode: number; headers: Record<string, unknown>; payload: Buffer }>;
  /** An error raised before the request reached the engine (auth, body reading), formatted as Mercurius would. */
  formatError(error: Error, reply: FastifyReply): { statusCode: number; response: unknown };
  close(): Promise<void>;
}

/** Request headers the engine reads (body type, GraphiQL's caching); credentials stay behind (the caller is already known). */
const FORWARDED_HEADERS = ['content-type', 'accept', 'if-none-match', 'if-modified-since', 'range', 'if-range'] as const;

export async function buildGraphqlEngine(rt: Runtime): Promise<GraphqlEngine> {
  const cfg = rt.config.graphql;
  // The requests being forwarded, by id: the resolvers see the app's request (caller, IP, headers), not the engine's copy.
  const forwarded = new Map<string, FastifyRequest>();
  const engine = Fastify({
    loggerInstance: rt.log as FastifyBaseLogger,
    childLoggerFactory: lazyChildLogger as never,
    // The app logs the request once; the engine logs only what fails inside it.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: rt.config.server.body_limit,
    genReqId: (raw) => String(raw.headers[FORWARD_ID_HEADER]),
    routerOptions: { ignoreTrailingSlash: true },
  });

  const rules: ValidationRule[] = [operationLimitsRule({ maxDepth: cfg.max_depth, maxComplexity: cfg.max_complexity })];
  // Off: `__schema` and `__type` fail validation (`__typename` stays, clients rely on it).
  if (!cfg.introspection) rules.push(graphqlJs.NoSchemaIntrospectionCustomRule);

  await engine.register(mercurius, {
    schema: graphqlSchema(),
    path: '/graphql',
    context: async (request: FastifyRequest): Promise<Omit<GqlContext, 'reply'>> => {
      const outer = forwarded.get(request.id);
      if (!outer) throw new AppError('INTERNAL', 'graphql request arrived without its HTTP request');
      return { rt, request: outer, caller: outer.caller };
    },
    errorFormatter: formatGraphqlErrors as never,
    validationRules: rules,
    allowBatchedQueries: true,
    graphiql: cfg.graphiql,
    additionalRouteOptions: {
      // Replaces Mercurius's JSON-schema validation (and its response schema); checkGraphqlRequest does it.
      schema: {},
      preHandler: async (request: FastifyRequest) => {
        const body = request.method === 'GET' ? getOperation(request.query) : request.body;
        checkGraphqlRequest(body, { maxDocumentBytes: cfg.max_document_bytes, maxBatch: cfg.max_batch });
        for (const op of Array.isArray(body) ? body : [body]) checkShape(op);
      },
    },
  });
  await engine.ready();

  return {
    async handle(request, body) {
      const headers: Record<string, string> = { [FORWARD_ID_HEADER]: request.id };
      for (const name of FORWARDED_HEADERS) {
        const value = request.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      forwarded.set(request.id, request);
      try {
        const res = await engine.inject({ method: request.method as 'GET', url: request.url, headers, ...(body === undefined ? {} : { payload: body }) });
        return { statusCode: res.statusCode, headers: res.headers, payload: res.rawPayload };
      } finally {
        forwarded.delete(request.id);
      }
    },
    formatError(error, reply) {
      const gqlError = error instanceof graphqlJs.GraphQLError ? error : new graphqlJs.GraphQLError(error.message, { originalError: error });
      return formatGraphqlErrors({ errors: [gqlError] }, { reply });
    },
    close: () => engine.close(),
  };
}
