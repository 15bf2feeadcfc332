/** @bifrost/client: a typed client for Bifrost's token, chat, moderation and live-event APIs. */
export { createClient, type BifrostClient, type ClientOptions } from './client.ts';
export type { Credential, RetryPolicy } from './http.ts';
export { Subscription, type EventHandler, type SubscribeOptions, type SubscriptionState } from './events.ts';
export {
  BifrostError,
  BifrostValidationError,
  BifrostAuthError,
  BifrostPermissionError,
  BifrostNotFoundError,
  BifrostConflictError,
  BifrostNeedsReauthError,
  BifrostRateLimitError,
  BifrostUnavailableError,
  BifrostNetworkError,
  type ErrorCode,
} from './errors.ts';
export { ERROR_CODES } from './generated/error-codes.ts';
export type { paths, components } from './generated/openapi.ts';
export type { Ban, BifrostEvent, Bot, EventOf, EventType, ModerationResult, Platform, SendMessage, SenderOption, SentMessage, Timeout, Token } from './types.ts';
