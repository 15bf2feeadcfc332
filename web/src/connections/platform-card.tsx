/** One platform on the Connections page, in one of its four states (Unavailable, Not connected, Credentials configured, Connected). */
import type { AccountPlatform, EventConnection, Integration } from '../api/types.ts';
import { goToAuthorization, startConnect } from '../api/integrations-api.ts';
import { FormError } from '../components/form-error.tsx';
import { LinkButton } from '../components/link-button.tsx';
import { RowAction } from '../components/row-action.tsx';
import { useCan } from '../lib/session.tsx';
import { useAction } from '../lib/use-action.ts';
import { PlatformIcon } from './platform-icon.tsx';
import { ConnectedDetails } from './connected-details.tsx';
import { DisconnectButton } from './disconnect-button.tsx';
import { RefreshButton } from './refresh-button.tsx';
import { StateBadge } from './state-badge.tsx';
import { connectionOf, EventStateLine } from './event-state.tsx';

export interface PlatformCardProps {
  platform: AccountPlatform;
  channel: Integration | null;
  /** Live connections (chat and events); null when unknown. */
  connections?: readonly EventConnection[] | null;
  onDisconnected: (platform: string, revokeError: string | null) => void;
  /** Something changed on the server (a manual refresh): reload the page's data. */
  onChanged: () => void;
}

export function PlatformCard({ platform, channel, connections = null, onDisconnected, onChanged }: PlatformCardProps) {
  const can = useCan();
  const action = useAction();
  const mayEdit = can('connections:edit');
  // The list says "connected" only with a channel; trust the integration itself if the two ever disagree.
  const state = platform.state === 'connected' && !channel ? (platform.is_configured ? 'configured' : 'not_configured') : platform.state;

  // The browser leaves for the platform: the button keeps spinning until it does.
  const connect = (reconnect: boolean) => () =>
    goToAuthorization(platform.slug, startConnect(platform.slug, { integration_type: 'channel', ...(reconnect ? { reconnect: true } : {}) }));

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
              <LinkButton to={`/dashboard/connections/credentials#${platform.slug}`} variant="primary">
                Set Up
              </LinkButton>
            </div>
          ) : null}
        </>
      ) : null}

      {state === 'configured' ? (
        <>
          <p className="card-text">Credentials configured. Click Connect to authorize.</p>
          {mayEdit ? (
            <div className="card-actions">
              <RowAction variant="primary" action={action} leaves run={connect(false)}>
                Connect
              </RowAction>
            </div>
          ) : null}
        </>
      ) : null}

      {state === 'connected' && channel ? (
        <>
          <ConnectedDetails platform={platform.name} integration={channel} />
          <EventStateLine connection={connectionOf(connections, { integrationId: channel.id })} />
          {mayEdit ? (
            <div className="card-actions">
              <RowAction action={action} leaves run={connect(true)}>
                Reconnect
              </RowAction>
              <DisconnectButton platform={platform.name} integrationId={channel.id} action={action} onDone={(revokeError) => onDisconnected(platform.name, revokeError)} />
              <RefreshButton integration={channel} onRefreshed={onChanged} />
            </div>
          ) : null}
        </>
      ) : null}

      <FormError error={action.error} />
    </section>
  );
}
