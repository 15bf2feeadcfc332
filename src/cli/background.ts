/**
 * Background work started with the server (token refresh worker, start-up notices). Each capability
 * that runs something in the background adds it here; each task stops before the database closes.
 */
import type { Runtime } from '../runtime.ts';
import type { App } from '../http/app.ts';
import type { BackgroundTask } from '../http/server.ts';

export async function backgroundTasks(_rt: Runtime, _app: App): Promise<BackgroundTask[]> {
  const tasks: BackgroundTask[] = [];
  return tasks;
}
