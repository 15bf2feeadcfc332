/**
 * Names for the wire shapes the client sends and receives, taken from the generated OpenAPI types
 * (generated/openapi.ts), so a route change in Bifrost shows up here as a type error after `gen:api`.
 */
import type { paths } from './generated/openapi.ts';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** `POST /internal/integrations/{id}/token`: an access token (never a refresh token) and whose it is. */
export type Token = Json<paths['/internal/integrations/{id}/token']['post']['responses'][200]>;

/** `GET /internal/platforms/{slug}/bot`: the bot to post with. */
export type Bot = Json<paths['/internal/platforms/{slug}/bot']['get']['responses'][200]>;

/** A platform slug chat and moderation accept. */
export type Platform = paths['/v1/chat/{platform}/messages']['post']['parameters']['path']['platform'];

/** The body of `POST /v1/chat/{platform}/messages`. */
export type SendMessage = Json<paths['/v1/chat/{platform}/messages']['post']['requestBody']>;
/** The answer to a send: the platform's message id and who spoke. */
export type SentMessage = Json<paths['/v1/chat/{platform}/messages']['post']['responses'][201]>;

type BanBody = Json<paths['/v1/moderation/{platform}/bans']['post']['requestBody']>;
/** A ban: `user_id` or `username` (as the platform names targets), `reason`, `sender`. */
export type Ban = Omit<BanBody, 'duration_s'>;
/** A timeout: a ban with `duration_s` (seconds; Bifrost rounds and clamps to the platform's range). */
export type Timeout = Ban & { duration_s: number };
/** What a ban or timeout applied. */
export type ModerationResult = Json<paths['/v1/moderation/{platform}/bans']['post']['responses'][201]>;

/** Who acts on a delete or unban: `bot` (default), `channel` or a bot identifier. */
export interface SenderOption {
  sender?: string;
}

/** One event of the account's ordered log (the envelope with `data` typed by `type`). */
export type BifrostEvent = Json<paths['/v1/events/history']['get']['responses'][200]>['items'][number];
/** Every event type. */
export type EventType = BifrostEvent['type'];
/** The event of one type, e.g. `EventOf<'tip'>['data']['amount']`. */
export type EventOf<T extends EventType> = Extract<BifrostEvent, { type: T }>;
