/**
 * Background work started with the server: the token refresh worker and the live event connections
 * (unless --no-worker; the connections also unless `[events] enabled = false`) and
 * start-up notices. Each task stops before the database closes.
 */
import type { Runtime } from '../runtime.ts';
import type { App } from '../http/app.ts';
import type { BackgroundTask } from '../http/server.ts';
import { startWorkerLoop } from '../worker/loop.ts';

export async function backgroundTasks(rt: Runtime, _app: App): Promise<BackgroundTask[]> {
  const tasks: BackgroundTask[] = [];
  if (rt.config.sandbox) {
    rt.log.warn(
      { sandbox_url: `${rt.config.server.public_url}/sandbox` },
      'SANDBOX MODE: platforms are played by local fakes under /sandbox; no real Twitch, YouTube, Kick or Trovo account is used',
    );
  }
  if (rt.config.worker) {
    const worker = await startWorkerLoop(rt);
    tasks.push({ name: 'token refresh worker', stop: () => worker.stop() });
    if (rt.config.events.enabled) {
      rt.events.supervisor.start();
      tasks.push({ name: 'live event connections', stop: () => rt.events.supervisor.stop() });
    }
  }
  return tasks;
}
