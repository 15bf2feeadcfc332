/** `bifrost backup <file>` and `bifrost restore <file>`: the SQLite database and its key file in one archive. */
import type { Command } from 'commander';
import { configFlags, loadConfigOrExit, type CliIo } from '../shared.ts';
import { VERSION } from '../../version.ts';

export function registerBackup(program: Command, io: CliIo): void {
  configFlags(
    program
      .command('backup')
      .description('write a consistent online backup of the SQLite database plus the key file into one tar.gz (the server may keep running)')
      .argument('<file>', 'archive to write, e.g. bifrost-2026-01-31.tar.gz (created 0600: it holds the keys)'),
  ).action(async (file: string, flags: Record<string, unknown>) => {
    const config = await loadConfigOrExit(io, flags);
    if (config.database.url) {
      io.err('bifrost: this instance uses PostgreSQL; back it up with pg_dump (e.g. `pg_dump --format=custom "$DATABASE_URL" > bifrost.dump`)');
      io.err('  and keep the encryption keys with it (BIFROST_ENCRYPTION_KEYS, or keys.json in the data dir): the dump is unreadable without them.');
      return io.exit(1);
    }
    const [{ backupDataDir, BackupError }, { SingleBar, Presets }] = await Promise.all([import('../../store/backup.ts'), import('cli-progress')]);
    // A bar only for a person watching; in a cron job or a pipe the result line is enough.
    const bar = process.stderr.isTTY ? new SingleBar({ format: ' backup [{bar}] {percentage}% | {value}/{total} pages', stream: process.stderr }, Presets.shades_classic) : undefined;
    let started = false;
    let total = 0;
    try {
      const result = await backupDataDir({
        dataDir: config.data_dir,
        file,
        version: VERSION,
        onProgress: ({ totalPages, remainingPages }) => {
          if (!bar) return;
          if (!started) {
            bar.start(totalPages, 0);
            started = true;
          }
          total = totalPages;
          bar.setTotal(totalPages);
          bar.update(totalPages - remainingPages);
        },
      });
      // SQLite reports before each step, so the last report is one step short of done.
      if (started) {
        bar?.update(total);
        bar?.stop();
      }
      io.out(`wrote ${result.file} (${result.bytes} bytes): the database${result.keyFile ? ' and keys.json' : ''}`);
      if (!result.keyFile) {
        io.err(
          config.encryption.keys.length > 0
            ? 'bifrost: the keys come from configuration (BIFROST_ENCRYPTION_KEYS), not a key file: keep them with this backup, it is unreadable without them'
            : `bifrost: ${config.data_dir} holds no keys.json yet (Bifrost creates it on first start), so the backup holds the database only`,
        );
      }
    } catch (err) {
      if (started) bar?.stop();
      if (!(err instanceof BackupError)) throw err;
      io.err(`bifrost: backup failed: ${err.message}`);
      return io.exit(1);
    }
  });

  configFlags(
    program
      .command('restore')
      .description('restore a `bifrost backup` archive into the data dir (stop Bifrost first)')
      .argument('<file>', 'archive written by `bifrost backup`')
      .option('--force', 'replace the database and key file of a data dir that is not empty'),
  ).action(async (file: string, flags: Record<string, unknown>) => {
    const config = await loadConfigOrExit(io, flags);
    if (config.database.url) {
      io.err('bifrost: this instance uses PostgreSQL; restore it with pg_restore (or psql for a plain dump), and put its encryption keys back in place');
      return io.exit(1);
    }
    const { restoreDataDir, BackupError } = await import('../../store/backup.ts');
    try {
      const result = await restoreDataDir({ dataDir: config.data_dir, file, force: flags.force === true });
      io.out(`restored the backup of ${result.manifest.created_at} (Bifrost ${result.manifest.bifrost_version}) into ${config.data_dir}`);
      if (!result.keyFile) io.err('bifrost: the backup holds no key file: give the keys it was made with in BIFROST_ENCRYPTION_KEYS, or its secrets will not decrypt');
    } catch (err) {
      if (!(err instanceof BackupError)) throw err;
      io.err(`bifrost: restore failed: ${err.message}`);
      return io.exit(1);
    }
  });
}
