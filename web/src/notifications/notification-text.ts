/** What a notification means for a streamer, and where to fix it: one sentence and a link. */
import type { AppNotification } from '../api/types.ts';
import { reasonText } from '../connections/token-expiry.tsx';

export interface NotificationText {
  tone: 'danger' | 'warning' | 'success';
  label: string;
  text: string;
  /** The page where it is fixed, when something must be done. */
  fix?: { to: string; label: string };
}

export function notificationText(n: AppNotification, platformName: string): NotificationText {
  const subject = n.is_global ? `The global ${platformName} bot${n.integration_name ? ` ${n.integration_name}` : ''}` : `${platformName} ${n.integration_name ?? 'connection'}`;
  const why = reasonText(n.reason);
  switch (n.kind) {
    case 'needs_reauth':
      return {
        tone: 'danger',
        label: 'Needs reconnect',
        text: `${subject} lost its access${why ? `: ${why}` : ''}. It stays broken until someone reconnects it.`,
        fix: n.is_global ? { to: '/dashboard/connections/bot', label: 'Reconnect the global bot' } : { to: '/dashboard/connections', label: 'Reconnect it' },
      };
    case 'degraded':
      return { tone: 'warning', label: 'Refresh failing', text: `${subject} cannot renew its access${why ? `: ${why}` : ''}. Bifrost keeps retrying.` };
    case 'recovered':
      return { tone: 'success', label: 'Recovered', text: `${subject} works again.` };
    case 'platform_alarm':
      return {
        tone: 'danger',
        label: 'App credentials refused',
        text: `${platformName} refused the app credentials${why ? `: ${why}` : ''}. No ${platformName} token can be renewed until they are fixed.`,
        fix: { to: '/dashboard/connections/credentials', label: 'Check the app credentials' },
      };
    case 'platform_alarm_cleared':
      return { tone: 'success', label: 'Credentials accepted', text: `${platformName} accepts the app credentials again.` };
    default:
      return { tone: 'warning', label: n.kind.replace(/_/g, ' '), text: `${subject}: ${n.kind.replace(/_/g, ' ')}${why ? ` (${why})` : ''}.` };
  }
}
