/**
 * Listens and shuts down gracefully: on SIGTERM or SIGINT, in-flight requests finish, background
 * work stops, then the database closes.
 */
import closeWithGrace from 'close-with-grace';
import type { Runtime } from '../runtime.ts';
import { buildApp, type App } from './app.ts';

export interface Server {
  app: App;
  url: string;
  close(): Promise<void>;
}

/** Hooks other capabilities run at start (worker, sandbox notices) and stop before the database closes. */
export interface BackgroundTask {
  name: string;
  stop(): Promise<void>;
}

export async function startServer(rt: Runtime, options: { background?: (app: App) => Promise<BackgroundTask[]> } = {}): Promise<Server> {
  const app = await buildApp(rt);
  const { host, port } = rt.config.server;
  const address = await app.listen({ host, port });
  const tasks = options.background ? await options.background(app) : [];
  rt.log.info({ address, public_url: rt.config.server.public_url, store: rt.store.description }, 'Bifrost is listening');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      for (const task of tasks) await task.stop().catch((err) => rt.log.error({ err, task: task.name }, 'background task failed to stop'));
      await app.close();
      await rt.close();
    })();
    return closing;
  };

  closeWithGrace({ delay: 10_000, logger: { error: (m: unknown) => rt.log.error(m as object) } }, async ({ signal, err }) => {
    if (err) rt.log.error({ err }, 'shutting down after an uncaught error');
    else rt.log.info({ signal }, 'shutting down');
    await close();
  });
  return { app, url: address, close };
}
