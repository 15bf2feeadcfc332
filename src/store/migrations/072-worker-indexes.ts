/**
 * Indexes for the worker's per-tick queries at 100,000 integrations (bench:scale). Every tick claims
 * due refreshes per platform (next_refresh_at or token_expires_at in range), due validations per
 * platform (validation_due_at, null meaning never), and looks for healed incidents. Without these, the refresh claim walked
 * every row of the platform in expiry order when nothing was due (the common case), and the incident
 * query read the whole table.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('integrations_platform_next_refresh').on('integrations').columns(['platform', 'next_refresh_at']).execute();
  await db.schema.createIndex('integrations_platform_expiry').on('integrations').columns(['platform', 'token_expires_at']).execute();
  // The validation claim's "due" test, coalesce(validation_due_at, 0) <= now (never validated is due), as one range.
  await sql`create index integrations_platform_validation on integrations (platform, (coalesce(validation_due_at, 0)))`.execute(db);
  // Partial: only rows that carry an incident, a handful at any time.
  await db.schema.createIndex('integrations_incident').on('integrations').column('incident').where(sql.ref('incident'), 'is not', null).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ['integrations_incident', 'integrations_platform_validation', 'integrations_platform_expiry', 'integrations_platform_next_refresh']) {
    await db.schema.dropIndex(name).execute();
  }
}
