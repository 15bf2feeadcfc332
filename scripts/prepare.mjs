#!/usr/bin/env node
// npm's `prepare` hook (runs after `npm ci` / `npm install`): compiles the server into build/ and
// builds the dashboard into web/dist, so `npm ci && npm start` runs compiled JavaScript and serves
// the dashboard from a fresh clone. Without dev dependencies (no TypeScript, no Vite) each step is
// skipped with a note: `bin/bifrost` then runs the sources through tsx.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
try {
  require.resolve('typescript/package.json');
  execFileSync(process.execPath, [fileURLToPath(new URL('./build.mjs', import.meta.url))], { stdio: 'inherit' });
  execFileSync(process.execPath, [fileURLToPath(new URL('./build-packages.mjs', import.meta.url))], { stdio: 'inherit' });
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND') process.stdout.write('[bifrost] server not compiled: TypeScript is not installed (bin/bifrost runs the sources)\n');
  else throw err;
}
execFileSync(process.execPath, [fileURLToPath(new URL('../web/prepare.mjs', import.meta.url))], { stdio: 'inherit' });
