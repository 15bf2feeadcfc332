/**
 * Live tool connections: one state row per tool (who holds it, its state and program version, shown on
 * every instance; the lease itself is `connection_leases` key `tool:<id>`) and the requests one
 * instance forwards to the instance that holds a tool's connection.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Streamer.bot events the tool's link subscribes to ("Source.Type", JSON array); null: the default set.
  await db.schema.alterTable('tools').addColumn('event_subscriptions', 'text').execute();
  await db.schema
    .createTable('tool_states')
    .addColumn('tool_id', 'text', (c) => c.primaryKey().references('tools.id').onDelete('cascade'))
    .addColumn('owner', 'text')
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('connected', 'connecting', 'auth_failed', 'unreachable', 'disabled')`))
    .addColumn('reason', 'text')
    .addColumn('version', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tool_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tool_id', 'text', (c) => c.notNull().references('tools.id').onDelete('cascade'))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'done')`))
    .addColumn('answer', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tool_requests_pending').on('tool_requests').columns(['tool_id', 'status', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('tool_requests').execute();
  await db.schema.dropTable('tool_states').execute();
  await db.schema.alterTable('tools').dropColumn('event_subscriptions').execute();
}
