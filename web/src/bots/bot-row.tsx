/** One of the account's bots: default choice, verified-bot switches (where the platform has them), reconnect and disconnect. */
import type { Integration } from '../api/types.ts';
import { goToAuthorization, makeDefaultBot, setVerifiedBotStatus, startConnect } from '../api/integrations-api.ts';
import { Badge } from '../components/badge.tsx';
import { Switch } from '../components/switch.tsx';
import { DateTime } from '../components/date-time.tsx';
import { Row } from '../components/row.tsx';
import { RowAction } from '../components/row-action.tsx';
import { useCan } from '../lib/session.tsx';
import { useAction } from '../lib/use-action.ts';
import { handle } from '../lib/handle.ts';
import { DisconnectButton } from '../connections/disconnect-button.tsx';
import { TokenExpiry } from '../connections/token-expiry.tsx';
import { ScopeSummary } from '../connections/scope-summary.tsx';
import { RefreshButton } from '../connections/refresh-button.tsx';
import { SendTestButton } from './send-test-button.tsx';
import { StateBadge } from '../connections/state-badge.tsx';
import { cardState } from '../connections/card-state.ts';

export interface BotRowProps {
  bot: Integration;
  platformName: string;
  /** The platform has a verified-bot badge and status (its `verified_bots` capability; the API's `updateTwitchBotStatus`). */
  verifiedSwitches: boolean;
  onChanged: () => void;
  onDisconnected: (revokeError: string | null) => void;
}

type VerifiedFlags = { has_verified_bot_badge: boolean; is_verified_bot: boolean };

export function BotRow({ bot, platformName, verifiedSwitches, onChanged, onDisconnected }: BotRowProps) {
  const can = useCan();
  const action = useAction();
  const mayCreate = can('bot-connections:create');
  const view = cardState(null, bot.status);

  const verified = (name: keyof VerifiedFlags, label: string) => (
    <Switch
      checked={bot[name]}
      label={label}
      busy={action.isBusy(name)}
      onChange={(on) => {
        const flags: VerifiedFlags = { has_verified_bot_badge: bot.has_verified_bot_badge, is_verified_bot: bot.is_verified_bot, [name]: on };
        void action.run(() => setVerifiedBotStatus(bot.id, flags).then(onChanged), { name });
      }}
    />
  );

  return (
    <Row
      data-bot={bot.bot_identifier ?? bot.id}
      title={
        <>
          <code>{bot.bot_identifier}</code> <span>{handle(bot.platform_username)}</span> {bot.is_default_bot ? <Badge tone="success">Default</Badge> : null}
          <StateBadge view={view} />
        </>
      }
      meta={
        <>
          ID <code>{bot.platform_user_id}</code> · connected <DateTime value={bot.connected_at} relativeOnly /> · scopes <ScopeSummary platform={platformName} scopes={bot.scopes} />
        </>
      }
      action={action}
      actions={
        <>
          {mayCreate && !bot.is_default_bot ? (
            <RowAction small action={action} run={() => makeDefaultBot(bot.id).then(onChanged)}>
              Make default
            </RowAction>
          ) : null}
          {mayCreate ? (
            <RowAction
              small
              action={action}
              leaves
              run={() => goToAuthorization(bot.platform, startConnect(bot.platform, { integration_type: 'bot', bot_identifier: bot.bot_identifier ?? undefined, reconnect: true }))}
            >
              Reconnect
            </RowAction>
          ) : null}
          {mayCreate && view.actions.includes('refresh') ? <RefreshButton small integration={bot} onRefreshed={onChanged} /> : null}
          {can('chat:send') && bot.bot_identifier ? <SendTestButton action={action} platform={bot.platform} platformName={platformName} botIdentifier={bot.bot_identifier} /> : null}
          {can('bot-connections:delete') ? (
            <DisconnectButton
              small
              platform={platformName}
              integrationId={bot.id}
              action={action}
              message={`Are you sure you want to disconnect the ${platformName} bot "${bot.bot_identifier}" (${handle(bot.platform_username)})? Bifrost revokes its connection; chat falls back to the global bot automatically.`}
              onDone={onDisconnected}
            />
          ) : null}
        </>
      }
    >
      <TokenExpiry integration={bot} />
      {verifiedSwitches && mayCreate ? (
        <div className="switch-row">
          {verified('has_verified_bot_badge', 'Verified bot badge')}
          {verified('is_verified_bot', 'Verified bot')}
        </div>
      ) : null}
    </Row>
  );
}
