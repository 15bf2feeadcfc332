/**
 * The worker as a background task of `bifrost serve` (unless --no-worker) and of `bifrost worker`:
 * tokens of platforms that require it are validated again at start, then a pass runs every
 * tokens.worker_interval until stopped.
 */
import { createWorker, validatingPlatforms, type WorkerDeps } from './worker.ts';
import { validateOnStart } from './claims.ts';

/** Runs the worker on a timer until stopped (the background task of `serve` and `bifrost worker`). */
export async function startWorkerLoop(deps: WorkerDeps): Promise<{ stop(): Promise<void> }> {
  const worker = createWorker(deps);
  await validateOnStart(deps, validatingPlatforms(deps));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopping = false;
  const loop = async (): Promise<void> => {
    await worker.tick();
    if (!stopping) {
      timer = setTimeout(() => void loop(), deps.config.tokens.worker_interval);
      timer.unref?.();
    }
  };
  void loop();
  deps.log.info({ interval_ms: deps.config.tokens.worker_interval, concurrency: deps.config.tokens.worker_concurrency }, 'token refresh worker started');
  return {
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await worker.stop();
      deps.log.info('token refresh worker stopped');
    },
  };
}
