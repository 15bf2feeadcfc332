/** One platform on the Connections page, in one of its four states (Unavailable, Not connected, Credentials configured, Connected). */
import { useState } from 'react';
import type { AccountPlatform, Integration } from '../api/types.ts';
import { errorMessage } from '../api/client.ts';
import { goToAuthorization, startConnect } from '../api/integrations-api.ts';
import { Button } from '../components/button.tsx';
import { Link } from '../lib/router.tsx';
import { useCan } from '../lib/session.tsx';
import { PlatformIcon } from './platform-icon.tsx';
import { ConnectedDetails } from './connected-details.tsx';
import { DisconnectDialog } from './disconnect-dialog.tsx';
import { RefreshButton } from './refresh-button.tsx';
import { StateBadge } from './state-badge.tsx';

export interface PlatformCardProps {
  platform: AccountPlatform;
  channel: Integration | null;
  onDisconnected: (platform: string, revokeError: string | null) => void;
  /** Something changed on the server (a manual refresh): reload the page's data. */
  onChanged: () => void;
}

export function PlatformCard({ platform, channel, onDisconnected, onChanged }: PlatformCardProps) {
  const can = useCan();
  const [busy, setBusy] = useState<'connect' | 'reconnect' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const mayEdit = can('connections:edit');
  // The list says "connected" only with a channel; trust the integration itself if the two ever disagree.
  const state = platform.state === 'connected' && !channel ? (platform.is_configured ? 'configured' : 'not_configured') : platform.state;

  const connect = async (reconnect: boolean) => {
    setBusy(reconnect ? 'reconnect' : 'connect');
    setError(null);
    try {
      await goToAuthorization(platform.slug, startConnect(platform.slug, { integration_type: 'channel', ...(reconnect ? { reconnect: true } : {}) }));
      // The browser is leaving for the platform; keep spinning until it does.
    } catch (err) {
      setBusy(null);
      setError(errorMessage(err));
    }
  };

  const titleId = `card-${platform.slug}-title`;
  return (
    <section className={`card platform-card platform-card-${state}`} aria-labelledby={titleId} data-platform={platform.slug} data-state={state}>
      <div className="card-head">
        <PlatformIcon slug={platform.slug} name={platform.name} />
        <h2 className="card-title" id={titleId}>
          {platform.name}
        </h2>
        <StateBadge state={state} channel={channel} />
      </div>

      {state === 'unavailable' ? <p className="card-text">This platform is disabled on this Bifrost instance by an admin. Nothing you can do here.</p> : null}

      {state === 'not_configured' ? (
        <>
          <p className="card-text">Set up app credentials to connect this platform.</p>
          {mayEdit ? (
            <div className="card-actions">
              <Link to={`/dashboard/connections/credentials#${platform.slug}`} className="btn btn-primary">
                <span>Set Up</span>
              </Link>
            </div>
          ) : null}
        </>
      ) : null}

      {state === 'configured' ? (
        <>
          <p className="card-text">Credentials configured. Click Connect to authorize.</p>
          {mayEdit ? (
            <div className="card-actions">
              <Button variant="primary" busy={busy === 'connect'} onClick={() => void connect(false)}>
                Connect
              </Button>
            </div>
          ) : null}
        </>
      ) : null}

      {state === 'connected' && channel ? (
        <>
          <ConnectedDetails platform={platform.name} integration={channel} />
          {mayEdit ? (
            <div className="card-actions">
              <Button busy={busy === 'reconnect'} disabled={busy !== null} onClick={() => void connect(true)}>
                Reconnect
              </Button>
              <Button variant="danger" disabled={busy !== null} onClick={() => setConfirming(true)}>
                Disconnect
              </Button>
              <RefreshButton integration={channel} onRefreshed={onChanged} />
            </div>
          ) : null}
          <DisconnectDialog
            open={confirming}
            platform={platform.name}
            integrationId={channel.id}
            onClose={() => setConfirming(false)}
            onDone={(revokeError) => onDisconnected(platform.name, revokeError)}
          />
        </>
      ) : null}

      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
