// Preloaded with `node --import` by test/install/pack.test.ts: records every module the process
// loads into the file named by BIFROST_LOAD_LOG, one URL a line: ES modules as they load (a loader
// hook), CommonJS modules from require's cache at exit (Node 20's hooks do not see nested require()).
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

const log = process.env.BIFROST_LOAD_LOG;
if (log) {
  register(new URL('./load-log-hooks.mjs', import.meta.url));
  const require = createRequire(import.meta.url);
  process.on('exit', () => {
    const files = Object.keys(require.cache).map((f) => pathToFileURL(f).href);
    appendFileSync(log, files.map((f) => `${f}\n`).join(''));
  });
}
