/**
 * The layer rules of src/ (docs/architecture.md), as a function over file contents so the test can
 * run it on the real tree and on small fixtures:
 * - foundation imports only foundation;
 * - a capability imports the foundation and capabilities, never a transport or runtime.ts;
 * - capability folders form no circle;
 * - routes and resolvers reach data only through services: no repository, Kysely or store import.
 * Tests, test helpers (`testing/`) and the platform fakes are not product layers and are skipped.
 */
import { dirname, join, normalize } from 'node:path';

export const FOUNDATION = ['access', 'bus', 'config', 'crypto', 'errors', 'net', 'platforms', 'store', 'clock.ts', 'deps.ts', 'log.ts', 'metrics.ts', 'version.ts'];
export const CAPABILITIES = ['accounts', 'audit', 'integrations', 'tokens', 'health', 'push', 'refresh', 'consumers', 'worker', 'tools', 'chat', 'events'];
export const TRANSPORT = ['http', 'graphql', 'cli'];

export type Layer = 'foundation' | 'capability' | 'transport' | 'runtime';

/** The first path segment under src/ (a folder, or a file at the top). */
export function unitOf(path: string): string {
  const rest = path.replace(/^src\//, '');
  return rest.includes('/') ? rest.slice(0, rest.indexOf('/')) : rest;
}

export function layerOf(path: string): Layer | undefined {
  const unit = unitOf(path);
  if (unit === 'runtime.ts') return 'runtime';
  if (FOUNDATION.includes(unit)) return 'foundation';
  if (CAPABILITIES.includes(unit)) return 'capability';
  if (TRANSPORT.includes(unit)) return 'transport';
  return undefined;
}

export function isProductFile(path: string): boolean {
  return (
    path.startsWith('src/') &&
    /\.tsx?$/.test(path) &&
    !/\.test\.ts$/.test(path) &&
    !/\/testing\//.test(path) &&
    !/\/fakes?\//.test(path) &&
    !/\/fake\.ts$/.test(path)
  );
}

/** Relative import specifiers of a source (static, re-exports, type-only and dynamic). */
export function importsOf(source: string): string[] {
  const specs: string[] = [];
  for (const m of source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g)) specs.push(m[1]!);
  for (const m of source.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) specs.push(m[1]!);
  for (const m of source.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1]!);
  return specs;
}

function resolve(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  return normalize(join(dirname(from), spec));
}

const ROUTE_OR_RESOLVER = (path: string): boolean =>
  (path.startsWith('src/http/routes/') || (path.startsWith('src/graphql/') && !path.startsWith('src/graphql/testing/'))) && isProductFile(path);

export interface Violation {
  file: string;
  rule: 'upward' | 'circle' | 'data-in-adapter' | 'unknown-layer';
  detail: string;
}

/** Every violation of the layer rules among `files` (path → source). */
export function layerViolations(files: ReadonlyMap<string, string>): Violation[] {
  const out: Violation[] = [];
  const capabilityEdges = new Map<string, Set<string>>();
  for (const [file, source] of files) {
    if (!isProductFile(file)) continue;
    const from = layerOf(file);
    if (!from) {
      out.push({ file, rule: 'unknown-layer', detail: `${unitOf(file)} is in no layer (add it to test/structure/layers.ts)` });
      continue;
    }
    for (const spec of importsOf(source)) {
      if (ROUTE_OR_RESOLVER(file) && (spec === 'kysely' || /\/repository\.ts$/.test(spec) || /(^|\/)store\/(db|schema|tables)/.test(spec))) {
        out.push({ file, rule: 'data-in-adapter', detail: `imports ${spec}: a route or resolver calls a service, never the data layer` });
      }
      const target = resolve(file, spec);
      if (!target || !target.startsWith('src/')) continue;
      const to = layerOf(target);
      if (!to) continue;
      const upward =
        (from === 'foundation' && to !== 'foundation') ||
        (from === 'capability' && (to === 'transport' || to === 'runtime'));
      if (upward) out.push({ file, rule: 'upward', detail: `${from} imports ${to} (${spec})` });
      if (from === 'capability' && to === 'capability' && unitOf(file) !== unitOf(target)) {
        const set = capabilityEdges.get(unitOf(file)) ?? new Set<string>();
        set.add(unitOf(target));
        capabilityEdges.set(unitOf(file), set);
      }
    }
  }
  for (const cycle of cycles(capabilityEdges)) out.push({ file: `src/${cycle[0]}`, rule: 'circle', detail: `capability circle: ${cycle.join(' → ')}` });
  return out;
}

/** One representative circle per strongly connected group of capability folders. */
function cycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const found: string[][] = [];
  const seen = new Set<string>();
  for (const start of edges.keys()) {
    if (seen.has(start)) continue;
    const path: string[] = [];
    const onPath = new Set<string>();
    const visit = (node: string): string[] | undefined => {
      path.push(node);
      onPath.add(node);
      for (const next of edges.get(node) ?? []) {
        if (onPath.has(next)) return [...path.slice(path.indexOf(next)), next];
        if (!seen.has(next)) {
          const c = visit(next);
          if (c) return c;
        }
      }
      path.pop();
      onPath.delete(node);
      seen.add(node);
      return undefined;
    };
    const c = visit(start);
    if (c) {
      found.push(c);
      for (const n of c) seen.add(n);
    }
  }
  return found;
}
