/**
 * Chat window limits keep the number of their slot rows in the limit row, so taking a slot is one
 * guarded increment instead of counting the window's rows (a lifted or verified-bot limit keeps tens
 * of thousands of them). Numbered after every migration already applied anywhere: the migrator
 * refuses a new migration that sorts before one a database has run.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('chat_limits')
    .addColumn('slots', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Rows taken before this migration count from the start.
  await sql`update chat_limits set slots = (select count(*) from chat_slots where chat_slots.key = chat_limits.key)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('chat_limits').dropColumn('slots').execute();
}
