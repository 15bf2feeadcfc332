#!/usr/bin/env node
// npm's `prepare` hook (runs after `npm ci` / `npm install`): builds the dashboard so that
// `npm ci && npm start` serves it from a fresh clone. A production install without dev
// dependencies (no Vite) skips the build with a note instead of failing the install.
import { fileURLToPath } from 'node:url';

let build;
try {
  ({ build } = await import('vite'));
} catch {
  process.stdout.write('[bifrost] dashboard not built: Vite is not installed (install dev dependencies and run npm run build:web)\n');
  process.exit(0);
}

await build({ configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)), logLevel: 'warn' });
process.stdout.write('[bifrost] dashboard built into web/dist\n');
