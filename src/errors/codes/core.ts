/** Error codes of the foundation: request handling, store, crypto, config. */
import type { CodeSpec } from '../code-spec.ts';

export const coreCodes = {
  BAD_REQUEST: { status: 400, retryable: false, statusDefault: true, description: 'The request is malformed.' },
  VALIDATION_FAILED: {
    status: 400,
    retryable: false,
    description: 'A field in the request is missing or invalid; the message names it.',
  },
  UNAUTHENTICATED: { status: 401, retryable: false, statusDefault: true, description: 'Sign in or send valid credentials.' },
  FORBIDDEN: { status: 403, retryable: false, statusDefault: true, description: 'You lack the permission this needs.' },
  NOT_FOUND: { status: 404, retryable: false, statusDefault: true, description: 'No such resource (or not yours).' },
  METHOD_NOT_ALLOWED: { status: 405, retryable: false, statusDefault: true, description: 'The path exists but not with this method.' },
  CONFLICT: { status: 409, retryable: false, statusDefault: true, description: 'The request conflicts with the current state.' },
  PAYLOAD_TOO_LARGE: { status: 413, retryable: false, statusDefault: true, description: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, retryable: false, statusDefault: true, description: 'Send the body as application/json.' },
  RATE_LIMITED: { status: 429, retryable: true, statusDefault: true, description: 'Too many requests; wait for Retry-After seconds.' },
  INTERNAL: { status: 500, retryable: false, statusDefault: true, description: 'An unexpected error; details are in the server log.' },
  UNAVAILABLE: { status: 503, retryable: true, statusDefault: true, description: 'A dependency is unavailable; retry later.' },
  STORE_UNAVAILABLE: {
    status: 503,
    retryable: true,
    description:
      'The database cannot take writes right now (details.reason: disk_full, read_only or insufficient_resources); retry after Retry-After seconds.',
  },
  DECRYPT_FAILED: {
    status: 500,
    retryable: false,
    description: 'A stored secret could not be decrypted (wrong key, tampered or moved ciphertext).',
  },
  UNKNOWN_KEY_ID: {
    status: 500,
    retryable: false,
    description: 'A stored secret names an encryption key that is not in the keyring.',
  },
  KEY_IN_USE: { status: 409, retryable: false, description: 'The key still encrypts stored rows; rewrap first.' },
} as const satisfies Record<string, CodeSpec>;
