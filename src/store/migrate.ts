/**
 * Migrations: every file in ./migrations, applied in name order by the Kysely migrator.
 * The same migrations run on SQLite and PostgreSQL. Names are `NNN-capability.ts` (`.js` once
 * compiled into build/; a migration's name is the file name without its extension either way).
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, sql, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Store } from './db.ts';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

function migrationFiles(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}-[a-z0-9-]+\.[tj]s$/.test(f))
    .sort();
}

const migrationName = (file: string): string => file.replace(/\.[tj]s$/, '');

class DirectoryMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = migrationFiles();
    const out: Record<string, Migration> = {};
    for (const file of files) {
      out[migrationName(file)] = (await import(pathToFileURL(join(MIGRATIONS_DIR, file)).href)) as Migration;
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

/**
 * Whether the applied migrations are exactly the known ones, read from the migrator's table without
 * loading a migration or taking the lock (what every start of an up-to-date database needs to know).
 * False also when the table is missing or unreadable: the migrator then decides, and says why.
 */
async function exactlyCurrent(store: Store): Promise<boolean> {
  const table = sql.table(store.schema ? `${store.schema}.kysely_migration` : 'kysely_migration');
  try {
    const { rows } = await sql<{ name: string }>`select name from ${table}`.execute(store.db);
    const applied = new Set(rows.map((r) => r.name));
    const known = migrationFiles().map(migrationName);
    return applied.size === known.length && known.every((name) => applied.has(name));
  } catch {
    return false;
  }
}

/** Applies all pending migrations; throws with the failing migration's name on error. */
export async function migrateToLatest(store: Store): Promise<string[]> {
  if (await exactlyCurrent(store)) return [];
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
  if (await exactlyCurrent(store)) return true;
  const all = await migrator(store).getMigrations();
  return all.every((m) => m.executedAt !== undefined);
}
