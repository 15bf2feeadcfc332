/**
 * A Bifrost process for the live-events multi-process suite: like instance.ts, but every live
 * connection runs a connector that long-polls the test runner's event source (MULTI_EVENT_SOURCE)
 * for its connection and emits what it gets, so the runner sees which process owns which connection.
 */
import { startServer } from '../../src/http/server.ts';
import { backgroundTasks } from '../../src/cli/background.ts';
import type { IncomingEvent } from '../../src/platforms/event-types.ts';
import { childRuntime } from './child-runtime.ts';

const source = process.env.MULTI_EVENT_SOURCE!;
const rt = await childRuntime({
  connectorFor: (info) => ({
    async run(ctx) {
      ctx.setState({ state: 'connected' });
      while (!ctx.signal.aborted) {
        const res = await fetch(`${source}/poll?key=${encodeURIComponent(info.key)}&pid=${process.pid}`, { signal: ctx.signal });
        const events = (await res.json()) as IncomingEvent[];
        if (events.length > 0) await ctx.emit(`${info.platform}.multi`, events);
      }
    },
  }),
});
const server = await startServer(rt, { background: (app) => backgroundTasks(rt, app) });
process.stdout.write(`READY ${server.url}\n`);
