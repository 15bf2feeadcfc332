/** Error codes of the chat capability (src/chat): who speaks, where, and whether the platform can take it now. */
import type { CodeSpec } from '../code-spec.ts';

export const chatCodes = {
  SENDER_UNAVAILABLE: {
    status: 409,
    retryable: false,
    description: 'The sender or the channel is missing, disconnected or needs a reconnect; the message names which and where to fix it (Connections or Bot Connections).',
  },
  SCOPE_MISSING: {
    status: 403,
    retryable: false,
    description: "The sender's grant lacks a scope this call needs (details.scope); reconnect it to grant it.",
  },
  UNKNOWN_BOT: {
    status: 404,
    retryable: false,
    description: 'No bot with this bot identifier on this platform in the account (or the instance\'s global bots).',
  },
  CHAT_UNSUPPORTED: {
    status: 400,
    retryable: false,
    description: 'The platform cannot do this chat or moderation call (details.platform).',
  },
  NOT_LIVE: {
    status: 409,
    retryable: true,
    description: "The channel has no live chat right now (YouTube: no active broadcast); go live, then retry.",
  },
} as const satisfies Record<string, CodeSpec>;
