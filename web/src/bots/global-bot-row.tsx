/** The instance's global bot on a platform: what the account falls back to; instance admins connect it here. */
import { useState } from 'react';
import type { Integration } from '../api/types.ts';
import { disconnectGlobalBot, goToAuthorization, startGlobalBotConnect } from '../api/integrations-api.ts';
import { errorMessage } from '../api/client.ts';
import { Badge } from '../components/badge.tsx';
import { Button } from '../components/button.tsx';
import { useSession } from '../lib/session.tsx';
import { DisconnectDialog } from '../connections/disconnect-dialog.tsx';
import { handle } from '../lib/handle.ts';

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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const connect = async () => {
    setBusy(true);
    setError(null);
    try {
      await goToAuthorization(slug, startGlobalBotConnect(slug, globalBot ? { reconnect: true } : {}));
    } catch (err) {
      setBusy(false);
      setError(errorMessage(err));
    }
  };

  return (
    <li className="row-item row-item-global" data-global-bot={slug}>
      <div className="row-main">
        <p className="row-title">
          Global Bot (default) {!globalBot ? <Badge tone="outline">Not connected</Badge> : overridden ? <Badge tone="outline">Not in use</Badge> : <Badge tone="info">In use</Badge>}
        </p>
        <p className="row-meta">
          {globalBot ? (
            <>
              A Bifrost-hosted bot, <strong>{handle(globalBot.platform_username)}</strong>. No setup required.
            </>
          ) : (
            'No global bot is connected on this Bifrost instance yet. Connect a custom bot below, or ask an instance admin.'
          )}
        </p>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      {isInstanceAdmin ? (
        <div className="row-actions">
          <Button small busy={busy} onClick={() => void connect()}>
            {globalBot ? 'Reconnect global bot' : 'Connect global bot'}
          </Button>
          {globalBot ? (
            <Button small variant="danger" onClick={() => setConfirming(true)}>
              Disconnect global bot
            </Button>
          ) : null}
        </div>
      ) : null}
      {globalBot ? (
        <DisconnectDialog
          open={confirming}
          platform={platformName}
          integrationId={globalBot.id}
          message={`Disconnect the global ${platformName} bot ${handle(globalBot.platform_username)}? Every account without its own ${platformName} bot loses its fallback bot.`}
          disconnect={disconnectGlobalBot}
          onClose={() => setConfirming(false)}
          onDone={() => onChanged()}
        />
      ) : null}
    </li>
  );
}
