/**
 * Every package `npm ci` installs supports every Node.js version Bifrost declares in `engines`:
 * otherwise `npm ci` warns (EBADENGINE) and the package may use APIs the declared Node lacks.
 * When a newer release of a dependency drops a Node version we support, pin the last release
 * that still supports it (package.json `overrides` or an exact version) rather than widening ours.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import semver from 'semver';

interface LockEntry {
  version?: string;
  engines?: { node?: string } | string[];
  dev?: boolean;
  optional?: boolean;
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockEntry> };

describe('dependencies', () => {
  it('declares a Node.js range, and the running Node.js is in it', () => {
    expect(semver.validRange(pkg.engines.node)).not.toBeNull();
    expect(semver.satisfies(process.versions.node, pkg.engines.node)).toBe(true);
  });

  it('locks no package whose engines exclude part of the declared Node.js range', () => {
    const outside: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (path === '' || Array.isArray(entry.engines)) continue;
      const node = entry.engines?.node;
      if (!node || !semver.validRange(node)) continue;
      if (!semver.subset(pkg.engines.node, node)) outside.push(`${path}@${entry.version} needs node ${node}`);
    }
    expect(outside).toEqual([]);
  });
});
