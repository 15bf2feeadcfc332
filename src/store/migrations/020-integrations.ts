/** Integrations and OAuth transactions. One channel per account and platform is a database constraint. */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('integrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('cascade'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('integration_type', 'text', (c) => c.notNull().check(sql`integration_type in ('channel', 'bot')`))
    .addColumn('bot_identifier', 'text')
    .addColumn('platform_user_id', 'text', (c) => c.notNull())
    .addColumn('platform_username', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('access_token_enc', 'text', (c) => c.notNull())
    .addColumn('refresh_token_enc', 'text')
    .addColumn('token_expires_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('status_reason', 'text')
    .addColumn('has_verified_bot_badge', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_verified_bot', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_default_bot', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('connected_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('last_refreshed_at', 'bigint')
    .addColumn('token_version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // At most one channel per account and platform, enforced by the database (the documented rule).
  await db.schema
    .createIndex('integrations_one_channel')
    .on('integrations')
    .columns(['account_id', 'platform'])
    .unique()
    .where(sql.ref('integration_type'), '=', 'channel')
    .execute();
  await db.schema
    .createIndex('integrations_bot_identifier')
    .on('integrations')
    .columns(['account_id', 'platform', 'bot_identifier'])
    .unique()
    .where(sql.ref('integration_type'), '=', 'bot')
    .execute();
  // Global bots have no account; NULLs are distinct in unique indexes, so they need their own.
  await db.schema
    .createIndex('integrations_global_bot_identifier')
    .on('integrations')
    .columns(['platform', 'bot_identifier'])
    .unique()
    .where(sql.ref('account_id'), 'is', null)
    .execute();
  await db.schema.createIndex('integrations_expiry').on('integrations').columns(['token_expires_at']).execute();

  await db.schema
    .createTable('oauth_transactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('session_hash', 'text', (c) => c.notNull())
    .addColumn('integration_type', 'text', (c) => c.notNull())
    .addColumn('bot_identifier', 'text')
    .addColumn('integration_id', 'text')
    .addColumn('is_global', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('pkce_verifier_enc', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('oauth_transactions_expiry').on('oauth_transactions').columns(['expires_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('oauth_transactions').execute();
  await db.schema.dropTable('integrations').execute();
}
