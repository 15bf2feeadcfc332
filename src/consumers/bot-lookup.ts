/**
 * The bot a consumer should post with on a platform: the account's default bot, then its other
 * bots, otherwise the instance's global bot (every account's fallback). A bot that needs re-auth
 * cannot post, so it is skipped and named in the answer (`skipped`) so the caller can tell someone.
 * The internal service key names the account with `?account_id=`; without one it gets the global bot.
 */
import type { Deps } from '../deps.ts';
import type { IntegrationRow } from '../integrations/model.ts';
import { AppError } from '../errors/app-error.ts';
import { mayRead, readDenied, type Consumer } from './consumer.ts';

export interface SkippedBot {
  integration_id: string;
  display_name: string;
  is_global: boolean;
  reason: 'needs_reauth';
  /** Who can fix it, in words. */
  fix: string;
}

export interface BotView {
  integration_id: string;
  platform: string;
  bot_identifier: string | null;
  platform_user_id: string;
  platform_username: string;
  display_name: string;
  is_global: boolean;
  status: IntegrationRow['status'];
  skipped: SkippedBot[];
}

async function botsOf(deps: Deps, accountId: string | null, platform: string): Promise<IntegrationRow[]> {
  return deps.store.db
    .selectFrom('integrations')
    .selectAll()
    .where((eb) => (accountId === null ? eb('account_id', 'is', null) : eb('account_id', '=', accountId)))
    .where('platform', '=', platform)
    .where('integration_type', '=', 'bot')
    .orderBy('is_default_bot', 'desc')
    .orderBy('connected_at')
    .orderBy('id')
    .execute();
}

function skippedOf(row: IntegrationRow): SkippedBot {
  const isGlobal = row.account_id === null;
  return {
    integration_id: row.id,
    display_name: row.display_name,
    is_global: isGlobal,
    reason: 'needs_reauth',
    fix: isGlobal ? 'an instance admin must reconnect the global bot' : "the account must reconnect this bot on the dashboard's Bots page",
  };
}

export async function botFor(deps: Deps, consumer: Consumer, platform: string, accountParam?: string): Promise<BotView> {
  if (!deps.platforms.has(platform as never)) throw new AppError('NOT_FOUND', `unknown platform "${platform}"`);
  const accountId = consumer.kind === 'internal' ? (accountParam ?? null) : consumer.accountId;
  const candidates = [...(accountId !== null ? await botsOf(deps, accountId, platform) : []), ...(await botsOf(deps, null, platform))];
  const skipped = candidates.filter((row) => row.status === 'needs_reauth');
  const row = candidates.find((c) => c.status !== 'needs_reauth');
  if (!row) {
    if (skipped.length === 0) throw new AppError('NO_BOT', `no bot on ${platform}: connect one, or ask the instance admin for a global bot`);
    const names = skipped.map((s) => `${s.account_id === null ? 'the global bot' : 'bot'} "${s.display_name}"`).join(', ');
    throw new AppError('NO_BOT', `no usable bot on ${platform}: ${names} needs re-auth; ${skippedOf(skipped[0]!).fix}`, {
      details: { skipped: skipped.map(skippedOf) },
    });
  }
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
    skipped: skipped.map(skippedOf),
  };
}
