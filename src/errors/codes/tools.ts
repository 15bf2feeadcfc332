/** Error codes of the tools capability (OBS, Streamer.bot, StreamElements tokens). */
import type { CodeSpec } from '../code-spec.ts';

export const toolsCodes = {
  TOOL_LIMIT_REACHED: {
    status: 409,
    retryable: false,
    description: 'The account already has the most tools Bifrost keeps per account; remove one first.',
  },
  STREAMELEMENTS_TOKEN_LIMIT_REACHED: {
    status: 409,
    retryable: false,
    description: 'The account already has the most StreamElements tokens Bifrost keeps per account; remove one first.',
  },
} as const satisfies Record<string, CodeSpec>;
