/**
 * "Token expires {date} (auto-refresh)": red, with the reason and what to
 * do, when the refresh worker reports the integration degraded or needing re-authorization.
 */
import type { Integration } from '../api/types.ts';
import { formatAbsolute, formatRelative, parseDate } from '../lib/dates.ts';

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
  const failing = integration.status !== 'active';
  const reason = reasonText(integration.status_reason);
  return (
    <div className={`token-expiry${failing ? ' token-expiry-failing' : ''}`}>
      {date ? (
        <p>
          Token expires{' '}
          <time dateTime={date.toISOString()} title={formatRelative(date)}>
            {formatAbsolute(date)}
          </time>{' '}
          (auto-refresh) <span className="muted">· {formatRelative(date)}</span>
        </p>
      ) : null}
      {failing ? (
        <p className="token-expiry-reason">
          {integration.status === 'needs_reauth' ? 'Automatic refresh failed and stopped' : 'Automatic refresh is failing and retrying'}
          {reason ? `: ${reason}` : ''}. Click Reconnect.
        </p>
      ) : null}
    </div>
  );
}
