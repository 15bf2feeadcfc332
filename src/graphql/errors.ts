/**
 * The GraphQL error formatter, the only place GraphQL errors become responses (like
 * src/http/error-handler.ts for REST): every error carries a registry code in `extensions.code`,
 * validation errors name the field, and nothing internal (stack, SQL, paths) leaves the server.
 *
 * HTTP status follows Mercurius: 200 once execution started (errors sit beside data), otherwise the
 * error's own status (400 for documents that cannot run, 401/403 for callers, 405 for a mutation
 * sent with GET). Only an unexpected failure answers 500.
 */
import type { ExecutionResult, GraphQLFormattedError } from 'graphql';
import { graphqlJs } from './graphql-js.ts';

const { GraphQLError, parse, visit } = graphqlJs;
type GraphQLError = import('graphql').GraphQLError;
import type { FastifyBaseLogger } from 'fastify';
import { findStoreFailure, storeUnavailable } from '../store/store-failure.ts';
import { isAppError } from '../errors/app-error.ts';
import { codeForStatus, codes, isErrorCode, type ErrorCode } from '../errors/codes.ts';

interface Classified {
  code: ErrorCode;
  message: string;
  /** Set when the error overrides its code's registry status (an AppError's `status` option). */
  status?: number | undefined;
  field?: string | undefined;
  retryAfter?: number | undefined;
}

const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** REST names fields `body.client_id`; GraphQL callers know them as `clientId`. */
function graphqlFieldName(field: string): string {
  return field
    .replace(/^(body|query|params)\./, '')
    .split('.')
    .map(camel)
    .join('.');
}

/** The argument or input field (dotted) at `offset` in the document, for validation errors on values. */
function fieldAt(source: string, offset: number): string | undefined {
  const names: string[] = [];
  try {
    visit(parse(source, { noLocation: false }), {
      enter(node) {
        if ((node.kind === 'Argument' || node.kind === 'ObjectField') && node.loc && node.loc.start <= offset && offset < node.loc.end) {
          names.push(node.name.value);
        }
      },
    });
  } catch {
    return undefined;
  }
  return names.length > 0 ? names.join('.') : undefined;
}

function graphqlField(e: GraphQLError): string | undefined {
  const at = /got invalid value .* at "([^"]+)"/.exec(e.message)?.[1];
  if (at) return at;
  // graphql-js names the culprit in its message; the most specific name wins (an argument over its field).
  for (const pattern of [/argument "([^"]+)" of type/, /^Variable "\$([^"]+)"/, /^Unknown argument "([^"]+)"/, /^Cannot query field "([^"]+)"/, /^Field "([^"]+)"/]) {
    const name = pattern.exec(e.message)?.[1];
    if (name) return name;
  }
  const offset = e.nodes?.[0]?.loc?.start;
  return e.source && offset !== undefined ? fieldAt(e.source.body, offset) : undefined;
}

function classify(e: Error, wrapper: Error | undefined, hasPath: boolean): Classified {
  const cause = e instanceof GraphQLError ? e.originalError : e;
  if (isAppError(cause)) {
    const field = typeof cause.details?.field === 'string' ? cause.details.field : undefined;
    let message = cause.status >= 500 && cause.code === 'INTERNAL' ? 'internal error' : cause.message;
    const gqlField = field === undefined ? undefined : graphqlFieldName(field);
    if (field !== undefined && message.startsWith(`${field}:`)) message = `${gqlField}${message.slice(field.length)}`;
    return { code: cause.code, message, status: cause.status, field: gqlField, retryAfter: cause.retryAfter };
  }
  const wrapperCode = (wrapper as { code?: string } | undefined)?.code;
  if (wrapperCode === 'MER_ERR_METHOD_NOT_ALLOWED') return { code: 'METHOD_NOT_ALLOWED', message: 'GET runs queries only; send mutations with POST' };
  if (e instanceof GraphQLError && (cause === undefined || cause instanceof GraphQLError)) {
    const own = e.extensions?.code;
    if (typeof own === 'string' && isErrorCode(own)) return { code: own, message: e.message };
    if (e.message.startsWith('Syntax Error')) return { code: 'GRAPHQL_PARSE_FAILED', message: e.message };
    if (!hasPath) return { code: 'GRAPHQL_VALIDATION_FAILED', message: e.message, field: graphqlField(e) };
  }
  const fastify = cause as { code?: string; statusCode?: number } | undefined;
  if (fastify?.code === 'MER_ERR_GQL_VALIDATION') return { code: 'GRAPHQL_VALIDATION_FAILED', message: 'variables and extensions must be JSON objects' };
  if (fastify?.code === 'MER_ERR_GQL_PERSISTED_QUERY_NOT_FOUND') return { code: 'BAD_REQUEST', message: 'send the GraphQL document in "query"' };
  const status = fastify?.statusCode;
  if (!hasPath && typeof status === 'number' && status >= 400 && status < 500) {
    // Fastify's own client errors (body parsing, media type): the registry's code for the status, as in REST.
    const code = codeForStatus(status);
    return { code, message: codes[code].description };
  }
  // A database that cannot take writes (full disk, read-only) is a 503 to retry, as in REST.
  const storeFailure = findStoreFailure(cause);
  if (storeFailure) {
    const answer = storeUnavailable(storeFailure.reason);
    return { code: answer.code, message: answer.message, status: answer.status, retryAfter: answer.retryAfter };
  }
  return { code: 'INTERNAL', message: 'internal error' };
}

/** Mercurius wraps document problems in one error whose `errors` holds the real ones. */
function expand(error: GraphQLError): { e: Error; wrapper: Error | undefined }[] {
  const inner = (error.originalError as { errors?: unknown } | undefined)?.errors;
  if (Array.isArray(inner) && inner.length > 0) return inner.map((e) => ({ e: e as Error, wrapper: error.originalError }));
  return [{ e: error, wrapper: undefined }];
}

export interface FormatterContext {
  reply?: { log: FastifyBaseLogger } | undefined;
  app?: { log: FastifyBaseLogger } | undefined;
}

export function formatGraphqlErrors(
  execution: ExecutionResult & { errors: readonly GraphQLError[] },
  ctx: FormatterContext,
): { statusCode: number; response: { data: ExecutionResult['data'] | null; errors: GraphQLFormattedError[] } } {
  const log = ctx.reply?.log ?? ctx.app?.log;
  let executed = false;
  let status: number | undefined;
  const errors: GraphQLFormattedError[] = [];
  for (const error of execution.errors) {
    for (const { e, wrapper } of expand(error)) {
      const path = e instanceof GraphQLError ? e.path : undefined;
      const c = classify(e, wrapper, path !== undefined);
      const spec = codes[c.code];
      const httpStatus = c.status ?? spec.status;
      if (httpStatus >= 500) log?.error({ err: e instanceof GraphQLError ? (e.originalError ?? e) : e }, 'graphql operation failed');
      if (path) executed = true;
      else status = Math.max(status ?? 0, httpStatus);
      const locations = e instanceof GraphQLError ? e.locations : undefined;
      errors.push({
        message: c.message,
        ...(locations ? { locations } : {}),
        ...(path ? { path } : {}),
        extensions: {
          code: c.code,
          ...(c.field ? { field: c.field } : {}),
          ...(spec.retryable ? { retryable: true } : {}),
          ...(c.retryAfter !== undefined ? { retryAfter: c.retryAfter } : {}),
        },
      });
    }
  }
  const statusCode = execution.data || executed ? 200 : (status ?? 200);
  return { statusCode, response: { data: execution.data ?? null, errors } };
}
