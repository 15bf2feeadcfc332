/**
 * Names for the shapes of Bifrost's REST API as the dashboard reads them. Every wire shape comes from
 * the generated openapi.gen.ts (the routes' own zod schemas): nothing here restates a field.
 */
import type { paths } from './openapi.gen.ts';

type Path = keyof paths;
type MethodOf<P extends Path> = Exclude<keyof paths[P], 'parameters'>;
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON a route answers on success (200, or 201 for a route that creates). */
export type Answer<P extends Path, M extends MethodOf<P>> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: infer S }
    ? Json<S>
    : R extends { 201: infer S }
      ? Json<S>
      : never
  : never;

/** The JSON body a route takes. */
export type Body<P extends Path, M extends MethodOf<P>> = paths[P][M] extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

/** A route's query-string parameters. */
export type Query<P extends Path, M extends MethodOf<P>> = paths[P][M] extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** One element of a list answer: a bare array (integrations routes) or `{ items: [...] }` (the others). */
export type Item<T> = T extends readonly (infer U)[] ? U : T extends { items: readonly (infer U)[] } ? U : never;

// Session and accounts.
export type Me = Answer<'/v1/me', 'get'>;
export type AccountSummary = Me['accounts'][number];
export type Permission = AccountSummary['permissions'][number];
export type SetupStatus = Answer<'/v1/setup/status', 'get'>;
export type Member = Item<Answer<'/v1/members', 'get'>>;
export type Role = Item<Answer<'/v1/roles', 'get'>>;
export type Invite = Answer<'/v1/invites', 'post'>;
/** An unused invite (its link is never shown again). */
export type PendingInvite = Item<Answer<'/v1/invites', 'get'>>;
export type ApiKey = Item<Answer<'/v1/api-keys', 'get'>>;
export type AppCredential = Item<Answer<'/v1/app-credentials', 'get'>>;
export type CredentialsImpact = Answer<'/v1/app-credentials/{platform}/impact', 'post'>;
export type AdminPlatform = Item<Answer<'/v1/admin/platforms', 'get'>>;

// Platforms and integrations.
/** A platform as Bifrost describes it: name, brand colours, capabilities, default scopes. */
export type Platform = Item<Answer<'/v1/platforms', 'get'>>;
export type PlatformSlug = Platform['slug'];
/** A platform as the current account sees it (its Connections card): enabled, configured, connected. */
export type AccountPlatform = Item<Answer<'/v1/integrations/platforms', 'get'>>;
export type Integration = Answer<'/v1/integrations/{id}', 'get'>;
export type PlatformIntegrations = Item<Answer<'/v1/integrations', 'get'>>;
export type ConnectRequest = Body<'/v1/integrations/platform/{slug}/connect', 'post'>;
export type ConnectResult = Answer<'/v1/integrations/platform/{slug}/connect', 'post'>;

// Consumers: service keys, webhooks, the Companion token server.
export type ServiceKey = Item<Answer<'/v1/service-keys', 'get'>>;
export type Webhook = Item<Answer<'/v1/webhooks', 'get'>>;
export type WebhookEvent = NonNullable<Body<'/v1/webhooks', 'post'>['events']>[number];
export type TokenServerId = Answer<'/v1/integrations/{id}/token-server', 'post'>;

// Local tools and StreamElements.
export type Tool = Item<Answer<'/v1/tools', 'get'>>;
export type ToolKind = Tool['kind'];
export type ToolInput = Body<'/v1/tools/{id}', 'patch'>;
export type ToolTestResult = Answer<'/v1/tools/{id}/test', 'post'>;
export type ToolConnectionState = Tool['connection_state'];
export type ObsScene = Item<Answer<'/v1/tools/{id}/obs/scenes', 'get'>>;
export type ObsStatus = Answer<'/v1/tools/{id}/obs/status', 'get'>;
export type StreamerbotAction = Item<Answer<'/v1/tools/{id}/streamerbot/actions', 'get'>>;
export type StreamElementsToken = Item<Answer<'/v1/streamelements/tokens', 'get'>>;

// Audit log.
export type PlatformScopes = Answer<'/v1/integrations/platform/{slug}/scopes', 'get'>;
export type AppNotification = Item<Answer<'/v1/notifications', 'get'>>;
export type AuditPage = Answer<'/v1/audit-logs', 'get'>;
export type AuditEntry = AuditPage['items'][number];
export type AuditQuery = Query<'/v1/audit-logs', 'get'>;

// Chat and moderation.
export type ChatSendBody = Body<'/v1/chat/{platform}/messages', 'post'>;
export type ChatSent = Answer<'/v1/chat/{platform}/messages', 'post'>;
export type ModerationBody = Body<'/v1/moderation/{platform}/bans', 'post'>;
export type ModerationResult = Answer<'/v1/moderation/{platform}/bans', 'post'>;
/** One line of Bifrost's own chat log: a message it sent or a moderation action it took. */
export type ChatLogEntry = Item<Answer<'/v1/chat/log', 'get'>>;
/** What a sandbox fake received (GET /sandbox/{platform}/chat: a sandbox route, outside the OpenAPI document). */
export interface FakeChatEntry {
  at: string | number;
  kind: string;
  sender_id: string;
  channel_id: string;
  text?: string;
  target?: string;
  duration_s?: number;
  message_id?: string;
}

// Live events.
/** The event envelope; `data` depends on `type`. */
export type EventEnvelope = Item<Answer<'/v1/events/history', 'get'>>;
export type EventConnection = Item<Answer<'/v1/events/connections', 'get'>>;
