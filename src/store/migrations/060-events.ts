/**
 * The live-event log and what keeps its connections running: `events` (one row per platform message,
 * unique on account, source and the platform's id; `seq` per account from `event_sequences`, bumped in
 * the inserting transaction so it has no gaps), `connection_leases` (one owner per live connection,
 * generic by key), `connector_states` (what each connection is doing) and `connector_cursors`
 * (small state a connector keeps across restarts).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('event_sequences')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('integration_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .addUniqueConstraint('events_source_unique', ['account_id', 'source', 'source_id'])
    .addUniqueConstraint('events_account_seq', ['account_id', 'seq'])
    .execute();
  await db.schema.createIndex('events_received').on('events').columns(['received_at']).execute();

  await db.schema
    .createTable('connection_leases')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('connector_states')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('integration', 'streamelements')`))
    .addColumn('integration_id', 'text')
    .addColumn('streamelements_token_id', 'text')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('connected', 'connecting', 'error', 'off')`))
    .addColumn('reason', 'text')
    .addColumn('owner', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('connector_states_account').on('connector_states').columns(['account_id']).execute();

  await db.schema
    .createTable('connector_cursors')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['connector_cursors', 'connector_states', 'connection_leases', 'events', 'event_sequences']) await db.schema.dropTable(table).execute();
}
