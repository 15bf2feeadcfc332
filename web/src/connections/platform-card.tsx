/** One platform on the Connections page, in one state of the card state machine (card-state.ts), with the actions that state allows. */
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
import { cardState } from './card-state.ts';
import { ScopePickerButton } from './scope-picker.tsx';

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
  const view = cardState(state, channel?.status ?? null);
  const offers = (a: (typeof view.actions)[number]) => mayEdit && view.actions.includes(a);

  // The browser leaves for the platform: the button keeps spinning until it does.
  const connect = (reconnect: boolean) => () =>
    goToAuthorization(platform.slug, startConnect(platform.slug, { integration_type: 'channel', ...(reconnect ? { reconnect: true } : {}) }));

  const titleId = `card-${platform.slug}-title`;
  return (
    <section className={`card platform-card platform-card-${state}`} aria-labelledby={titleId} data-platform={platform.slug} data-state={state} data-card-state={view.state}>
      <div className="card-head">
        <PlatformIcon slug={platform.slug} name={platform.name} />
        <h2 className="card-title" id={titleId}>
          {platform.name}
        </h2>
        <StateBadge view={view} />
      </div>

      {state === 'unavailable' ? <p className="card-text">This platform is disabled on this Bifrost instance by an admin. Nothing you can do here.</p> : null}

      {state === 'not_configured' ? (
        <>
          <p className="card-text">Set up app credentials to connect this platform.</p>
          {offers('set_up') ? (
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
          {offers('connect') ? (
            <div className="card-actions">
              <RowAction variant="primary" action={action} leaves run={connect(false)}>
                Connect
              </RowAction>
              <ScopePickerButton slug={platform.slug} name={platform.name} target={{ integration_type: 'channel' }} />
            </div>
          ) : null}
        </>
      ) : null}

      {state === 'connected' && channel ? (
        <>
          <ConnectedDetails platform={platform.name} integration={channel} />
          <EventStateLine connection={connectionOf(connections, { integrationId: channel.id })} />
          {view.actions.some(offers) ? (
            <div className="card-actions">
              {offers('reconnect') ? (
                <RowAction variant={view.state === 'needs_reconnect' ? 'primary' : undefined} action={action} leaves run={connect(true)}>
                  Reconnect
                </RowAction>
              ) : null}
              {offers('disconnect') ? (
                <DisconnectButton platform={platform.name} integrationId={channel.id} action={action} onDone={(revokeError) => onDisconnected(platform.name, revokeError)} />
              ) : null}
              {offers('refresh') ? <RefreshButton integration={channel} onRefreshed={onChanged} /> : null}
            </div>
          ) : null}
        </>
      ) : null}

      <FormError error={action.error} />
    </section>
  );
}
