/**
 * What every CLI command shares: config flags, loading the config (exit 2 on problems), opening the
 * runtime and the store. Everything beyond commander is imported when a command runs, not when the
 * program is built, so `bifrost --help` starts without loading the config schema, the store or the server.
 */
import type { Command } from 'commander';
import type { Config } from '../config/schema.ts';
import type { Runtime } from '../runtime.ts';
import type { Store } from '../store/db.ts';
import type { LogFormat } from '../log.ts';

import { EXIT_CONFIG } from '../errors/startup-error.ts';

/** Adds the config-source flags every command accepts. */
export function configFlags(cmd: Command): Command {
  return cmd
    .option('-c, --config <path>', 'bifrost.toml to read (env: BIFROST_CONFIG)')
    .option('--data-dir <dir>', 'data directory for SQLite and the key file (env: BIFROST_DATA_DIR)')
    .option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent (env: BIFROST_LOG_LEVEL)')
    .option('--log-format <format>', 'auto (pretty on a terminal, else JSON) | pretty | json (env: BIFROST_LOG_FORMAT)')
    .option('--wait-for-db <duration>', 'keep retrying an unreachable PostgreSQL this long at start, e.g. 30s (env: BIFROST_WAIT_FOR_DB)');
}

export interface CliIo {
  env: Readonly<Record<string, string | undefined>>;
  out: (line: string) => void;
  err: (line: string) => void;
  exit: (code: number) => never;
}

export const processIo: CliIo = {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  exit: (code) => process.exit(code),
};

/** Loads the config or prints one line per problem (never a secret's value) and exits 2. */
export async function loadConfigOrExit(io: CliIo, flags: Record<string, unknown>): Promise<Config> {
  const { loadConfig, ConfigError } = await import('../config/load.ts');
  try {
    return loadConfig({ env: io.env, flags });
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err('bifrost: the configuration is invalid:');
      for (const problem of err.problems) io.err(`  ${problem}`);
      return io.exit(EXIT_CONFIG);
    }
    throw err;
  }
}

/** One-shot commands log warnings and errors to stderr only (stdout is their answer). */
async function commandLog(config: Config) {
  const { createLogger } = await import('../log.ts');
  const level = config.log.level === 'info' ? 'warn' : config.log.level;
  return createLogger({ level, format: config.log.format as LogFormat, destination: process.stderr });
}

/** A runtime for one-shot commands (keys, admin): no key check, so `keys status` can show a missing key. */
export async function commandRuntime(config: Config): Promise<Runtime> {
  const { createRuntime } = await import('../runtime.ts');
  return createRuntime(config, { log: await commandLog(config) });
}

/** The store alone, for commands that need no keys (migrate). */
export async function commandStore(config: Config): Promise<Store> {
  const { connectStore } = await import('../store/connect.ts');
  return connectStore({
    databaseUrl: config.database.url,
    dataDir: config.data_dir,
    poolSize: 2,
    waitMs: config.database.wait,
    log: await commandLog(config),
  });
}
