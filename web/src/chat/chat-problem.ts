/**
 * A failed send or moderation action in words that say what to do next: reconnect the sender (with a
 * link to where), grant a scope, wait N seconds, or read the platform's own reason.
 */
import { ApiError, errorMessage } from '../api/client.ts';

export interface ChatProblem {
  text: string;
  /** Where the fix is (the Connections or Bot Connections page). */
  link: { to: string; label: string } | null;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** Connections for the channel, Bot Connections for a bot: the error's `details.which` says whether the channel or the sender is at fault; the form says what the sender is. */
function fixPage(err: ApiError, sender: string): { to: string; label: string } {
  const channel = err.details.which === 'channel' || sender === 'channel';
  return channel ? { to: '/dashboard/connections', label: 'Open Connections' } : { to: '/dashboard/connections/bot', label: 'Open Bot Connections' };
}

export function chatProblem(err: unknown, sender: string): ChatProblem {
  if (!(err instanceof ApiError)) return { text: errorMessage(err), link: null };
  if (err.status === 429) {
    const seconds = err.retryAfter ?? Number(err.details.retry_after_s ?? err.details.retry_after ?? 0);
    const wait = seconds > 0 ? `Wait ${Math.ceil(seconds)} s, then send again.` : 'Wait a moment, then send again.';
    return { text: `The platform's rate limit is reached. ${wait}`, link: null };
  }
  if (err.code === 'MESSAGE_REFUSED') {
    const reason = str(err.details.reason);
    return { text: `The platform refused it${reason ? `: ${reason}` : ''}. ${err.message}`, link: null };
  }
  // The server's sentence names the scope or the integration and says "Reconnect"; the link goes there.
  if (err.code === 'SCOPE_MISSING' || err.code === 'SENDER_UNAVAILABLE') return { text: err.message, link: fixPage(err, sender) };
  if (err.code === 'UNKNOWN_BOT') return { text: err.message, link: { to: '/dashboard/connections/bot', label: 'Open Bot Connections' } };
  return { text: err.message, link: null };
}
