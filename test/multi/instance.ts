/**
 * A Bifrost process for the multi-process suites, pointed at a fake platform in the test runner.
 * MULTI_MODE=serve: HTTP API and refresh worker until SIGTERM (like `bifrost serve`).
 * MULTI_MODE=refresh: one refresh of MULTI_INTEGRATION, then exit (crash tests set BIFROST_FAILPOINT).
 * Configuration comes from the usual environment variables; the store from MULTI_* below.
 */
import { loadConfig } from '../../src/config/load.ts';
import { createRuntime } from '../../src/runtime.ts';
import { openStore } from '../../src/store/db.ts';
import { startServer } from '../../src/http/server.ts';
import { backgroundTasks } from '../../src/cli/background.ts';
import { refreshIntegration } from '../../src/refresh/refresh.ts';

const env = process.env;
const config = loadConfig({ env });
const store = openStore({
  databaseUrl: env.MULTI_DATABASE_URL,
  dataDir: config.data_dir,
  poolSize: Number(env.MULTI_POOL_SIZE ?? 10),
  ...(env.MULTI_PG_SCHEMA ? { pgSchema: env.MULTI_PG_SCHEMA } : {}),
});
const rt = await createRuntime(config, { store, platformBaseUrls: { twitch: JSON.parse(env.MULTI_TWITCH_BASE_URLS ?? '{}') as Record<string, string> } });

if (env.MULTI_MODE === 'refresh') {
  try {
    const row = await refreshIntegration(rt, env.MULTI_INTEGRATION!, { trigger: 'manual' });
    process.stdout.write(`DONE ${row.token_version}\n`);
  } catch (err) {
    process.stdout.write(`FAILED ${(err as { code?: string }).code ?? 'unknown'}\n`);
  }
  await rt.close();
  process.exit(0);
} else {
  const server = await startServer(rt, { background: (app) => backgroundTasks(rt, app) });
  process.stdout.write(`READY ${server.url}\n`);
}
