/** `bifrost admin …`: instance administration from the command line (e.g. create the first user). */
import type { Command } from 'commander';
import { configFlags, loadConfigOrExit, commandRuntime, type CliIo } from '../shared.ts';
import { isAppError } from '../../errors/app-error.ts';

/** Reads a line with echo off from a terminal (the password is never shown nor put in argv). */
async function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003' || ch === '\u0004') return done(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** The first line of stdin (for scripts: `printf '%s\n' "$PW" | bifrost admin create …`). */
async function readStdinLine(): Promise<string> {
  let data = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) {
    data += chunk as string;
    if (data.includes('\n')) break;
  }
  return data.split(/\r?\n/)[0] ?? '';
}

async function readPassword(io: CliIo): Promise<string> {
  if (!process.stdin.isTTY) return readStdinLine();
  const first = await promptHidden('Password (8–128 characters): ');
  const second = await promptHidden('Repeat the password: ');
  if (first !== second) {
    io.err('bifrost: the passwords do not match');
    return io.exit(1);
  }
  return first;
}

export function registerAdmin(program: Command, io: CliIo): void {
  const admin = program.command('admin').description('instance administration');

  configFlags(
    admin
      .command('create')
      .description('create an instance admin with their own account; the password is read from a prompt or from stdin, never from the command line'),
  )
    .requiredOption('--username <name>', 'username: 3–32 letters, digits, _ . or -')
    .option('--account-name <name>', "name of the admin's account (default: \"<username>'s account\")")
    .action(async (flags: Record<string, unknown>) => {
      const config = await loadConfigOrExit(io, flags);
      const password = await readPassword(io);
      const rt = await commandRuntime(config);
      try {
        const { createInstanceAdmin } = await import('../../accounts/setup.ts');
        const created = await createInstanceAdmin(rt, {
          username: String(flags.username),
          password,
          accountName: typeof flags.accountName === 'string' ? flags.accountName : undefined,
        });
        io.out(`created instance admin "${created.user.username}" (${created.user.id}), owner of "${created.account.name}" (${created.account.id})`);
        io.out(`sign in at ${config.server.public_url}/dashboard`);
      } catch (err) {
        if (!isAppError(err)) throw err;
        io.err(`bifrost: ${err.message}`);
        return io.exit(1);
      } finally {
        await rt.close();
      }
    });
}
