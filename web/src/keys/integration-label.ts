/** How the key pages name a connection: "Twitch channel", "Twitch bot mybot". */
import type { Integration } from '../api/types.ts';
import type { PlatformDirectory } from '../lib/platforms.tsx';

export function integrationLabel(platforms: PlatformDirectory, integration: Integration): string {
  const which = integration.integration_type === 'bot' ? `bot ${integration.bot_identifier}` : 'channel';
  return `${platforms.name(integration.platform)} ${which}`;
}
