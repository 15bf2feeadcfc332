/** Per-integration settings: the Twitch verified-bot flags (`updateTwitchBotStatus`) and an account's default bot. */
import { auditIntegration } from '../audit/integration-event.ts';
import type { Deps } from '../deps.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { findIntegration, findIntegrationById } from './repository.ts';
import { integrationFor } from './access.ts';
import { accountOf, actorOf, requirePermission, type Caller } from '../access/caller.ts';
import { toIntegration, type Integration } from './model.ts';
import { requirePlatform } from './platform.ts';

export async function updateVerifiedBotStatus(
  rt: Deps,
  caller: Caller,
  id: string,
  input: { has_verified_bot_badge: boolean; is_verified_bot: boolean },
): Promise<Integration> {
  const row = await integrationFor(rt, caller, id, 'edit');
  const actor = actorOf(caller);
  const adapter = requirePlatform(rt, row.platform);
  if (!adapter.capabilities.verifiedBots) {
    throw new AppError('NOT_SUPPORTED', `${adapter.name} has no verified-bot status; this applies to Twitch integrations only`);
  }
  await rt.store.db
    .updateTable('integrations')
    .set({ has_verified_bot_badge: input.has_verified_bot_badge ? 1 : 0, is_verified_bot: input.is_verified_bot ? 1 : 0, updated_at: rt.clock.now() })
    .where('id', '=', row.id)
    .execute();
  await auditIntegration(rt, row, actor, 'integration.status_updated', { ...input });
  return toIntegration((await findIntegrationById(rt.store.db, id))!, adapter);
}

/** Makes a bot the account's default on its platform (the bot consumers post with). */
export async function setDefaultBot(rt: Deps, caller: Caller, id: string): Promise<Integration> {
  requirePermission(caller, 'bot-connections:create');
  const row = id.startsWith('int_') ? await findIntegration(rt.store.db, { accountId: accountOf(caller) }, id) : undefined;
  if (!row || row.integration_type !== 'bot') throw notFound('bot integration');
  const actor = actorOf(caller);
  await rt.store.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('integrations')
      .set({ is_default_bot: 0 })
      .where('platform', '=', row.platform)
      .where('integration_type', '=', 'bot')
      .where((eb) => (row.account_id ? eb('account_id', '=', row.account_id) : eb('account_id', 'is', null)))
      .execute();
    await trx.updateTable('integrations').set({ is_default_bot: 1, updated_at: rt.clock.now() }).where('id', '=', row.id).execute();
  });
  await auditIntegration(rt, row, actor, 'integration.status_updated', { is_default_bot: true });
  return toIntegration((await findIntegrationById(rt.store.db, id))!, requirePlatform(rt, row.platform));
}
