/** Which platforms the Chat page offers (those with a connected channel) and who may speak on each (channel, default bot, each bot). */
import type { ConnectionsData } from '../connections/load-connections.ts';
import type { Integration, Platform } from '../api/types.ts';

export interface ChatTarget {
  slug: string;
  name: string;
  channel: Integration;
  bots: Integration[];
  globalBot: Integration | null;
  sandbox: boolean;
}

export function chatTargets(data: ConnectionsData): ChatTarget[] {
  return data.platforms.flatMap((p) => {
    const group = data.groups.find((g) => g.platform_slug === p.slug);
    if (p.state === 'unavailable' || !group?.channel) return [];
    return [{ slug: p.slug, name: p.name, channel: group.channel, bots: group.bots, globalBot: group.global_bot, sandbox: p.sandbox }];
  });
}

export interface SenderOption {
  value: string;
  label: string;
}

/** The sender choices in the API's words: `channel`, `bot` (the default bot, else the instance's global bot), or a bot identifier. */
export function senderOptions(target: ChatTarget): SenderOption[] {
  const fallback = target.bots.find((b) => b.is_default_bot) ?? target.globalBot;
  const options: SenderOption[] = [
    { value: 'bot', label: fallback ? `Default bot (@${fallback.platform_username})` : 'Default bot' },
    { value: 'channel', label: `Channel (@${target.channel.platform_username})` },
  ];
  for (const b of target.bots) if (b.bot_identifier) options.push({ value: b.bot_identifier, label: `Bot ${b.bot_identifier} (@${b.platform_username})` });
  return options;
}

/** The platform's longest message (its chat capability in GET /v1/platforms). */
export function maxMessageLength(platform: Platform | undefined): number | undefined {
  return platform?.capabilities.chat_max_message_length ?? undefined;
}
