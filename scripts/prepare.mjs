#!/usr/bin/env node
// npm's `prepare` hook (runs after `npm ci` / `npm install`): compiles the server into build/ and
// builds the dashboard into web/dist, so `npm ci && npm start` runs compiled JavaScript and serves
// the dashboard from a fresh clone. Without dev dependencies (no TypeScript, no Vite) each step is
// skipped with a note; a checkout then cannot run (tsx is a dev dependency too): install without
// `--omit=dev`, or install the packed tarball (`npm pack`), which ships compiled.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// An installed package (from `npm pack`) ships compiled and holds no sources to build.
if (!existsSync(fileURLToPath(new URL('../src', import.meta.url)))) process.exit(0);

const require = createRequire(import.meta.url);
try {
  require.resolve('typescript/package.json');
  execFileSync(process.execPath, [fileURLToPath(new URL('./build.mjs', import.meta.url))], { stdio: 'inherit' });
  // The tarball `npm pack` makes carries the server only, not the bot developers' packages.
  if (process.env.npm_command !== 'pack') execFileSync(process.execPath, [fileURLToPath(new URL('./build-packages.mjs', import.meta.url))], { stdio: 'inherit' });
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND') process.stdout.write('[bifrost] server not compiled: TypeScript is not installed (install the dev dependencies, then npm run build)\n');
  else throw err;
}
execFileSync(process.execPath, [fileURLToPath(new URL('../web/prepare.mjs', import.meta.url))], { stdio: 'inherit' });
