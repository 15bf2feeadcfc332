/** Data access for integrations: every query is scoped by account (null = instance-wide global bots). */
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { IntegrationRow } from './model.ts';

/** Which integrations a caller may see: one account's, or the instance's global bots. */
export type Owner = { accountId: string } | { global: true };

function owned(owner: Owner) {
  return (eb: ExpressionBuilder<Database, 'integrations'>) =>
    'global' in owner ? eb('account_id', 'is', null) : eb('account_id', '=', owner.accountId);
}

export async function findIntegration(db: Kysely<Database>, owner: Owner, id: string): Promise<IntegrationRow | undefined> {
  return db.selectFrom('integrations').selectAll().where('id', '=', id).where(owned(owner)).executeTakeFirst();
}

export async function findIntegrationById(db: Kysely<Database>, id: string): Promise<IntegrationRow | undefined> {
  return db.selectFrom('integrations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listIntegrations(db: Kysely<Database>, owner: Owner, platform?: string): Promise<IntegrationRow[]> {
  let query = db.selectFrom('integrations').selectAll().where(owned(owner));
  if (platform) query = query.where('platform', '=', platform);
  return query.orderBy('platform').orderBy('integration_type').orderBy('bot_identifier').orderBy('id').execute();
}

export async function findChannel(db: Kysely<Database>, accountId: string, platform: string): Promise<IntegrationRow | undefined> {
  return db
    .selectFrom('integrations')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('platform', '=', platform)
    .where('integration_type', '=', 'channel')
    .executeTakeFirst();
}

export async function findBot(db: Kysely<Database>, owner: Owner, platform: string, botIdentifier: string): Promise<IntegrationRow | undefined> {
  return db
    .selectFrom('integrations')
    .selectAll()
    .where(owned(owner))
    .where('platform', '=', platform)
    .where('integration_type', '=', 'bot')
    .where('bot_identifier', '=', botIdentifier)
    .executeTakeFirst();
}

/** True when an insert failed on a unique constraint (SQLite and PostgreSQL spell it differently). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(String(e?.message));
}
