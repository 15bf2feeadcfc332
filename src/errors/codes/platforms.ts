/** Error codes of the platforms capability (see src/platforms/errors.ts for the four-way split). */
import type { CodeSpec } from '../code-spec.ts';

export const platformsCodes = {
  PLATFORM_OAUTH_ERROR: {
    status: 502,
    retryable: false,
    description: 'The platform refused the OAuth request (e.g. invalid_grant, invalid_client); details.platform_error says which.',
  },
  PLATFORM_UNREACHABLE: { status: 503, retryable: true, description: 'The platform did not answer (network error or timeout); retry later.' },
  PLATFORM_BAD_STATUS: { status: 502, retryable: true, description: 'The platform answered with an unexpected HTTP status (5xx or 429).' },
  PLATFORM_BAD_BODY: { status: 502, retryable: true, description: 'The platform answered with a body Bifrost could not understand.' },
  MESSAGE_REFUSED: {
    status: 409,
    retryable: false,
    description: 'The platform took the request but refused the message or action (details.reason: its code, e.g. msg_duplicate, msg_slowmode, user is already banned).',
  },
} as const satisfies Record<string, CodeSpec>;
