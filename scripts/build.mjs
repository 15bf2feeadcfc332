#!/usr/bin/env node
// `npm run build`: compiles the server (src/ → build/, tests and test helpers left out) with the
// TypeScript compiler, copies the non-TypeScript files the server reads at run time (the common-
// password list), and writes build/.built so `bin/bifrost` can tell a build from a stale one.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const out = join(root, 'build');

const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
rmSync(out, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });

function* assets(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'testing') yield* assets(path);
    } else if (/\.txt$/.test(entry.name)) yield path;
  }
}
for (const file of assets(src)) cpSync(file, join(out, relative(src, file)));
writeFileSync(join(out, '.built'), `${new Date().toISOString()}\n`);
process.stdout.write('[bifrost] server compiled into build/\n');
