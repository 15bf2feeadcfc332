/** `bifrost migrate`: apply pending database migrations and exit. */
import type { Command } from 'commander';
import { commandStore, configFlags, loadConfigOrExit, type CliIo } from '../shared.ts';

export function registerMigrate(program: Command, io: CliIo): void {
  configFlags(program.command('migrate').description('apply pending database migrations')).action(async (flags: Record<string, unknown>) => {
    const config = await loadConfigOrExit(io, flags);
    // No key check and no key file here: migrations never read secrets, so an init container may
    // migrate before the keys are mounted.
    const store = await commandStore(config);
    try {
      const { migrateToLatest } = await import('../../store/migrate.ts');
      const applied = await migrateToLatest(store);
      io.out(applied.length === 0 ? `${store.description}: up to date` : `${store.description}: applied ${applied.join(', ')}`);
    } finally {
      await store.close();
    }
  });
}
