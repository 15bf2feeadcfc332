/** Route: GET /v1/audit-logs — the current account's audit events, newest first, with filters and a cursor. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Runtime } from '../../runtime.ts';
import { invalidField } from '../../errors/app-error.ts';
import { listAuditEvents, type AuditEvent } from '../../audit/query.ts';

const eventSchema = z.object({
  id: z.string(),
  action: z.string(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable(), name: z.string().nullable() }),
  target: z.object({ type: z.string(), id: z.string(), name: z.string().nullable() }).nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  created_at: z.string(),
});

const timeQuery = z.string().max(40).describe('ISO 8601 time or epoch milliseconds');

function parseTime(field: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) throw invalidField(`query.${field}`, 'must be an ISO 8601 time or epoch milliseconds');
  return ms;
}

function eventWire(e: AuditEvent) {
  return { id: e.id, action: e.action, actor: e.actor, target: e.target, ip: e.ip, details: e.details, created_at: new Date(e.createdAt).toISOString() };
}

export function auditRoutes(rt: Runtime): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/v1/audit-logs', {
      schema: {
        tags: ['audit'],
        summary: "The current account's audit events, newest first. scope=instance (instance admins only) lists sign-ins, setup and platform switches",
        querystring: z.object({
          action: z.string().max(100).optional().describe('Exact action, or a prefix ending in * (e.g. auth.*)'),
          actor: z.string().max(100).optional().describe('Actor id (usr_…, key_…) or type (system, consumer)'),
          since: timeQuery.optional(),
          until: timeQuery.optional(),
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(200).optional(),
          scope: z.enum(['account', 'instance']).optional(),
        }),
        response: { 200: z.object({ items: z.array(eventSchema), next_cursor: z.string().nullable() }) },
      },
      config: { access: { permission: 'audit:read' } },
    }, async (request) => {
      const q = request.query;
      const page = await listAuditEvents(rt, request.caller, {
        scope: q.scope,
        action: q.action,
        actor: q.actor,
        since: parseTime('since', q.since),
        until: parseTime('until', q.until),
        cursor: q.cursor,
        limit: q.limit,
      });
      return { items: page.items.map(eventWire), next_cursor: page.nextCursor };
    });
  };
}
