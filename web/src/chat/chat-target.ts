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

/** The platform's longest message, when GET /v1/platforms says it (its chat capabilities). */
export function maxMessageLength(platform: Platform | undefined): number | undefined {
  const caps = platform?.capabilities as { chat?: { max_message_length?: unknown } | null; max_message_length?: unknown } | undefined;
  const value = caps?.chat?.max_message_length ?? caps?.max_message_length;
  return typeof value === 'number' && value > 0 ? value : undefined;
}
