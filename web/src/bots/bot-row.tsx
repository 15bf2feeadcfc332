/** One of the account's bots: default choice, verified-bot switches (where the platform has them), reconnect and disconnect. */
import { useState } from 'react';
import type { Integration } from '../api/types.ts';
import { goToAuthorization, makeDefaultBot, setVerifiedBotStatus, startConnect } from '../api/integrations-api.ts';
import { errorMessage } from '../api/client.ts';
import { Badge } from '../components/badge.tsx';
import { Button } from '../components/button.tsx';
import { Switch } from '../components/switch.tsx';
import { DateTime } from '../components/date-time.tsx';
import { useCan } from '../lib/session.tsx';
import { DisconnectDialog } from '../connections/disconnect-dialog.tsx';
import { TokenExpiry } from '../connections/token-expiry.tsx';
import { ScopeSummary } from '../connections/scope-summary.tsx';
import { handle } from '../lib/handle.ts';
import { RefreshButton } from '../connections/refresh-button.tsx';

export interface BotRowProps {
  bot: Integration;
  platformName: string;
  /** The platform has a verified-bot badge and status (its `verified_bots` capability; the API's `updateTwitchBotStatus`). */
  verifiedSwitches: boolean;
  onChanged: () => void;
  onDisconnected: (revokeError: string | null) => void;
}

export function BotRow({ bot, platformName, verifiedSwitches, onChanged, onDisconnected }: BotRowProps) {
  const can = useCan();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const run = async (what: string, action: () => Promise<unknown>, reload = true) => {
    setBusy(what);
    setError(null);
    try {
      await action();
      if (reload) onChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const reconnect = async () => {
    setBusy('reconnect');
    setError(null);
    try {
      await goToAuthorization(bot.platform, startConnect(bot.platform, { integration_type: 'bot', bot_identifier: bot.bot_identifier ?? undefined, reconnect: true }));
    } catch (err) {
      setBusy(null);
      setError(errorMessage(err));
    }
  };

  const mayCreate = can('bot-connections:create');
  return (
    <li className="row-item" data-bot={bot.bot_identifier ?? bot.id}>
      <div className="row-main">
        <p className="row-title">
          <code>{bot.bot_identifier}</code> <span>{handle(bot.platform_username)}</span>{' '}
          {bot.is_default_bot ? <Badge tone="success">Default</Badge> : null}
          {bot.status === 'needs_reauth' ? <Badge tone="danger">Needs reconnect</Badge> : null}
          {bot.status === 'degraded' ? <Badge tone="warning">Refresh failing</Badge> : null}
        </p>
        <p className="row-meta">
          ID <code>{bot.platform_user_id}</code> · connected <DateTime value={bot.connected_at} relativeOnly /> · scopes <ScopeSummary platform={platformName} scopes={bot.scopes} />
        </p>
        <TokenExpiry integration={bot} />
        {verifiedSwitches && mayCreate ? (
          <div className="switch-row">
            <Switch
              checked={bot.has_verified_bot_badge}
              label="Verified bot badge"
              busy={busy === 'badge'}
              onChange={(v) => void run('badge', () => setVerifiedBotStatus(bot.id, { has_verified_bot_badge: v, is_verified_bot: bot.is_verified_bot }))}
            />
            <Switch
              checked={bot.is_verified_bot}
              label="Verified bot"
              busy={busy === 'verified'}
              onChange={(v) => void run('verified', () => setVerifiedBotStatus(bot.id, { has_verified_bot_badge: bot.has_verified_bot_badge, is_verified_bot: v }))}
            />
          </div>
        ) : null}
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <div className="row-actions">
        {mayCreate && !bot.is_default_bot ? (
          <Button small busy={busy === 'default'} onClick={() => void run('default', () => makeDefaultBot(bot.id))}>
            Make default
          </Button>
        ) : null}
        {mayCreate ? (
          <Button small busy={busy === 'reconnect'} onClick={() => void reconnect()}>
            Reconnect
          </Button>
        ) : null}
        {mayCreate ? <RefreshButton small integration={bot} onRefreshed={onChanged} /> : null}
        {can('bot-connections:delete') ? (
          <Button small variant="danger" onClick={() => setConfirming(true)}>
            Disconnect
          </Button>
        ) : null}
      </div>
      <DisconnectDialog
        open={confirming}
        platform={platformName}
        integrationId={bot.id}
        message={`Are you sure you want to disconnect the ${platformName} bot "${bot.bot_identifier}" (${handle(bot.platform_username)})? Bifrost revokes its connection; chat falls back to the global bot automatically.`}
        onClose={() => setConfirming(false)}
        onDone={onDisconnected}
      />
    </li>
  );
}
