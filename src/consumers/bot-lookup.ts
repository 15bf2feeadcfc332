/**
 * The bot a consumer should post with on a platform: the account's default bot, otherwise the
 * instance's global bot (every account's fallback). The internal service key names the account with
 * `?account_id=`; without one it gets the global bot.
 */
import type { Deps } from '../deps.ts';
import type { IntegrationRow } from '../integrations/model.ts';
import { AppError } from '../errors/app-error.ts';
import { mayRead, readDenied, type Consumer } from './consumer.ts';

export interface BotView {
  integration_id: string;
  platform: string;
  bot_identifier: string | null;
  platform_user_id: string;
  platform_username: string;
  display_name: string;
  is_global: boolean;
  status: IntegrationRow['status'];
}

async function botOf(deps: Deps, accountId: string | null, platform: string): Promise<IntegrationRow | undefined> {
  return deps.store.db
    .selectFrom('integrations')
    .selectAll()
    .where((eb) => (accountId === null ? eb('account_id', 'is', null) : eb('account_id', '=', accountId)))
    .where('platform', '=', platform)
    .where('integration_type', '=', 'bot')
    .orderBy('is_default_bot', 'desc')
    .orderBy('connected_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

export async function botFor(deps: Deps, consumer: Consumer, platform: string, accountParam?: string): Promise<BotView> {
  if (!deps.platforms.has(platform as never)) throw new AppError('NOT_FOUND', `unknown platform "${platform}"`);
  const accountId = consumer.kind === 'internal' ? (accountParam ?? null) : consumer.accountId;
  const row = (accountId !== null ? await botOf(deps, accountId, platform) : undefined) ?? (await botOf(deps, null, platform));
  if (!row) throw new AppError('NO_BOT', `no bot on ${platform}: connect one, or ask the instance admin for a global bot`);
  const decision = mayRead(consumer, row);
  if (decision !== 'ok') throw readDenied(decision);
  return {
    integration_id: row.id,
    platform: row.platform,
    bot_identifier: row.bot_identifier,
    platform_user_id: row.platform_user_id,
    platform_username: row.platform_username,
    display_name: row.display_name,
    is_global: row.account_id === null,
    status: row.status,
  };
}
