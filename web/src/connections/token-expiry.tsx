/**
 * "Token expires {date} (auto-refresh)" while the token renews itself; red, without "(auto-refresh)",
 * with the reason and what to do, when the refresh worker reports it degraded or needing re-authorization.
 */
import type { Integration } from '../api/types.ts';
import { formatAbsolute, formatRelative, parseDate } from '../lib/dates.ts';
import { cardState } from './card-state.ts';

const REASONS: Record<string, string> = {
  invalid_grant: 'the platform rejected the refresh token (access was revoked or expired)',
  lost_rotation: 'a refresh was interrupted and the platform no longer accepts the old refresh token',
  invalid_client: 'the platform rejected the app credentials',
  credentials_deleted: 'the app credentials were deleted',
  credentials_missing: 'there are no app credentials for this platform',
  credentials_changed: 'the app credentials these tokens were issued to changed',
  undecryptable: 'Bifrost cannot decrypt the stored tokens (its encryption key changed or the data is damaged)',
  internal_error: 'Bifrost hit an internal error while refreshing (see the server log)',
  platform_unreachable: 'the platform cannot be reached',
  platform_error: 'the platform answers with errors',
};

export function reasonText(reason: string | null): string {
  if (!reason) return '';
  return REASONS[reason] ?? reason.replace(/_/g, ' ');
}

export function TokenExpiry({ integration }: { integration: Integration }) {
  const date = parseDate(integration.token_expires_at);
  const view = cardState(null, integration.status);
  const failing = !view.autoRefresh;
  const reason = reasonText(integration.status_reason);
  const expired = date !== null && date.getTime() <= Date.now();
  return (
    <div className={`token-expiry${failing ? ' token-expiry-failing' : ''}`}>
      {date ? (
        <p>
          {expired ? 'Token expired' : 'Token expires'}{' '}
          <time dateTime={date.toISOString()} title={formatRelative(date)}>
            {formatAbsolute(date)}
          </time>{' '}
          {view.autoRefresh ? '(auto-refresh) ' : null}
          <span className="muted">· {formatRelative(date)}</span>
        </p>
      ) : null}
      {failing ? (
        <p className="token-expiry-reason">
          {view.state === 'needs_reconnect' ? 'Automatic refresh failed and stopped' : 'Automatic refresh is failing and retrying'}
          {reason ? `: ${reason}` : ''}.{' '}
          {view.state === 'needs_reconnect' ? 'Click Reconnect to sign in again.' : 'Refresh token retries now; if it keeps failing, click Reconnect.'}
        </p>
      ) : null}
    </div>
  );
}
