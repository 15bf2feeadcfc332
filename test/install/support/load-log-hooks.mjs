// The loader hook of load-log.mjs: appends each ES module's URL to BIFROST_LOAD_LOG as it loads.
import { appendFileSync } from 'node:fs';

export async function load(url, context, next) {
  appendFileSync(process.env.BIFROST_LOAD_LOG, `${url}\n`);
  return next(url, context);
}
