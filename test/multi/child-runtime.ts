/**
 * The runtime of a child process of the multi-process suites: configuration from the usual
 * environment variables — the fake's URLs too, as TWITCH_INTEGRATION_ENDPOINTS, the key a staging
 * setup would use — and the store from MULTI_DATABASE_URL / MULTI_PG_SCHEMA / MULTI_POOL_SIZE.
 */
import { loadConfig } from '../../src/config/load.ts';
import { createRuntime, type Runtime, type ServiceSeams } from '../../src/runtime.ts';
import { openStore } from '../../src/store/db.ts';

export async function childRuntime(seams?: ServiceSeams): Promise<Runtime> {
  const env = process.env;
  const config = loadConfig({ env });
  const store = openStore({
    databaseUrl: env.MULTI_DATABASE_URL,
    dataDir: config.data_dir,
    poolSize: Number(env.MULTI_POOL_SIZE ?? 10),
    ...(env.MULTI_PG_SCHEMA ? { pgSchema: env.MULTI_PG_SCHEMA } : {}),
  });
  return createRuntime(config, { store, ...(seams ? { seams } : {}) });
}
