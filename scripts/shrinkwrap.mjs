#!/usr/bin/env node
// npm's `prepack` hook: writes npm-shrinkwrap.json (package-lock.json without the workspaces) into
// the package, so that `npm ci --omit=dev` in the unpacked tarball installs exactly the dependency
// versions this repository tested, overrides included. (`npm install -g <file>.tgz` ignores a
// shrinkwrap, npm/cli#5325, and resolves the newest versions in range: seen pulling a
// content-disposition that requires Node 22.) `--remove` (the `postpack` hook) deletes the file
// again; it is never committed.
//
// Hand-written because `npm shrinkwrap` copies the workspaces too, which the package does not hold:
// here only the packages reachable from the root's dependencies and devDependencies are kept (npm ci
// insists the lock matches every declared dependency; --omit=dev then skips the dev ones), found with
// Node's lookup rule (node_modules of the requiring package, then of each parent folder).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const target = `${root}npm-shrinkwrap.json`;

if (process.argv.includes('--remove')) {
  rmSync(target, { force: true });
  process.exit(0);
}

const lock = JSON.parse(readFileSync(`${root}package-lock.json`, 'utf8'));
const packages = lock.packages;

/** The lock path a `require(name)` from the package at `from` finds, or undefined. */
function resolve(from, name) {
  let dir = from;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return undefined;
    const at = dir.lastIndexOf('/node_modules/');
    dir = at === -1 ? '' : dir.slice(0, at);
  }
}

const keep = new Set(['']);
const queue = [''];
while (queue.length > 0) {
  const from = queue.pop();
  const entry = packages[from];
  const names = [
    ...Object.keys(entry.dependencies ?? {}),
    ...(from === '' ? Object.keys(entry.devDependencies ?? {}) : []),
    ...Object.keys(entry.optionalDependencies ?? {}),
    ...Object.entries(entry.peerDependencies ?? {})
      .filter(([name]) => !entry.peerDependenciesMeta?.[name]?.optional)
      .map(([name]) => name),
  ];
  for (const name of names) {
    const path = resolve(from, name);
    if (path === undefined) {
      // An optional dependency for another platform (not in this lock) is fine; anything else is a broken lock.
      if (entry.optionalDependencies?.[name] || entry.peerDependencies?.[name]) continue;
      throw new Error(`package-lock.json: ${from || 'the root'} needs ${name}, which the lock does not hold; run npm install`);
    }
    if (!keep.has(path)) {
      keep.add(path);
      queue.push(path);
    }
  }
}

const { workspaces: _w, ...rootEntry } = packages[''];
const out = { name: lock.name, version: lock.version, lockfileVersion: lock.lockfileVersion, requires: true, packages: { '': rootEntry } };
for (const path of [...keep].filter((p) => p !== '').sort()) out.packages[path] = packages[path];
writeFileSync(target, `${JSON.stringify(out, null, 2)}\n`);
const production = [...keep].filter((p) => p !== '' && !packages[p].dev).length;
process.stdout.write(`[bifrost] npm-shrinkwrap.json written: ${production} production and ${keep.size - 1 - production} development packages from package-lock.json\n`);
