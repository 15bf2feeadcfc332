/** `bifrost serve`: migrate, then serve the API and dashboard until SIGTERM/SIGINT. */
import type { Command } from 'commander';
import { configFlags, loadConfigOrExit, type CliIo } from '../shared.ts';
import { boundHeapGrowth } from '../heap.ts';

export function registerServe(program: Command, io: CliIo): void {
  configFlags(program.command('serve').description('run the Bifrost server (migrates the database first)'))
    .option('--host <host>', 'address to listen on (env: BIFROST_HOST, default 127.0.0.1)')
    .option('--port <port>', 'port to listen on (env: BIFROST_PORT, default 8080)')
    .option('--public-url <url>', 'public base URL for OAuth redirects (env: SERVER_PUBLIC_URL)')
    .option('--sandbox', 'serve local fake platforms under /sandbox and use them (env: BIFROST_SANDBOX=1)')
    .option('--no-worker', 'do not run the token refresh worker in this process (env: BIFROST_WORKER=0)')
    .action(async (flags: Record<string, unknown>) => {
      const config = await loadConfigOrExit(io, flags);
      boundHeapGrowth();
      const [{ createRuntime }, { startServer }, { backgroundTasks }] = await Promise.all([import('../../runtime.ts'), import('../../http/server.ts'), import('../background.ts')]);
      const rt = await createRuntime(config, { verifyKeys: true });
      await startServer(rt, { background: (app) => backgroundTasks(rt, app) });
    });
}
