#!/usr/bin/env node
// Builds the bot developers' packages (packages/client, then packages/twurple, which imports it) to
// dist/ as ESM with type declarations, using each package's tsconfig.json. `npm ci` runs it through
// scripts/prepare.mjs; `npm run build -w @bifrost/client` runs it by hand. Workspaces resolve
// @bifrost/client to its dist/, so the client is built first.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');

for (const name of ['client', 'twurple']) {
  const dir = join(root, 'packages', name);
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  try {
    execFileSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { stdio: 'inherit' });
  } catch {
    // tsc printed the errors above; a stack of this script would only bury them.
    process.stderr.write(`[bifrost] packages/${name} did not compile\n`);
    process.exit(1);
  }
  process.stdout.write(`[bifrost] built packages/${name} into packages/${name}/dist\n`);
}
