/**
 * PlatformError: the four-way split of platform failures (arctic's taxonomy), each retryable or not.
 * - oauth:   the platform answered with an OAuth error (invalid_grant, invalid_client, access_denied …)
 * - network: no answer (refused, reset, DNS, timeout)
 * - status:  an unexpected HTTP status (5xx, 429, an undocumented 4xx)
 * - body:    a 2xx whose body does not match the documented shape
 * Messages never carry tokens, secrets or raw platform bodies.
 */
import { AppError } from '../errors/app-error.ts';
import type { PlatformSlug } from './types.ts';

export type PlatformErrorKind = 'oauth' | 'network' | 'status' | 'body';

/** Normalised OAuth error codes (platform spellings mapped inside each adapter). */
export type OAuthErrorCode =
  | 'invalid_grant'
  | 'invalid_client'
  | 'invalid_request'
  | 'invalid_scope'
  | 'unauthorized_client'
  | 'access_denied'
  | 'invalid_token'
  | (string & {});

export interface PlatformErrorInit {
  platform: PlatformSlug;
  kind: PlatformErrorKind;
  message: string;
  /** Normalised OAuth error code (kind 'oauth'). */
  oauthError?: OAuthErrorCode | undefined;
  /** The platform's HTTP status, when it answered. */
  httpStatus?: number | undefined;
  /** Seconds from Retry-After, when given. */
  retryAfter?: number | undefined;
  /** A network failure after the request may have reached the platform: a chat send must not be retried (no duplicates). */
  maybeDelivered?: boolean | undefined;
  cause?: unknown;
}

const CODE_BY_KIND = {
  oauth: 'PLATFORM_OAUTH_ERROR',
  network: 'PLATFORM_UNREACHABLE',
  status: 'PLATFORM_BAD_STATUS',
  body: 'PLATFORM_BAD_BODY',
} as const;

export class PlatformError extends AppError {
  readonly platform: PlatformSlug;
  readonly kind: PlatformErrorKind;
  readonly oauthError: OAuthErrorCode | undefined;
  readonly httpStatus: number | undefined;
  /** Whether retrying the same call later may succeed (network, 5xx, 429, garbage body). */
  readonly transient: boolean;
  /** Set on network failures of chat sends that the platform may still have accepted. */
  readonly maybeDelivered: boolean;

  constructor(init: PlatformErrorInit) {
    super(CODE_BY_KIND[init.kind], init.message, {
      cause: init.cause,
      retryAfter: init.retryAfter,
      details: { platform: init.platform, ...(init.oauthError ? { platform_error: init.oauthError } : {}) },
    });
    this.name = 'PlatformError';
    this.platform = init.platform;
    this.kind = init.kind;
    this.oauthError = init.oauthError;
    this.httpStatus = init.httpStatus;
    this.maybeDelivered = init.maybeDelivered ?? false;
    this.transient = init.kind === 'network' || init.kind === 'body' || (init.kind === 'status' && (init.httpStatus === undefined || init.httpStatus >= 500 || init.httpStatus === 429 || init.httpStatus === 408));
  }
}

export function isPlatformError(value: unknown): value is PlatformError {
  return value instanceof PlatformError;
}

/**
 * The platform answered and refused a chat message or moderation action on its own terms (Twitch's
 * `is_sent: false` with a drop reason, Trovo's `is_success: false`, "user is already banned"): not
 * retryable as is; `reason` is the platform's code, shown to the user.
 */
export class ChatRefused extends AppError {
  readonly platform: PlatformSlug;
  readonly reason: string;
  constructor(platform: PlatformSlug, reason: string, message: string) {
    super('MESSAGE_REFUSED', message, { details: { platform, reason } });
    this.name = 'ChatRefused';
    this.platform = platform;
    this.reason = reason;
  }
}
