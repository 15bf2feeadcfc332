/**
 * createClient: one object for a bot's whole conversation with Bifrost — tokens (cached, single-
 * flight, 401 reports), the bot to post with, chat and moderation, and the live event stream.
 */
import { Transport, type Credential, type TransportOptions } from './http.ts';
import { TokenCache } from './tokens.ts';
import { Subscription, type EventHandler, type SubscribeOptions } from './events.ts';
import type { Ban, Bot, ModerationResult, Platform, SendMessage, SenderOption, SentMessage, Timeout, Token } from './types.ts';

export type ClientOptions = TransportOptions &
  Credential & {
    /** Stop using a cached token this long before its expires_at (default 60 s). */
    tokenRefreshMarginMs?: number;
  };

export interface BifrostClient {
  /** Bifrost's address, without a trailing slash. */
  readonly baseUrl: string;
  /** An access token of the integration, from the cache while it has more than the margin left. */
  getToken(integrationId: string): Promise<Token>;
  /** Tell Bifrost the platform answered 401 to this integration's token: answers the new token. */
  reportInvalid(integrationId: string): Promise<Token>;
  /** Drop cached tokens (one integration's, or all). */
  forgetToken(integrationId?: string): void;
  /** The bot to post with on a platform (with the internal secret, `accountId` names the account). */
  bot(platform: string, options?: { accountId?: string }): Promise<Bot>;
  chat: {
    /** Sends a message (as the default bot unless `sender` says otherwise). A 429 is retried after Retry-After. */
    send(platform: Platform, message: SendMessage): Promise<SentMessage>;
    delete(platform: Platform, messageId: string, options?: SenderOption): Promise<void>;
  };
  moderation: {
    ban(platform: Platform, ban: Ban): Promise<ModerationResult>;
    timeout(platform: Platform, timeout: Timeout): Promise<ModerationResult>;
    /** Lifts a ban or timeout (`user` as the platform names targets: id, channel id or nickname). */
    unban(platform: Platform, user: string, options?: SenderOption): Promise<void>;
  };
  events: {
    /** Live events from `after` on, reconnecting and resuming by itself: pass a handler, or iterate the result. */
    subscribe(options?: SubscribeOptions, handler?: EventHandler): Subscription;
  };
}

const seg = encodeURIComponent;

export function createClient(options: ClientOptions): BifrostClient {
  const http = new Transport(options);
  const tokens = new TokenCache(http, { refreshMarginMs: options.tokenRefreshMarginMs });
  return {
    baseUrl: http.baseUrl,
    getToken: (id) => tokens.get(id),
    reportInvalid: (id) => tokens.reportInvalid(id),
    forgetToken: (id) => tokens.forget(id),
    bot: (platform, o = {}) => http.request<Bot>({ method: 'GET', path: `/internal/platforms/${seg(platform)}/bot`, query: { account_id: o.accountId } }),
    chat: {
      // A send is retried only on 429 (nothing was sent); after a 5xx the platform may have posted it.
      send: (platform, message) => http.request<SentMessage>({ method: 'POST', path: `/v1/chat/${seg(platform)}/messages`, body: message, retry: 'rate-limit', extraTimeoutMs: message.wait_ms }),
      delete: (platform, messageId, o = {}) =>
        http.request<void>({ method: 'DELETE', path: `/v1/chat/${seg(platform)}/messages/${seg(messageId)}`, query: { sender: o.sender } }),
    },
    moderation: {
      ban: (platform, ban) => http.request<ModerationResult>({ method: 'POST', path: `/v1/moderation/${seg(platform)}/bans`, body: withoutDuration(ban), retry: 'rate-limit' }),
      timeout: (platform, timeout) => http.request<ModerationResult>({ method: 'POST', path: `/v1/moderation/${seg(platform)}/bans`, body: timeout, retry: 'rate-limit' }),
      unban: (platform, user, o = {}) => http.request<void>({ method: 'DELETE', path: `/v1/moderation/${seg(platform)}/bans/${seg(user)}`, query: { sender: o.sender } }),
    },
    events: {
      subscribe: (o = {}, handler) => new Subscription(http, o, handler),
    },
  };
}

/** A ban is a ban: a stray duration_s (from a spread timeout object) would make it a timeout. */
function withoutDuration(ban: Ban): Ban {
  const { duration_s: _ignored, ...rest } = ban as Ban & { duration_s?: unknown };
  return rest;
}
