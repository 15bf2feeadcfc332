/** The `bifrost` command line: serve, migrate, config check, keys …; each command has --help. */
import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.ts';
import { processIo, type CliIo } from './shared.ts';
import { registerServe } from './commands/serve.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerConfig } from './commands/config.ts';
import { registerKeys } from './commands/keys.ts';
import { registerAdmin } from './commands/admin.ts';
import { registerWorker } from './commands/worker.ts';
import { registerStatus } from './commands/status.ts';
import { registerBackup } from './commands/backup.ts';
import { StartupError } from '../errors/startup-error.ts';

export function buildProgram(io: CliIo = processIo): Command {
  const program = new Command('bifrost')
    .description('Bifrost: a self-hosted connections hub for live streaming')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();
  registerServe(program, io);
  registerMigrate(program, io);
  registerConfig(program, io);
  registerKeys(program, io);
  registerAdmin(program, io);
  registerWorker(program, io);
  registerStatus(program, io);
  registerBackup(program, io);
  return program;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<void> {
  try {
    await buildProgram(io).parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; usage mistakes exit 2 like config mistakes.
      io.exit(err.exitCode === 0 ? 0 : 2);
    }
    io.err(`bifrost: ${(err as Error).message}`);
    // Lost keys exit 2 like configuration mistakes; an unreachable database 3 (see the README's exit codes).
    io.exit(err instanceof StartupError ? err.exitCode : 1);
  }
}
