/** The documented GraphQL contract (integrations, platforms, scopes, connect, disconnect, refresh, Twitch bot status) plus default and global bots. */
import type { PlatformSlug } from '../config/schema.ts';
import type { SchemaModule } from './schema.ts';
import { guarded } from './guard.ts';
import { lower, optional, parseArg } from './inputs.ts';
import { startConnect } from '../integrations/connect.ts';
import { disconnectIntegration } from '../integrations/disconnect.ts';
import {
  allPlatformScopes,
  globalBots,
  groupedIntegrations,
  integrationById,
  platformCards,
  platformIntegrations,
  platformList,
  platformScopes,
} from '../integrations/queries.ts';
import { setDefaultBot, updateVerifiedBotStatus } from '../integrations/manage.ts';
import { connectBodySchema, platformSlug, twitchStatusBodySchema } from '../integrations/schemas.ts';
import { refreshForCaller } from '../refresh/manual-refresh.ts';

const typeDefs = /* GraphQL */ `
  "A channel is the streamer's own account (one per platform); bots chat and moderate (many, each with a botIdentifier)."
  enum IntegrationType { CHANNEL BOT }
  enum IntegrationStatus { ACTIVE DEGRADED NEEDS_REAUTH }
  enum PlatformState { UNAVAILABLE NOT_CONFIGURED CONFIGURED CONNECTED }
  enum CredentialsSource { ACCOUNT INSTANCE SANDBOX NONE }

  "One connected platform account. Never carries tokens."
  type Integration {
    id: ID!
    platform: String!
    platformId: Int!
    integrationType: IntegrationType!
    botIdentifier: String
    isGlobal: Boolean!
    platformUserId: String!
    platformUsername: String!
    displayName: String!
    scopes: [String!]!
    tokenExpiresAt: DateTime!
    status: IntegrationStatus!
    statusReason: String
    hasVerifiedBotBadge: Boolean!
    isVerifiedBot: Boolean!
    isActive: Boolean!
    isDefaultBot: Boolean!
    connectedAt: DateTime!
    updatedAt: DateTime!
    lastRefreshedAt: DateTime
    "Token health: when the worker refreshes next, and how the last refresh attempt and validation went."
    nextRefreshAt: DateTime
    lastRefreshAttemptAt: DateTime
    "ok, transient, throttled, invalid_grant, lost_rotation, invalid_client, no_credentials, …"
    lastRefreshResult: String
    lastRefreshError: String
    consecutiveFailures: Int!
    lastValidatedAt: DateTime
    lastValidationResult: String
  }

  type PlatformIntegrations {
    platformId: Int!
    platformSlug: String!
    platformName: String!
    channel: Integration
    bots: [Integration!]!
    "The instance's global bot, used when the account has no bot of its own on this platform."
    globalBot: Integration
  }

  type IntegrationPlatform {
    slug: String!
    platformId: Int!
    name: String!
    isConfigured: Boolean!
    enabled: Boolean!
    state: PlatformState!
    credentialsSource: CredentialsSource!
    sandbox: Boolean!
  }

  "What a platform can do, as clients need it (GET /v1/platforms \`capabilities\`)."
  type PlatformCapabilities {
    "Bots can carry a verified-bot badge and status (updateTwitchBotStatus applies)."
    verifiedBots: Boolean!
    "S256 or none: whether connecting sends a PKCE challenge."
    pkce: String!
    "never, may or always: whether a token refresh replaces the refresh token."
    refreshRotates: String!
    "hourly, available or none."
    validation: String!
    requiresClientSecret: Boolean!
    "Longest chat message in characters (Unicode code points); null where Bifrost cannot send chat on the platform."
    chatMaxMessageLength: Int
    "user_id, or username where the platform moderates by name (Trovo); null where Bifrost cannot moderate on the platform."
    chatModerationTarget: String
  }

  "A platform as every signed-in user may see it: identity, brand colours (#rrggbb), capabilities and default scopes."
  type Platform {
    slug: String!
    platformId: Int!
    name: String!
    brandColor: String!
    brandTextColor: String!
    capabilities: PlatformCapabilities!
    channelScopes: [IntegrationScope!]!
    botScopes: [IntegrationScope!]!
    "The platform's live connector; null when it has none."
    events: PlatformEvents
  }

  "Whether live events can flow (GET /v1/platforms \`events\`): a webhook platform (Kick) needs a public https public_url."
  type PlatformEvents {
    source: String!
    needsPublicUrl: Boolean!
    reachable: Boolean!
    "Why events cannot flow, when reachable is false."
    reason: String
  }

  type IntegrationScope {
    scope: String!
    description: String!
    required: Boolean!
  }

  type PlatformScopes {
    platform: String!
    channelScopes: [IntegrationScope!]!
    botScopes: [IntegrationScope!]!
  }

  type ConnectIntegrationPayload {
    "Open it in the same browser session; the platform redirects back to Bifrost's callback."
    authorizationUrl: String!
    state: String!
  }

  type DisconnectIntegrationPayload {
    success: Boolean!
    "Why the platform-side revoke failed, when it did (the integration was removed anyway)."
    error: String
  }

  input ConnectIntegrationInput {
    platform: String!
    integrationType: IntegrationType!
    botIdentifier: String
    reconnect: Boolean
    scopes: [String!]
  }

  input UpdateTwitchBotStatusInput {
    id: ID!
    hasVerifiedBotBadge: Boolean!
    isVerifiedBot: Boolean!
  }

  input ConnectGlobalBotInput {
    platform: String!
    botIdentifier: String
    reconnect: Boolean
  }

  extend type Query {
    "Every platform (any signed-in user)."
    platforms: [Platform!]!
    allIntegrations: [PlatformIntegrations!]!
    platformIntegrations(platform: String!): [Integration!]!
    integration(id: ID!): Integration
    integrationPlatforms: [IntegrationPlatform!]!
    allIntegrationScopes: [PlatformScopes!]!
    integrationScopes(platform: String!): PlatformScopes
    "Instance administrators: the global bots."
    globalBots: [Integration!]!
  }

  extend type Mutation {
    connectIntegration(input: ConnectIntegrationInput!): ConnectIntegrationPayload
    disconnectIntegration(id: ID!): DisconnectIntegrationPayload
    refreshIntegrationToken(id: ID!): Integration
    updateTwitchBotStatus(input: UpdateTwitchBotStatusInput!): Integration
    setDefaultBot(id: ID!): Integration
    "Instance administrators: connect (or reconnect) a platform's global bot."
    connectGlobalBot(input: ConnectGlobalBotInput!): ConnectIntegrationPayload
    disconnectGlobalBot(id: ID!): DisconnectIntegrationPayload
  }
`;

interface ConnectArgs {
  input: { platform: string; integrationType: 'CHANNEL' | 'BOT'; botIdentifier?: string | null; reconnect?: boolean | null; scopes?: string[] | null };
}
interface TwitchStatusArgs {
  input: { id: string; hasVerifiedBotBadge: boolean; isVerifiedBot: boolean };
}
interface GlobalBotArgs {
  input: { platform: string; botIdentifier?: string | null; reconnect?: boolean | null };
}

const slug = (value: string, field = 'platform'): PlatformSlug => parseArg(platformSlug, value, field);

const read = { permission: 'connections:read' } as const;

export const integrationsModule: SchemaModule = {
  typeDefs,
  resolvers: {
    Query: {
      platforms: guarded({ session: true }, (_, ctx) => platformList(ctx.rt)),
      allIntegrations: guarded(read, (_, ctx) => groupedIntegrations(ctx.rt, ctx.caller)),
      platformIntegrations: guarded(read, (args: { platform: string }, ctx) => platformIntegrations(ctx.rt, ctx.caller, slug(args.platform))),
      integration: guarded(read, (args: { id: string }, ctx) => integrationById(ctx.rt, ctx.caller, args.id)),
      integrationPlatforms: guarded(read, (_, ctx) => platformCards(ctx.rt, ctx.caller)),
      allIntegrationScopes: guarded(read, (_, ctx) => allPlatformScopes(ctx.rt)),
      integrationScopes: guarded(read, (args: { platform: string }, ctx) => platformScopes(ctx.rt, slug(args.platform))),
      globalBots: guarded({ instanceAdmin: true }, (_, ctx) => globalBots(ctx.rt, ctx.caller)),
    },
    Mutation: {
      // The exact permission depends on the integration type; the service checks it (as REST does).
      connectIntegration: guarded(read, async ({ input }: ConnectArgs, ctx) => {
        const body = parseArg(
          connectBodySchema,
          { integration_type: lower(input.integrationType), bot_identifier: optional(input.botIdentifier), scopes: optional(input.scopes), reconnect: optional(input.reconnect) },
          'input',
        );
        return startConnect(ctx.rt, ctx.caller, slug(input.platform, 'input.platform'), body);
      }),
      // The permission depends on the integration (channel or bot): the service checks it, as for REST.
      disconnectIntegration: guarded(read, (args: { id: string }, ctx) => disconnectIntegration(ctx.rt, ctx.caller, args.id)),
      refreshIntegrationToken: guarded(read, (args: { id: string }, ctx) => refreshForCaller(ctx.rt, ctx.caller, args.id)),
      updateTwitchBotStatus: guarded(read, ({ input }: TwitchStatusArgs, ctx) => {
        const body = parseArg(twitchStatusBodySchema, { has_verified_bot_badge: input.hasVerifiedBotBadge, is_verified_bot: input.isVerifiedBot }, 'input');
        return updateVerifiedBotStatus(ctx.rt, ctx.caller, input.id, body);
      }),
      setDefaultBot: guarded({ permission: 'bot-connections:create' }, (args: { id: string }, ctx) => setDefaultBot(ctx.rt, ctx.caller, args.id)),
      connectGlobalBot: guarded({ instanceAdmin: true }, ({ input }: GlobalBotArgs, ctx) =>
        startConnect(
          ctx.rt,
          ctx.caller,
          slug(input.platform, 'input.platform'),
          { integration_type: 'bot', bot_identifier: optional(input.botIdentifier), reconnect: optional(input.reconnect) },
          { global: true },
        ),
      ),
      disconnectGlobalBot: guarded({ instanceAdmin: true }, (args: { id: string }, ctx) => disconnectIntegration(ctx.rt, ctx.caller, args.id, { global: true })),
    },
  },
};
