/**
 * The internal token API for bots and services (the documented POST /internal/integrations/{id}/token,
 * plus the 401 report, the bot lookup and the event stream). Every route here declares
 * `{ consumer: true }`; this plugin authenticates the consumer itself (the accounts auth hook lets
 * consumer routes through); every response carries Cache-Control: no-store. On close, open
 * event streams end and the counted token reads are written.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { Runtime } from '../../runtime.ts';
import type { Consumer } from '../../consumers/consumer.ts';
import { consumerError, type TokenResponse } from '../../consumers/token-read.ts';
import { botFor } from '../../consumers/bot-lookup.ts';
import { botQuery, botSchema, integrationIdParams, platformParams, tokenResponseSchema } from '../../consumers/schemas.ts';
import { guardedValidator, shortString } from '../guarded-validator.ts';
import { hijackWithHeaders } from '../security-headers.ts';

declare module 'fastify' {
  interface FastifyRequest {
    consumer?: Consumer;
  }
}

const tags = ['internal token API'];
const consumer = { access: { consumer: true as const } };

/**
 * The token answer is built by readToken in exactly the schema's shape; re-validating it on the hot
 * path costs more than the read itself, so it is serialized directly (the schema still documents it),
 * each cached token's answer once (rt.consumers.tokenJson), shared with the server's hot path.
 */
function answerSerializer(rt: Runtime): { serializerCompiler: () => (data: unknown) => string } {
  const serialize = (data: unknown): string => rt.consumers.tokenJson(data as TokenResponse);
  return { serializerCompiler: () => serialize };
}
const security: Record<string, string[]>[] = [{ internalSecret: [] }, { apiKey: [] }];

function consumerOf(request: FastifyRequest): Consumer {
  return request.consumer!;
}

export function consumerRoutes(rt: Runtime): FastifyPluginAsyncZod {
  return async (app) => {
    // Callback hooks: the internal key is checked without a promise; a service key may need the database.
    app.addHook('onRequest', (request, _reply, done) => {
      let found: Consumer | Promise<Consumer>;
      try {
        found = rt.consumers.authenticate(request.headers);
      } catch (err) {
        return done(consumerError(rt, err));
      }
      if (!(found instanceof Promise)) {
        request.consumer = found;
        return done();
      }
      found.then((consumer) => {
        request.consumer = consumer;
        done();
      }, (err: unknown) => done(consumerError(rt, err)));
    });
    app.addHook('onClose', async () => {
      rt.push.streams.closeAll();
      await rt.consumers.stop().catch(() => {});
    });
    // OA-18: nothing on this surface may be cached, errors included: the security-headers hook puts
    // Cache-Control: no-store on every reply, and no route here replaces it.

    // The handler is not async: a cached token is sent without a promise (Fastify sends a plain return value).
    app.post('/internal/integrations/:id/token', {
      schema: {
        tags,
        security,
        summary: 'An access token of the integration, valid for at least tokens.read_margin (never the refresh token)',
        params: integrationIdParams,
        response: { 200: tokenResponseSchema },
      },
      ...answerSerializer(rt),
      // integrationIdParams by hand on the hot path; zod answers anything else (same 400).
      validatorCompiler: guardedValidator({ params: (p) => shortString(p.id, 200) }),
      config: { ...consumer, quietLog: true },
    }, (request) => rt.consumers.readTokenFast(consumerOf(request), request.params.id, request.ip));

    app.post('/internal/integrations/:id/token/invalid', {
      schema: {
        tags,
        security,
        summary: 'Report a 401 seen with this token: one forced refresh however many consumers report it; answers the new token',
        params: integrationIdParams,
        response: { 200: tokenResponseSchema },
      },
      config: consumer,
    }, async (request) => rt.consumers.reportInvalid(consumerOf(request), request.params.id, request.ip));

    app.get('/internal/platforms/:slug/bot', {
      schema: {
        tags,
        security,
        summary: "The bot to post with: the account's default bot, else the instance's global bot (the internal secret names the account with ?account_id=)",
        params: platformParams,
        querystring: botQuery,
        response: { 200: botSchema },
      },
      config: consumer,
    }, async (request) => {
      try {
        return await botFor(rt, consumerOf(request), request.params.slug, request.query.account_id);
      } catch (err) {
        throw consumerError(rt, err);
      }
    });

    app.get('/internal/events', {
      schema: {
        tags,
        security,
        summary: 'Server-Sent Events: token.refreshed, token.degraded, token.needs_reauth, token.recovered for integrations this consumer may read',
        headers: z.object({ 'last-event-id': z.string().max(100).optional() }).passthrough(),
      },
      config: consumer,
    }, async (request, reply) => {
      // Before the hijack, so a key over its stream cap gets an ordinary error answer.
      const slot = rt.push.streams.reserve(rt.consumers.streamReader(consumerOf(request)));
      hijackWithHeaders(reply);
      await rt.push.streams.open(slot, reply.raw, request.headers['last-event-id'] as string | undefined);
    });
  };
}
