/**
 * Routes of the live-event log: GET /v1/events (Server-Sent Events), GET /v1/events/ws (WebSocket),
 * GET /v1/events/history (JSON pages) and GET /v1/events/connections (each connection's state).
 * The WebSocket route is its own plugin (eventsUpgradeRoutes): upgrade routes live in the one scope
 * that carries the WebSocket plugin's per-request hooks (see app.ts).
 * Streams resume from `?after=<seq>` or `Last-Event-ID` and end when the client goes away.
 */
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Runtime } from '../../runtime.ts';
import type { StoredEvent } from '../../platforms/event-types.ts';
import { eventConnections, eventHistory, openEventStream, parseAfter, parseFilters, HISTORY_MAX_LIMIT } from '../../events/queries.ts';
import { eventConnectionSchema, eventEnvelopeSchema } from '../../events/schemas.ts';
import { toWire } from '../wire.ts';
import { hijackWithHeaders } from '../security-headers.ts';
import { eventEnvelope, eventEnvelopeJson } from '../../events/envelope.ts';

const HEARTBEAT_MS = 15_000;
/** A WebSocket consumer with this much unsent is slow: the stream waits (and its buffer may overflow to the log). */
const WS_HIGH_WATER = 1 << 20;

/** Resolves when the response can take more, or has gone away. */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

const envelopeOf = (e: StoredEvent) => eventEnvelope(e);

const filterQuery = {
  types: z.string().max(1000).optional().describe('Comma list of event types'),
  platforms: z.string().max(200).optional().describe('Comma list of platform slugs'),
};
const streamQuery = z.object({ after: z.string().max(20).optional().describe('Resume after this seq (wins over Last-Event-ID)'), ...filterQuery });
const lastEventIdHeader = z.object({ 'last-event-id': z.string().max(40).optional() }).passthrough();

export function eventsRoutes(rt: Runtime): FastifyPluginAsyncZod {
  return async (app) => {

    app.get('/v1/events', {
      schema: {
        tags: ['events'],
        summary: 'Server-Sent Events of the account’s live events: `id:` the seq, `event:` the type, `data:` the envelope. Resumes with Last-Event-ID or ?after',
        querystring: streamQuery,
        headers: lastEventIdHeader,
      },
      config: { access: { permission: 'events:read' }, serviceKeys: true },
    }, async (request, reply) => {
      const filters = parseFilters(request.query);
      const after = parseAfter(request.query.after, request.headers['last-event-id'] as string | undefined);
      const res = reply.raw;
      const write = async (chunk: string): Promise<void> => {
        if (res.destroyed) throw new Error('client gone');
        if (!res.write(chunk)) await drainedOrClosed(res);
      };
      const stream = openEventStream(rt.events, request.caller, { after, ...filters }, {
        send: (e) => write(`id: ${e.seq}\nevent: ${e.type}\ndata: ${eventEnvelopeJson(e)}\n\n`),
      });
      hijackWithHeaders(reply);
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write(': connected\nretry: 2000\n\n');
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      heartbeat.unref?.();
      res.on('close', () => {
        clearInterval(heartbeat);
        stream.close();
      });
      void stream.done.catch(() => {}).finally(() => {
        clearInterval(heartbeat);
        if (!res.destroyed) res.end();
      });
    });

    app.get('/v1/events/history', {
      schema: {
        tags: ['events'],
        summary: 'The account’s retained events after a seq, oldest first; pass next_after as after for the next page',
        querystring: z.object({
          after: z.coerce.number().int().min(0).optional(),
          limit: z.coerce.number().int().min(1).max(HISTORY_MAX_LIMIT).optional(),
          ...filterQuery,
        }),
        response: { 200: z.object({ items: z.array(eventEnvelopeSchema), next_after: z.number().nullable(), head: z.number().describe('The account’s newest seq when read: pass it as after to a live stream to miss nothing from now on') }) },
      },
      config: { access: { permission: 'events:read' }, serviceKeys: true },
    }, async (request) => {
      const q = request.query;
      const page = await eventHistory(rt, request.caller, { after: q.after, limit: q.limit, ...parseFilters(q) });
      return { items: page.items.map(envelopeOf), next_after: page.nextAfter, head: page.head } as never;
    });

    app.get('/v1/events/connections', {
      schema: {
        tags: ['events'],
        summary: 'Each live connection of the account (channel integrations, StreamElements tokens) and its state',
        response: { 200: z.object({ items: z.array(eventConnectionSchema) }) },
      },
      config: { access: { permission: 'events:read' }, serviceKeys: true },
    }, async (request) => ({ items: (await eventConnections(rt, request.caller)).map(toWire) }));
  };
}

export function eventsUpgradeRoutes(rt: Runtime): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/v1/events/ws', {
      websocket: true,
      schema: {
        tags: ['events'],
        summary: 'WebSocket of the account’s live events: one JSON envelope per message. Resumes with ?after or Last-Event-ID',
        querystring: streamQuery,
        headers: lastEventIdHeader,
      },
      config: { access: { permission: 'events:read' }, serviceKeys: true },
      preValidation: async (request) => {
        // Checked before the upgrade, so bad input is an ordinary 400.
        parseFilters(request.query as Record<string, string>);
        parseAfter((request.query as Record<string, string>).after, request.headers['last-event-id'] as string | undefined);
      },
    }, (socket, request) => {
      const q = request.query as { after?: string; types?: string; platforms?: string };
      const filters = parseFilters(q);
      const after = parseAfter(q.after, request.headers['last-event-id'] as string | undefined);
      // Events sent in one go (a batch just appended, a page of the log) leave in one writev, not one
      // system call each: corked until the stream's current run of sends is over (next tick).
      const tcp = request.raw.socket;
      let corked = false;
      const stream = openEventStream(rt.events, request.caller, { after, ...filters }, {
        send: async (e) => {
          if (socket.readyState !== socket.OPEN) throw new Error('client gone');
          if (!corked) {
            corked = true;
            tcp.cork();
            process.nextTick(() => {
              corked = false;
              tcp.uncork();
            });
          }
          socket.send(eventEnvelopeJson(e));
          while (socket.bufferedAmount > WS_HIGH_WATER && socket.readyState === socket.OPEN) await new Promise((r) => setTimeout(r, 10));
        },
      });
      socket.on('close', () => stream.close());
      void stream.done.catch(() => {}).finally(() => {
        if (socket.readyState === socket.OPEN) socket.close(1000);
      });
    });
  };
}
