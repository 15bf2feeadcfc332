/**
 * The one place errors become HTTP responses: `{ "error": { "code", "message" } }` with the
 * registry's status. Validation errors name the field; 5xx responses never carry internals. A
 * database that cannot take writes (full disk, read-only) answers 503 STORE_UNAVAILABLE, not a 500,
 * and is noted for /readyz.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Store } from '../store/db.ts';
import { isAppError } from '../errors/app-error.ts';
import { codeForStatus, codes, type ErrorCode } from '../errors/codes.ts';
import { findStoreFailure, storeUnavailable } from '../store/store-failure.ts';
import { noteStoreFailure } from '../store/write-probe.ts';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
}

function send(reply: FastifyReply, status: number, code: ErrorCode, message: string, details?: Record<string, unknown>): FastifyReply {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ error: details ? { code, message, details } : { code, message } } satisfies ErrorBody);
}

interface ValidationItem {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function describeValidation(context: string | undefined, items: readonly ValidationItem[]): { message: string; field: string } {
  const first = items[0] ?? {};
  const where = (first.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const missing = typeof first.params?.missingProperty === 'string' ? first.params.missingProperty : undefined;
  const field = [context ?? 'body', where, missing].filter(Boolean).join('.');
  const message = `${field}: ${first.message ?? 'is invalid'}`;
  const more = items.length > 1 ? ` (and ${items.length - 1} more problem${items.length > 2 ? 's' : ''})` : '';
  return { message: message + more, field };
}

/** Messages for Fastify's own client errors, worded for the user (Fastify's mention internals). */
const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'body is not valid JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'body is empty; send a JSON object or omit Content-Type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body is too large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported Content-Type; send application/json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Content-Length does not match the body',
};

export function installErrorHandler(app: FastifyInstance, store?: Store): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    // A driver error, or one wrapped as INTERNAL, that says the database cannot write now.
    const failure = !isAppError(err) || err.code === 'INTERNAL' ? findStoreFailure(err) : undefined;
    if (failure) {
      if (store) noteStoreFailure(store, failure.reason);
      // The driver's code and message say what to fix; a stack would not.
      request.log.error({ ...failure, url: request.routeOptions.url }, 'database cannot take writes');
      const answer = storeUnavailable(failure.reason);
      reply.header('Retry-After', String(answer.retryAfter));
      return send(reply, answer.status, answer.code, answer.message, answer.details);
    }
    if (isAppError(err)) {
      if (err.retryAfter !== undefined) reply.header('Retry-After', String(Math.max(1, Math.ceil(err.retryAfter))));
      if (err.status >= 500) request.log.error({ err }, 'request failed');
      const message = err.status >= 500 && err.code === 'INTERNAL' ? 'internal error' : err.message;
      return send(reply, err.status, err.code, message, err.details);
    }
    if (err.validation) {
      const { message, field } = describeValidation(err.validationContext, err.validation as ValidationItem[]);
      return send(reply, 400, 'VALIDATION_FAILED', message, { field });
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      const code = codeForStatus(status);
      const message = FASTIFY_MESSAGES[err.code] ?? codes[code].description;
      return send(reply, status, code, message);
    }
    request.log.error({ err }, 'unhandled error');
    return send(reply, 500, 'INTERNAL', `internal error (request ${request.id})`);
  });
}
