/** Chat and moderation: shared limits (buckets, slots, platform blocks), YouTube ban ids, the chat log; service keys may carry acting permissions. */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('chat_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('blocked_until', 'bigint')
    .addColumn('units_used', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('period', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('chat_slots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('chat_slots_key_at').on('chat_slots').columns(['key', 'at']).execute();

  await db.schema
    .createTable('chat_bans')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull().references('integrations.id').onDelete('cascade'))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('ban_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('chat_bans_pk', ['platform', 'channel_id', 'target'])
    .execute();

  await db.schema
    .createTable('chat_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('sent', 'deleted', 'banned', 'timed_out', 'unbanned')`))
    .addColumn('sender_integration_id', 'text', (c) => c.notNull())
    .addColumn('sender_username', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('text', 'text')
    .addColumn('message_id', 'text')
    .addColumn('duration_s', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('chat_log_account').on('chat_log').columns(['account_id', 'created_at']).execute();

  // JSON array of acting permissions (chat:send, moderation:manage); null = none (token reads only).
  await db.schema.alterTable('service_keys').addColumn('permissions', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('service_keys').dropColumn('permissions').execute();
  for (const table of ['chat_log', 'chat_bans', 'chat_slots', 'chat_limits']) await db.schema.dropTable(table).execute();
}
