/**
 * A Bifrost process for the multi-process suites, pointed at a fake platform in the test runner: the
 * HTTP API and refresh worker until SIGTERM (like `bifrost serve`). The crash suite's child is
 * crash-entry.ts.
 */
import { startServer } from '../../src/http/server.ts';
import { backgroundTasks } from '../../src/cli/background.ts';
import { childRuntime } from './child-runtime.ts';

const rt = await childRuntime();
const server = await startServer(rt, { background: (app) => backgroundTasks(rt, app) });
process.stdout.write(`READY ${server.url}\n`);
