/** Error codes of the webhook ingest routes (deliveries a platform pushes to Bifrost). */
import type { CodeSpec } from '../code-spec.ts';

export const ingestCodes = {
  WEBHOOK_SIGNATURE_INVALID: {
    status: 401,
    retryable: false,
    description: "A webhook delivery's signature headers are missing or do not verify with the platform's public key; nothing was stored.",
  },
  WEBHOOK_STALE: {
    status: 400,
    retryable: false,
    description: "A webhook delivery's timestamp is more than 5 minutes old (or ahead of this server's clock); nothing was stored.",
  },
  WEBHOOK_SUBSCRIPTION_UNKNOWN: {
    status: 404,
    retryable: false,
    description: 'A webhook delivery names a subscription Bifrost does not hold (removed, or made by another app); nothing was stored.',
  },
  WEBHOOK_PAYLOAD_INVALID: {
    status: 400,
    retryable: false,
    description: "A webhook delivery's body does not match the event type it claims; nothing was stored.",
  },
} as const satisfies Record<string, CodeSpec>;
