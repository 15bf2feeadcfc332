/**
 * The Bifrost side of `npm run bench:scale`, alone in its process: the full app (dashboard, GraphQL,
 * REST, token API) and the refresh worker, over the store bench/scale.ts seeded with 100,000
 * integrations. Prints READY once it listens; GET of its RSS comes from /proc, outside.
 */
import { buildApp } from '../src/http/app.ts';
import { createWorker } from '../src/worker/worker.ts';
import { scaleRuntime, type ScaleStore } from './lib/scale-runtime.ts';

const where = JSON.parse(process.env.BENCH_SCALE_STORE!) as ScaleStore;
const rt = await scaleRuntime(where, {
  keySpec: process.env.BENCH_KEY!,
  fakeUrl: process.env.BENCH_FAKE_URL!,
  concurrency: Number(process.env.BENCH_CONCURRENCY ?? 8),
  worker: true,
  level: process.env.BENCH_LOG_LEVEL ?? 'info',
});
const app = await buildApp(rt);
const address = await app.listen({ host: '127.0.0.1', port: 0 });
// The worker's timer loop as `serve` runs it, minus the revalidation of Twitch tokens at start.
const worker = createWorker(rt);
const timer = setInterval(() => void worker.tick(), rt.config.tokens.worker_interval);

process.stdout.write(`READY ${JSON.stringify({ address, store: rt.store.description })}\n`);

process.on('SIGTERM', () => void (clearInterval(timer), worker.stop()).then(() => app.close()).then(() => rt.close()).then(() => process.exit(0)));
