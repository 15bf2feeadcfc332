/** Error codes of the token lifecycle (internal token API, token server, refresh, service keys, webhooks). */
import type { CodeSpec } from '../code-spec.ts';

export const tokensCodes = {
  NEEDS_REAUTH: {
    status: 409,
    retryable: false,
    description: 'The platform no longer accepts this integration\'s grant; reconnect it (details.reason says why).',
  },
  NO_REFRESH_TOKEN: { status: 409, retryable: false, description: 'The integration has no refresh token; reconnect it.' },
  PLATFORM_UNAVAILABLE: {
    status: 503,
    retryable: true,
    description:
      'The platform cannot refresh this token right now (down, rate limiting, or a client-credentials alarm: details.reason) and the stored token is not valid long enough; retry after Retry-After seconds.',
  },
  REFRESH_IN_PROGRESS: {
    status: 503,
    retryable: true,
    description: 'Another Bifrost instance is refreshing this token and did not finish in time; retry after Retry-After seconds.',
  },
  REFRESH_FAILED: {
    status: 503,
    retryable: true,
    description:
      'Bifrost could not refresh this token for a reason of its own (a database error, a bug; logged at error with the integration id and details.error); it tries again after a backoff; retry after Retry-After seconds.',
  },
  CONSUMER_UNAUTHENTICATED: {
    status: 401,
    retryable: false,
    description: 'Send X-Internal-Secret with an internal service key, or Authorization: Bearer bfs_… with a service key.',
  },
  NOT_GRANTED: {
    status: 403,
    retryable: false,
    description: 'This service key was not granted this integration or platform; create a key that includes it.',
  },
  NO_BOT: {
    status: 404,
    retryable: false,
    description: 'The account has no bot on this platform and the instance has no global bot for it.',
  },
  TOKEN_SERVER_FORBIDDEN: {
    status: 403,
    retryable: false,
    description: 'The caller\'s address is not in token_server.allowed_cidrs.',
  },
  TOO_MANY_STREAMS: {
    status: 429,
    retryable: true,
    description: 'This key already holds tokens.max_streams_per_key event streams on this instance; close one (or share one per process), then retry.',
  },
} as const satisfies Record<string, CodeSpec>;
