/** The token lifecycle's account-facing operations (src/http/routes/token-management.ts): service keys, webhooks, Companion token-server ids, notifications. */
import type { SchemaModule } from './schema.ts';
import { guarded } from './guard.ts';
import { optional, parseArg } from './inputs.ts';
import { createServiceKey, deleteServiceKey, listServiceKeys } from '../consumers/service-keys.ts';
import { createWebhook, deleteWebhook, listWebhooks } from '../push/webhooks.ts';
import { disableTokenServer, enableTokenServer } from '../consumers/token-server.ts';
import { listNotifications } from '../health/notifications.ts';
import { idParams, serviceKeyBody } from '../consumers/schemas.ts';
import { webhookBody } from '../push/schemas.ts';

/** The fields of ServiceKey, shared with CreatedServiceKey (which adds what is shown only once). */
const SERVICE_KEY_FIELDS = /* GraphQL */ `
    id: ID!
    name: String!
    prefix: String!
    integrationIds: [ID!]
    platforms: [String!]
    "Acting permissions granted to the key (chat:send, moderation:manage)."
    permissions: [String!]!
    createdAt: DateTime!
    lastUsedAt: DateTime
`;

/** The fields of Webhook, shared with CreatedWebhook (which adds what is shown only once). */
const WEBHOOK_FIELDS = /* GraphQL */ `
    id: ID!
    url: String!
    events: [String!]!
    "Live event types (the event log's), delivered with the envelope as the body."
    eventTypes: [String!]!
    createdAt: DateTime!
    lastDeliveryAt: DateTime
    lastStatus: Int
`;

const typeDefs = /* GraphQL */ `
  "A per-consumer key (bfs_…) a bot reads tokens with; null lists mean any of the account's."
  type ServiceKey {
${SERVICE_KEY_FIELDS}  }

  "A new service key; key is shown only now."
  type CreatedServiceKey {
${SERVICE_KEY_FIELDS}    key: String!
  }

  type Webhook {
${WEBHOOK_FIELDS}  }

  "A new webhook; secret (signs X-Bifrost-Signature) is shown only now."
  type CreatedWebhook {
${WEBHOOK_FIELDS}    secret: String!
  }

  "A Companion token-server id, shown only when enabled or rotated; Companion appends ?id=… to url."
  type TokenServer {
    tokenServerId: String!
    url: String!
  }

  type Notification {
    id: ID!
    kind: String!
    integrationId: ID
    platform: String
    reason: String
    integrationName: String
    isGlobal: Boolean!
    createdAt: DateTime!
  }

  input CreateServiceKeyInput {
    name: String!
    integrationIds: [ID!]
    platforms: [String!]
    "Acting permissions for chat and moderation (chat:send, moderation:manage); you must hold each."
    permissions: [String!]
  }

  input CreateWebhookInput {
    url: String!
    "token.refreshed, token.degraded, token.needs_reauth, token.recovered"
    events: [String!]!
    "Live event types: chat.message, follow, tip …"
    eventTypes: [String!]
  }

  extend type Query {
    serviceKeys: [ServiceKey!]!
    webhooks: [Webhook!]!
    "Token incidents and recoveries, newest first."
    notifications: [Notification!]!
  }

  extend type Mutation {
    "Needs api-keys:edit and tokens:read (the key hands out token reading)."
    createServiceKey(input: CreateServiceKeyInput!): CreatedServiceKey
    deleteServiceKey(id: ID!): Boolean
    createWebhook(input: CreateWebhookInput!): CreatedWebhook
    deleteWebhook(id: ID!): Boolean
    "Enables (or rotates) the integration's Companion token-server id."
    enableTokenServer(integrationId: ID!): TokenServer
    disableTokenServer(integrationId: ID!): Boolean
  }
`;

const id = (value: string, field = 'id'): string => parseArg(idParams.shape.id, value, field);

export const tokensModule: SchemaModule = {
  typeDefs,
  resolvers: {
    Query: {
      serviceKeys: guarded({ permission: 'api-keys:read' }, (_, ctx) => listServiceKeys(ctx.rt, ctx.caller)),
      webhooks: guarded({ permission: 'api-keys:read' }, (_, ctx) => listWebhooks(ctx.rt, ctx.caller)),
      notifications: guarded({ permission: 'connections:read' }, (_, ctx) => listNotifications(ctx.rt, ctx.caller)),
    },
    Mutation: {
      createServiceKey: guarded(
        { permission: 'api-keys:edit' },
        (args: { input: { name: string; integrationIds?: string[] | null; platforms?: string[] | null; permissions?: string[] | null } }, ctx) => {
          const body = parseArg(
            serviceKeyBody,
            { name: args.input.name, integration_ids: optional(args.input.integrationIds), platforms: optional(args.input.platforms), permissions: optional(args.input.permissions) },
            'input',
          );
          return createServiceKey(ctx.rt, ctx.caller, body);
        },
      ),
      deleteServiceKey: guarded({ permission: 'api-keys:edit' }, async (args: { id: string }, ctx) => {
        await deleteServiceKey(ctx.rt, ctx.caller, id(args.id));
        return true;
      }),
      createWebhook: guarded({ permission: 'api-keys:edit' }, (args: { input: { url: string; events: string[]; eventTypes?: string[] | null } }, ctx) =>
        createWebhook(ctx.rt, ctx.caller, parseArg(webhookBody, { url: args.input.url, events: args.input.events, event_types: args.input.eventTypes ?? [] }, 'input')),
      ),
      deleteWebhook: guarded({ permission: 'api-keys:edit' }, async (args: { id: string }, ctx) => {
        await deleteWebhook(ctx.rt, ctx.caller, id(args.id));
        return true;
      }),
      enableTokenServer: guarded({ permission: 'connections:edit' }, (args: { integrationId: string }, ctx) =>
        enableTokenServer(ctx.rt, ctx.caller, id(args.integrationId, 'integrationId')),
      ),
      disableTokenServer: guarded({ permission: 'connections:edit' }, async (args: { integrationId: string }, ctx) => {
        await disableTokenServer(ctx.rt, ctx.caller, id(args.integrationId, 'integrationId'));
        return true;
      }),
    },
  },
};
