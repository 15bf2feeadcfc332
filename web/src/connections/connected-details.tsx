/** The facts of a connected card: channel, channel id, scopes, dates and token expiry. */
import type { Integration } from '../api/types.ts';
import { DateTime } from '../components/date-time.tsx';
import { ScopeSummary } from './scope-summary.tsx';
import { TokenExpiry } from './token-expiry.tsx';
import { handle } from '../lib/handle.ts';

export function ConnectedDetails({ platform, integration }: { platform: string; integration: Integration }) {
  const name = integration.display_name || integration.platform_username;
  return (
    <>
      <dl className="facts">
        <div>
          <dt>Channel</dt>
          <dd>
            <strong>{name}</strong>
            {integration.platform_username && integration.platform_username !== name ? <span className="muted"> {handle(integration.platform_username)}</span> : null}
          </dd>
        </div>
        <div>
          <dt>Channel ID</dt>
          <dd>
            <code>{integration.platform_user_id}</code>
          </dd>
        </div>
        <div>
          <dt>Scopes</dt>
          <dd>
            <ScopeSummary platform={platform} scopes={integration.scopes} />
          </dd>
        </div>
        <div>
          <dt>Connected</dt>
          <dd>
            <DateTime value={integration.connected_at} />
          </dd>
        </div>
        <div>
          <dt>Last updated</dt>
          <dd>
            <DateTime value={integration.updated_at} />
          </dd>
        </div>
      </dl>
      <TokenExpiry integration={integration} />
    </>
  );
}
