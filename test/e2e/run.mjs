#!/usr/bin/env node
// `npm run test:e2e` (and the last step of `npm test`): build the dashboard, then run the browser
// suite in real Chromium. Without /usr/bin/chromium it fails on CI and is skipped elsewhere.
import { existsSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const chromium = process.env.BIFROST_E2E_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  if (process.env.CI) {
    process.stderr.write(`[bifrost] ${chromium} not found: CI must run the browser tests (apt-get install chromium; .ci/run does)\n`);
    process.exit(1);
  }
  process.stdout.write(`[bifrost] browser tests skipped: ${chromium} not found\n`);
  process.exit(0);
}

function run(name, cmd, args) {
  process.stdout.write(`[bifrost] ${name}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// Screenshots of this run only: a stale picture from an earlier run would mislead.
rmSync(new URL('../../test-artifacts/e2e/', import.meta.url), { recursive: true, force: true });

// Always rebuild: the suite must test the dashboard as it is in this checkout, not a stale build.
run('building the dashboard', 'npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
run('browser tests (Chromium)', 'npx', ['vitest', 'run', '--config', 'test/e2e/vitest.config.ts', ...process.argv.slice(2)]);
