/** auditLogs(filter, first, after): the audit log of GET /v1/audit-logs as a connection (edges, cursors, pageInfo). */
import { z } from 'zod';
import type { SchemaModule } from './schema.ts';
import { guarded } from './guard.ts';
import { optional, parseArg } from './inputs.ts';
import { MAX_PAGE_SIZE } from './limits.ts';
import { invalidField, isAppError } from '../errors/app-error.ts';
import { listAuditEvents, type AuditEvent } from '../audit/query.ts';

const typeDefs = /* GraphQL */ `
  enum AuditScope { ACCOUNT INSTANCE }

  input AuditLogFilter {
    "Exact action, or a prefix ending in * (e.g. \\"integration.*\\")."
    action: String
    "Actor id (usr_…, key_…) or type (system, consumer)."
    actor: String
    since: DateTime
    until: DateTime
    "INSTANCE (instance administrators, signed in): sign-ins, setup and platform switches."
    scope: AuditScope
  }

  type AuditActor {
    type: String!
    id: String
    label: String
    "The member's username or the key's name today (null once removed)."
    name: String
  }

  type AuditTarget {
    type: String!
    id: String!
    "The integration, member, key, webhook, tool, role or account's name today (null once removed)."
    name: String
  }

  type AuditEvent {
    id: ID!
    action: String!
    actor: AuditActor!
    target: AuditTarget
    ip: String
    details: JSON!
    createdAt: DateTime!
  }

  type AuditEventEdge {
    cursor: String!
    node: AuditEvent!
  }

  type PageInfo {
    hasNextPage: Boolean!
    endCursor: String
  }

  type AuditEventConnection {
    edges: [AuditEventEdge!]!
    pageInfo: PageInfo!
  }

  extend type Query {
    "Newest first; first is 1 to ${MAX_PAGE_SIZE} (default 50); pass pageInfo.endCursor as after for the next page."
    auditLogs(filter: AuditLogFilter, first: Int, after: String): AuditEventConnection!
  }
`;

interface Args {
  filter?: { action?: string | null; actor?: string | null; since?: string | null; until?: string | null; scope?: 'ACCOUNT' | 'INSTANCE' | null } | null;
  first?: number | null;
  after?: string | null;
}

const first = z.number().int().min(1, `must be between 1 and ${MAX_PAGE_SIZE}`).max(MAX_PAGE_SIZE, `must be between 1 and ${MAX_PAGE_SIZE}`);
const text = z.string().max(100);
const after = z.string().max(200);

/**
 * The cursor of one event: the same opaque format src/audit/query.ts pages with (its encoder is
 * private; a test checks the last edge's cursor equals the service's own next cursor).
 */
function cursorOf(e: AuditEvent): string {
  return Buffer.from(JSON.stringify([e.createdAt, e.id])).toString('base64url');
}

export const auditModule: SchemaModule = {
  typeDefs,
  resolvers: {
    Query: {
      auditLogs: guarded({ permission: 'audit:read' }, async (args: Args, ctx) => {
        const filter = args.filter ?? {};
        const limit = optional(args.first);
        const action = optional(filter.action);
        const actor = optional(filter.actor);
        const since = optional(filter.since);
        const until = optional(filter.until);
        const cursor = optional(args.after);
        try {
          const page = await listAuditEvents(ctx.rt, ctx.caller, {
            scope: filter.scope === 'INSTANCE' ? 'instance' : 'account',
            action: action === undefined ? undefined : parseArg(text, action, 'filter.action'),
            actor: actor === undefined ? undefined : parseArg(text, actor, 'filter.actor'),
            since: since === undefined ? undefined : Date.parse(since),
            until: until === undefined ? undefined : Date.parse(until),
            cursor: cursor === undefined ? undefined : parseArg(after, cursor, 'after'),
            limit: limit === undefined ? undefined : parseArg(first, limit, 'first'),
          });
          const edges = page.items.map((node) => ({ cursor: cursorOf(node), node }));
          return { edges, pageInfo: { hasNextPage: page.nextCursor !== null, endCursor: edges.at(-1)?.cursor ?? null } };
        } catch (err) {
          // The service names its REST parameter (query.cursor); GraphQL callers sent "after".
          if (isAppError(err) && err.details?.field === 'query.cursor') throw invalidField('after', 'is not a cursor returned by auditLogs');
          throw err;
        }
      }),
    },
  },
};
