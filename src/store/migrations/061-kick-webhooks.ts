/**
 * Kick webhook subscriptions (one row per subscription Kick gave us: which integration, account and
 * event type it delivers) and the StreamElements token status the tip connector reports.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('kick_webhook_subscriptions')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('integration_id', 'text', (c) => c.notNull().references('integrations.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('broadcaster_user_id', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // Kick's subscriptions belong to the app and the channel: two accounts connecting one channel share them.
    .addPrimaryKeyConstraint('kick_webhook_subscriptions_pk', ['id', 'integration_id'])
    .execute();
  await db.schema.createIndex('kick_webhook_subscriptions_integration').on('kick_webhook_subscriptions').columns(['integration_id', 'event']).execute();

  await db.schema
    .alterTable('streamelements_tokens')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('ok').check(sql`status in ('ok', 'failing')`))
    .execute();
  await db.schema.alterTable('streamelements_tokens').addColumn('status_reason', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('streamelements_tokens').dropColumn('status_reason').execute();
  await db.schema.alterTable('streamelements_tokens').dropColumn('status').execute();
  await db.schema.dropTable('kick_webhook_subscriptions').execute();
}
