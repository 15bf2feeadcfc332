/** The instance's global bot on a platform: what the account falls back to; instance admins connect it here. */
import type { Integration } from '../api/types.ts';
import { disconnectGlobalBot, goToAuthorization, startGlobalBotConnect } from '../api/integrations-api.ts';
import { Badge } from '../components/badge.tsx';
import { Row } from '../components/row.tsx';
import { RowAction } from '../components/row-action.tsx';
import { useSession } from '../lib/session.tsx';
import { useAction } from '../lib/use-action.ts';
import { handle } from '../lib/handle.ts';
import { DisconnectButton } from '../connections/disconnect-button.tsx';
import { StateBadge } from '../connections/state-badge.tsx';
import { cardState } from '../connections/card-state.ts';

export interface GlobalBotRowProps {
  slug: string;
  platformName: string;
  globalBot: Integration | null;
  /** The account has a default bot of its own, so the global bot is not in use. */
  overridden: boolean;
  onChanged: () => void;
}

export function GlobalBotRow({ slug, platformName, globalBot, overridden, onChanged }: GlobalBotRowProps) {
  const { isInstanceAdmin } = useSession();
  const action = useAction();
  return (
    <Row
      className="row-item-global"
      data-global-bot={slug}
      title={
        <>
          Global Bot (default) <GlobalBotBadge globalBot={globalBot} overridden={overridden} />
        </>
      }
      meta={
        globalBot ? (
          <GlobalBotMeta globalBot={globalBot} isInstanceAdmin={isInstanceAdmin} />
        ) : (
          'No global bot is connected on this Bifrost instance yet. Connect a custom bot below, or ask an instance admin.'
        )
      }
      action={action}
      actions={
        isInstanceAdmin ? (
          <>
            <RowAction small action={action} leaves run={() => goToAuthorization(slug, startGlobalBotConnect(slug, globalBot ? { reconnect: true } : {}))}>
              {globalBot ? 'Reconnect global bot' : 'Connect global bot'}
            </RowAction>
            {globalBot ? (
              <DisconnectButton
                small
                label="Disconnect global bot"
                platform={platformName}
                integrationId={globalBot.id}
                message={`Disconnect the global ${platformName} bot ${handle(globalBot.platform_username)}? Every account without its own ${platformName} bot loses its fallback bot.`}
                disconnect={disconnectGlobalBot}
                action={action}
                onDone={() => onChanged()}
              />
            ) : null}
          </>
        ) : null
      }
    />
  );
}

/** One badge: a global bot that needs re-auth or fails to refresh says so before whether it is in use. */
function GlobalBotBadge({ globalBot, overridden }: { globalBot: Integration | null; overridden: boolean }) {
  if (!globalBot) return <Badge tone="outline">Not connected</Badge>;
  const view = cardState(null, globalBot.status);
  // A healthy global bot's badge says whether it is in use; any other state says what is wrong.
  if (view.state !== 'connected') return <StateBadge view={view} />;
  return overridden ? <Badge tone="outline">Not in use</Badge> : <Badge tone="info">In use</Badge>;
}

function GlobalBotMeta({ globalBot, isInstanceAdmin }: { globalBot: Integration; isInstanceAdmin: boolean }) {
  const name = <strong>{handle(globalBot.platform_username)}</strong>;
  if (globalBot.status === 'needs_reauth') {
    return (
      <span data-global-bot-problem>
        The global bot {name} lost its access, so chat cannot use it.{' '}
        {isInstanceAdmin ? 'Reconnect it with "Reconnect global bot".' : 'Ask an instance admin to reconnect it, or connect a bot of your own below.'}
      </span>
    );
  }
  if (globalBot.status === 'degraded') {
    return (
      <span data-global-bot-problem>
        The global bot {name} cannot renew its access right now; Bifrost keeps retrying.{' '}
        {isInstanceAdmin ? 'If this lasts, reconnect it.' : 'If this lasts, ask an instance admin to reconnect it.'}
      </span>
    );
  }
  return <>A Bifrost-hosted bot, {name}. No setup required.</>;
}
