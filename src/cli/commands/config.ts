/** `bifrost config check`: validate the configuration and print the effective values, secrets masked. */
import type { Command } from 'commander';
import { configFlags, loadConfigOrExit, type CliIo } from '../shared.ts';

export function registerConfig(program: Command, io: CliIo): void {
  const config = program.command('config').description('inspect the configuration');
  configFlags(config.command('check').description('validate the configuration and print it with secrets masked'))
    .option('--host <host>', 'address to listen on')
    .option('--port <port>', 'port to listen on')
    .option('--public-url <url>', 'public base URL')
    .action(async (flags: Record<string, unknown>) => {
      const effective = await loadConfigOrExit(io, flags);
      const { maskedConfig } = await import('../../config/load.ts');
      io.out(JSON.stringify(maskedConfig(effective), null, 2));
    });
}
