/** `bifrost worker`: run only the token refresh worker (no HTTP server), e.g. beside `serve --no-worker` instances. */
import type { Command } from 'commander';
import closeWithGrace from 'close-with-grace';
import { configFlags, loadConfigOrExit, type CliIo } from '../shared.ts';
import { boundHeapGrowth } from '../heap.ts';

export function registerWorker(program: Command, io: CliIo): void {
  configFlags(program.command('worker').description('run only the token refresh worker: refreshes, validations, webhook deliveries (migrates the database first)')).action(
    async (flags: Record<string, unknown>) => {
      const config = await loadConfigOrExit(io, { ...flags, worker: undefined });
      boundHeapGrowth();
      const [{ createRuntime }, { startWorkerLoop }, { startMetricsListener }] = await Promise.all([import('../../runtime.ts'), import('../../worker/loop.ts'), import('../../http/metrics-listener.ts')]);
      const rt = await createRuntime(config, { verifyKeys: true });
      const worker = await startWorkerLoop(rt);
      if (rt.config.events.enabled) rt.events.supervisor.start();
      const metricsListener = await startMetricsListener(rt);
      // The worker's timers do not hold the process open (they also run inside `serve`); this does.
      const keepAlive = setInterval(() => {}, 60_000);
      closeWithGrace({ delay: 20_000, logger: { error: (m: unknown) => rt.log.error(m as object) } }, async ({ signal, err }) => {
        if (err) rt.log.error({ err }, 'worker shutting down after an uncaught error');
        else rt.log.info({ signal }, 'worker shutting down');
        clearInterval(keepAlive);
        await worker.stop();
        await rt.events.supervisor.stop();
        await metricsListener?.close();
        await rt.close();
      });
    },
  );
}
