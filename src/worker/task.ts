/** Starts the token refresh worker as a background task of `bifrost serve` (unless --no-worker). */
import type { Runtime } from '../runtime.ts';
import type { BackgroundTask } from '../http/server.ts';
import { startWorkerLoop } from './worker.ts';
import { armFailpointLogging } from '../tokens/failpoint-notice.ts';

export async function startWorkerTask(rt: Runtime): Promise<BackgroundTask | undefined> {
  armFailpointLogging(rt);
  const loop = await startWorkerLoop(rt);
  return { name: 'token refresh worker', stop: () => loop.stop() };
}
