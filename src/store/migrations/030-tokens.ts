/** Token lifecycle: refresh lease and health columns on integrations; service keys, token servers, read stats, platform gates, events, notifications, webhooks. */
import { sql, type Kysely } from 'kysely';

const INTEGRATION_COLUMNS: [string, 'bigint' | 'text' | 'integer', boolean][] = [
  ['refresh_lease_until', 'bigint', false],
  ['refresh_lease_owner', 'text', false],
  ['refresh_epoch', 'integer', true],
  ['refresh_started_at', 'bigint', false],
  ['next_refresh_at', 'bigint', false],
  ['next_attempt_at', 'bigint', false],
  ['consecutive_failures', 'integer', true],
  ['last_refresh_attempt_at', 'bigint', false],
  ['last_refresh_result', 'text', false],
  ['last_refresh_error', 'text', false],
  ['validation_due_at', 'bigint', false],
  ['last_validated_at', 'bigint', false],
  ['last_validation_result', 'text', false],
  ['incident', 'text', false],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // SQLite adds one column per ALTER TABLE statement.
  for (const [name, type, counter] of INTEGRATION_COLUMNS) {
    await db.schema
      .alterTable('integrations')
      .addColumn(name, type, (c) => (counter ? c.notNull().defaultTo(0) : c))
      .execute();
  }
  await db.schema.createIndex('integrations_next_refresh').on('integrations').columns(['next_refresh_at']).execute();

  await db.schema
    .createTable('service_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('integration_ids', 'text')
    .addColumn('platforms', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .execute();
  await db.schema.createIndex('service_keys_account').on('service_keys').columns(['account_id', 'created_at']).execute();

  await db.schema
    .createTable('token_servers')
    .addColumn('integration_id', 'text', (c) => c.primaryKey().references('integrations.id').onDelete('cascade'))
    .addColumn('account_id', 'text')
    .addColumn('id_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .execute();

  await db.schema
    .createTable('consumer_reads')
    .addColumn('consumer', 'text', (c) => c.notNull())
    .addColumn('integration_id', 'text', (c) => c.notNull().references('integrations.id').onDelete('cascade'))
    .addColumn('account_id', 'text')
    .addColumn('read_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_read_at', 'bigint', (c) => c.notNull())
    .addColumn('last_audited_at', 'bigint')
    .addPrimaryKeyConstraint('consumer_reads_pk', ['consumer', 'integration_id'])
    .execute();
  await db.schema.createIndex('consumer_reads_integration').on('consumer_reads').columns(['integration_id']).execute();

  await db.schema
    .createTable('platform_throttle')
    .addColumn('platform', 'text', (c) => c.primaryKey())
    .addColumn('not_before', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('platform_alarms')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .addColumn('next_probe_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('platform_alarms_pk', ['platform', 'client_id'])
    .execute();

  await db.schema
    .createTable('token_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('integration_id', 'text')
    .addColumn('platform', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('token_events_time').on('token_events').columns(['created_at', 'id']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text')
    .addColumn('integration_id', 'text')
    .addColumn('platform', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notifications_account_time').on('notifications').columns(['account_id', 'created_at']).execute();

  await db.schema
    .createTable('webhooks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('secret_enc', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhooks_account').on('webhooks').columns(['account_id']).execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('webhook_id', 'text', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending', 'delivered', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('lease_until', 'bigint')
    .addColumn('lease_owner', 'text')
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('delivered_at', 'bigint')
    .execute();
  await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['state', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['webhook_deliveries', 'webhooks', 'notifications', 'token_events', 'platform_alarms', 'platform_throttle', 'consumer_reads', 'token_servers', 'service_keys']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('integrations_next_refresh').execute();
  for (const [name] of [...INTEGRATION_COLUMNS].reverse()) await db.schema.alterTable('integrations').dropColumn(name).execute();
}
