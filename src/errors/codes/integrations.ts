/** Error codes of the integrations capability. */
import type { CodeSpec } from '../code-spec.ts';

export const integrationsCodes = {
  ALREADY_CONNECTED: {
    status: 409,
    retryable: false,
    description: 'A channel (or a bot with this identifier) is already connected on this platform; send "reconnect": true to re-authorize it.',
  },
  NOT_CONNECTED: { status: 404, retryable: false, description: 'There is nothing to reconnect: connect first.' },
  CREDENTIALS_MISSING: {
    status: 409,
    retryable: false,
    description: 'No app credentials for this platform: save them under App Credentials (or configure instance credentials).',
  },
  PLATFORM_DISABLED: { status: 409, retryable: false, description: 'An instance admin disabled this platform.' },
  NOT_SUPPORTED: { status: 400, retryable: false, description: 'The platform does not support this operation.' },
  SESSION_REQUIRED: {
    status: 403,
    retryable: false,
    description: 'Connecting must start from a signed-in browser session: the OAuth state is bound to it.',
  },
} as const satisfies Record<string, CodeSpec>;
