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

/** Connections for the channel, Bot Connections for a bot: read from the error's details, else from the sender the form chose. */
function fixPage(err: ApiError, sender: string): { to: string; label: string } {
  const kind = str(err.details.integration_type) ?? str(err.details.sender_kind) ?? (sender === 'channel' ? 'channel' : 'bot');
  return kind === 'channel' ? { to: '/dashboard/connections', label: 'Open Connections' } : { to: '/dashboard/connections/bot', label: 'Open Bot Connections' };
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
  const scope = str(err.details.scope) ?? (Array.isArray(err.details.scopes) ? err.details.scopes.join(', ') : null);
  if (err.status === 403 && (scope !== null || /SCOPE/.test(err.code))) {
    const grant = scope ? `It needs the scope ${scope}. ` : '';
    return { text: `${err.message} ${grant}Reconnect it to grant the scope.`.replace(/\s+/g, ' ').trim(), link: fixPage(err, sender) };
  }
  if (err.status === 409) return { text: err.message, link: fixPage(err, sender) };
  return { text: err.message, link: null };
}
