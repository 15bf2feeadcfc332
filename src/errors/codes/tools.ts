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
  TOOL_NOT_CONNECTED: {
    status: 409,
    retryable: true,
    description: 'The tool (OBS, Streamer.bot) is not connected right now; details.state and details.reason say why (connecting, auth_failed, unreachable, disabled).',
  },
  TOOL_TARGET_NOT_FOUND: {
    status: 404,
    retryable: false,
    description: 'The scene, source, input or action named in the request does not exist in the tool; the message names it.',
  },
  TOOL_REQUEST_REFUSED: {
    status: 502,
    retryable: false,
    description: "The tool refused the request; details.tool_code and the message are the tool's own.",
  },
  TOOL_TIMEOUT: {
    status: 504,
    retryable: true,
    description: 'The tool, or the Bifrost instance holding its connection, did not answer in time.',
  },
  TOOL_WRONG_KIND: {
    status: 400,
    retryable: false,
    description: 'The action belongs to the other kind of tool (an OBS action on a Streamer.bot tool, or the reverse).',
  },
} as const satisfies Record<string, CodeSpec>;
