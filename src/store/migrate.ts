/**
 * Migrations: every file in ./migrations, applied in name order by the Kysely migrator.
 * The same migrations run on SQLite and PostgreSQL. Names are `NNN-capability.ts` (`.js` once
 * compiled into build/; a migration's name is the file name without its extension either way).
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Store } from './db.ts';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

class DirectoryMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = readdirSync(MIGRATIONS_DIR)
      .filter((f) => /^\d{3}-[a-z0-9-]+\.[tj]s$/.test(f))
      .sort();
    const out: Record<string, Migration> = {};
    for (const file of files) {
      out[file.replace(/\.[tj]s$/, '')] = (await import(pathToFileURL(join(MIGRATIONS_DIR, file)).href)) as Migration;
    }
    return out;
  }
}

function migrator(store: Store): Migrator {
  // With an explicit schema, the migrator must look for its own tables there: without it Kysely finds
  // another schema's kysely_migration_lock and skips creating its own (seen with per-test schemas).
  return new Migrator({
    db: store.db as never,
    provider: new DirectoryMigrationProvider(),
    ...(store.schema ? { migrationTableSchema: store.schema } : {}),
  });
}

/** Applies all pending migrations; throws with the failing migration's name on error. */
export async function migrateToLatest(store: Store): Promise<string[]> {
  const result: MigrationResultSet = await migrator(store).migrateToLatest();
  if (result.error) {
    const reason = (result.error as Error).message ?? String(result.error);
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    // No failing migration means none ran: the migrator could not read or lock its own tables.
    throw new Error(failed ? `migration ${failed} failed: ${reason}` : `migrations could not start on ${store.description}: ${reason}`, {
      cause: result.error,
    });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when every known migration has been applied (for /readyz). */
export async function migrationsCurrent(store: Store): Promise<boolean> {
  const all = await migrator(store).getMigrations();
  return all.every((m) => m.executedAt !== undefined);
}
