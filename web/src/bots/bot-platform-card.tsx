/** A platform on the Bot Connections page: the global bot, the account's own bots, and Connect Bot. */
import type { AccountPlatform, PlatformIntegrations } from '../api/types.ts';
import { Badge } from '../components/badge.tsx';
import { useCan } from '../lib/session.tsx';
import { usePlatforms } from '../lib/platforms.tsx';
import { PlatformIcon } from '../connections/platform-icon.tsx';
import { BotRow } from './bot-row.tsx';
import { GlobalBotRow } from './global-bot-row.tsx';
import { ConnectBotForm } from './connect-bot-form.tsx';

export interface BotPlatformCardProps {
  platform: AccountPlatform;
  group: PlatformIntegrations | undefined;
  onChanged: () => void;
  onDisconnected: (platform: string, revokeError: string | null) => void;
}

export function BotPlatformCard({ platform, group, onChanged, onDisconnected }: BotPlatformCardProps) {
  const can = useCan();
  const verifiedBots = usePlatforms().get(platform.slug)?.capabilities.verified_bots ?? false;
  const bots = group?.bots ?? [];
  const unavailable = platform.state === 'unavailable';
  const titleId = `bots-${platform.slug}-title`;
  return (
    <section className={`card bot-card${unavailable ? ' platform-card-unavailable' : ''}`} aria-labelledby={titleId} data-platform={platform.slug}>
      <div className="card-head">
        <PlatformIcon slug={platform.slug} name={platform.name} />
        <h2 className="card-title" id={titleId}>
          {platform.name}
        </h2>
        {unavailable ? <Badge tone="outline">Unavailable</Badge> : <Badge>{bots.length === 1 ? '1 custom bot' : `${bots.length} custom bots`}</Badge>}
      </div>
      {unavailable ? (
        <p className="card-text">This platform is disabled on this Bifrost instance by an admin.</p>
      ) : (
        <>
          <ul className="row-list">
            <GlobalBotRow slug={platform.slug} platformName={platform.name} globalBot={group?.global_bot ?? null} overridden={bots.some((b) => b.is_default_bot)} onChanged={onChanged} />
            {bots.map((b) => (
              <BotRow
                key={b.id}
                bot={b}
                platformName={platform.name}
                verifiedSwitches={verifiedBots}
                onChanged={onChanged}
                onDisconnected={(revokeError) => onDisconnected(platform.name, revokeError)}
              />
            ))}
          </ul>
          {can('bot-connections:create') ? (
            platform.is_configured ? (
              <ConnectBotForm slug={platform.slug} name={platform.name} taken={bots.map((b) => b.bot_identifier ?? '')} />
            ) : (
              <p className="card-text muted">Set up app credentials for {platform.name} to connect a custom bot.</p>
            )
          ) : null}
        </>
      )}
    </section>
  );
}
