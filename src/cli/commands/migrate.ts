/** `bifrost migrate`: apply pending database migrations and exit. */
import type { Command } from 'commander';
import { configFlags, loadConfigOrExit, type CliIo } from '../shared.ts';
import { openStore } from '../../store/db.ts';
import { migrateToLatest } from '../../store/migrate.ts';

export function registerMigrate(program: Command, io: CliIo): void {
  configFlags(program.command('migrate').description('apply pending database migrations')).action(async (flags: Record<string, unknown>) => {
    const config = loadConfigOrExit(io, flags);
    const store = openStore({ databaseUrl: config.database.url, dataDir: config.data_dir, poolSize: 2 });
    try {
      const applied = await migrateToLatest(store);
      io.out(applied.length === 0 ? `${store.description}: up to date` : `${store.description}: applied ${applied.join(', ')}`);
    } finally {
      await store.close();
    }
  });
}
