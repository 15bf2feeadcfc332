/**
 * Live events: `events(after, limit, types, platforms)` pages the account's event log like
 * GET /v1/events/history, `eventConnections` lists each live connection's state like
 * GET /v1/events/connections. Live delivery is REST's (SSE, WebSocket); no subscription here.
 */
import type { SchemaModule } from './schema.ts';
import { guarded } from './guard.ts';
import { optional } from './inputs.ts';
import { eventConnections, eventHistory, parseFilters } from '../events/queries.ts';
import { invalidField } from '../errors/app-error.ts';
import type { EventActor } from '../platforms/event-types.ts';

const typeDefs = /* GraphQL */ `
  type EventActor {
    id: String
    username: String!
    displayName: String
  }

  "One event of the log: the envelope REST hands out, data as JSON (its schema per type is in the OpenAPI document)."
  type LiveEvent {
    id: ID!
    "Monotonic per account: page or resume after it."
    seq: Float!
    type: String!
    accountId: String!
    platform: String!
    integrationId: String
    source: String!
    occurredAt: DateTime!
    receivedAt: DateTime!
    actor: EventActor
    data: JSON!
  }

  type LiveEventPage {
    items: [LiveEvent!]!
    "Pass as after for the next page; null at the end of the log."
    nextAfter: Float
    "The account's newest seq when read: pass it as after to a live stream to miss nothing from now on."
    head: Float!
  }

  type EventConnectionState {
    key: String!
    "integration or streamelements"
    kind: String!
    integrationId: String
    streamelementsTokenId: String
    platform: String!
    "connected, connecting, error or off"
    state: String!
    reason: String
    updatedAt: DateTime
  }

  extend type Query {
    "The account's retained events after a seq, oldest first; limit 1 to 1000 (default 100)."
    events(after: Float, limit: Int, types: [String!], platforms: [String!]): LiveEventPage!
    "Each live connection of the account and its state."
    eventConnections: [EventConnectionState!]!
  }
`;

interface Args {
  after?: number | null;
  limit?: number | null;
  types?: string[] | null;
  platforms?: string[] | null;
}

export const eventsModule: SchemaModule = {
  typeDefs,
  resolvers: {
    Query: {
      events: guarded({ permission: 'events:read' }, async (args: Args, ctx) => {
        const after = optional(args.after);
        if (after !== undefined && (!Number.isSafeInteger(after) || after < 0)) throw invalidField('after', 'must be the seq of an event (a whole number, 0 for everything retained)');
        const filters = parseFilters({ types: optional(args.types) ?? undefined, platforms: optional(args.platforms) ?? undefined });
        return eventHistory(ctx.rt, ctx.caller, { after, limit: optional(args.limit), ...filters });
      }),
      eventConnections: guarded({ permission: 'events:read' }, async (_args: Record<string, never>, ctx) => eventConnections(ctx.rt, ctx.caller)),
    },
    EventActor: {
      displayName: (a: unknown) => (a as EventActor).display_name,
    },
  },
};
