#!/usr/bin/env node
// `npm test`: type-check, then every test (unit, store matrix, HTTP, CLI), then the dashboard in a real browser.
import { spawnSync } from 'node:child_process';

function step(name, cmd, args) {
  process.stdout.write(`\n[bifrost] ${name}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    process.stderr.write(`\n[bifrost] ${name} failed\n`);
    process.exit(r.status ?? 1);
  }
}

step('type-check (tsc --noEmit)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
step('type-check the dashboard (web/)', 'npx', ['tsc', '--noEmit', '-p', 'web/tsconfig.json']);
step('tests (vitest)', 'npx', ['vitest', 'run', ...process.argv.slice(2)]);
step('dashboard end-to-end (Chromium)', 'node', ['test/e2e/run.mjs']);
