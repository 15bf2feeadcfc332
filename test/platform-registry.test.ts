/**
 * The platform registry (src/platforms/registry.ts) is the only list of platforms: adding one is its
 * folder and one registry entry. Production code outside src/platforms/ writes no slug list (two
 * slugs on a line, a union, an object keyed by slug), tests write no copy of the whole list, and
 * everything that enumerates platforms — config sections and variables, secret paths, the API's
 * slug enums — reads the registry. The scanner is fed the old hand-written lists to prove it works.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.ts';
import { PLATFORM_SLUGS as CONFIG_SLUGS, SECRET_PATHS } from '../src/config/schema.ts';
import { ENV_MAP } from '../src/config/sources.ts';
import { platformSchema } from '../src/accounts/schemas.ts';
import { platformSlug } from '../src/integrations/schemas.ts';
import { PLATFORM_DEFINITIONS, PLATFORM_SLUGS } from '../src/platforms/registry.ts';

const ROOT = join(import.meta.dirname, '..');
/** Where TypeScript of the server lives (web/src has its own, stricter scan in src/platforms/structure.test.ts). */
const SCANNED = ['src', 'test', 'scripts', 'bench'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|mts|mjs)$/.test(name) ? [path] : [];
  });
}

/** Source without comments, so documentation may name platforms freely. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Tests and their helpers pick platforms as data; only a copy of the whole list is refused there. */
function isTestCode(rel: string): boolean {
  return /\.test\.[a-z]+$/.test(rel) || rel.startsWith('test/') || rel.includes('/testing/');
}

const q = `['"\`]`;
const slugs = PLATFORM_SLUGS.join('|');
/** A slug as a string literal, or as an object key (`twitch: …`, `'kick': …`). */
const LITERAL = new RegExp(`${q}(${slugs})${q}`, 'g');
const KEY = new RegExp(`(?:^|[\\s{,(])(?:(${slugs})|${q}(${slugs})${q})\\s*\\??:(?!:)`, 'g');

function slugsOn(line: string): { literals: Set<string>; keys: Set<string> } {
  const literals = new Set([...line.matchAll(LITERAL)].map((m) => m[1]!));
  const keys = new Set([...line.matchAll(KEY)].map((m) => (m[1] ?? m[2])!));
  return { literals, keys };
}

/** Lines of `text` (file `rel`, repository-relative) that write platform slugs as a list. */
export function slugListOffenders(rel: string, text: string): string[] {
  if (rel.startsWith('src/platforms/')) return [];
  const test = isTestCode(rel);
  return code(text)
    .split('\n')
    .flatMap((line, i) => {
      const { literals, keys } = slugsOn(line);
      const named = new Set([...literals, ...keys]);
      const offends = test ? PLATFORM_SLUGS.every((s) => named.has(s)) : named.size >= 2 || keys.size > 0;
      return offends ? [`${rel}:${i + 1}: ${line.trim()}`] : [];
    });
}

describe('the registry is the only list of platforms', () => {
  it('no slug list is written outside src/platforms/ (production code: none at all; tests: no copy of the whole list)', () => {
    const files = SCANNED.flatMap((dir) => sourceFiles(join(ROOT, dir))).map((file) => relative(ROOT, file).split(sep).join('/'));
    expect(files.length).toBeGreaterThan(100);
    // This file is skipped: its fixtures below are the offending lines.
    const offenders = files.filter((rel) => rel !== 'test/platform-registry.test.ts').flatMap((rel) => slugListOffenders(rel, readFileSync(join(ROOT, rel), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('would catch the hand-written lists the registry replaced (the scanner itself works)', () => {
    const FIXTURE_SCHEMA = [
      "export const PLATFORM_SLUGS = ['twitch', 'youtube', 'kick', 'trovo'] as const;",
      'const integrations = z.object({',
      '  internal_service_key: stringList.default([]),',
      '  twitch: platformCredentials.prefault({}),',
      "  'kick': platformCredentials.prefault({}),",
      '});',
      "type Pair = 'twitch' | 'trovo';",
    ].join('\n');
    expect(slugListOffenders('src/config/schema.ts', FIXTURE_SCHEMA)).toEqual([
      `src/config/schema.ts:1: ${FIXTURE_SCHEMA.split('\n')[0]}`,
      'src/config/schema.ts:4: twitch: platformCredentials.prefault({}),',
      "src/config/schema.ts:5: 'kick': platformCredentials.prefault({}),",
      "src/config/schema.ts:7: type Pair = 'twitch' | 'trovo';",
    ]);
    // A test may pick platforms as data, but not restate the whole list.
    const FIXTURE_TEST = "for (const slug of ['kick', 'trovo']) check(slug);\nexpect(slugs).toEqual(['twitch', 'youtube', 'kick', 'trovo']);";
    expect(slugListOffenders('src/accounts/x.test.ts', FIXTURE_TEST)).toEqual(["src/accounts/x.test.ts:2: expect(slugs).toEqual(['twitch', 'youtube', 'kick', 'trovo']);"]);
    // What stays allowed: one platform as a value, the list read from the registry, names in comments and URLs, and the platform folders.
    const allowed = [
      "const row = { platform: 'twitch', type: 'bot' };",
      'export const platformSchema = z.enum(PLATFORM_SLUGS);',
      "// e.g. 'twitch', 'youtube', 'kick' and 'trovo'",
      "app.patch('/v1/integrations/:id/twitch-status', handler);",
      "const scope = 'twitch:read';",
    ].join('\n');
    expect(slugListOffenders('src/x.ts', allowed)).toEqual([]);
    expect(slugListOffenders('src/platforms/testing.ts', FIXTURE_SCHEMA)).toEqual([]);
  });

  it('the platform layer imports nothing from src/config (dependencies run config → platforms only)', () => {
    const importsConfig = /from\s+['"](\.\.\/)+config\//;
    const files = sourceFiles(join(ROOT, 'src', 'platforms')).filter((f) => !/\.test\.ts$/.test(f));
    expect(files.length).toBeGreaterThan(20);
    expect(files.filter((f) => importsConfig.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f))).toEqual([]);
    expect(importsConfig.test("import type { PlatformSlug } from '../config/schema.ts';")).toBe(true);
  });

  it('config reads the registry: one integrations section, three variables and one secret path per platform', () => {
    expect(CONFIG_SLUGS).toBe(PLATFORM_SLUGS);
    const config = loadConfig({ env: {} });
    expect(Object.keys(config.integrations).filter((k) => k !== 'internal_service_key')).toEqual([...PLATFORM_SLUGS]);
    for (const def of PLATFORM_DEFINITIONS) {
      const up = def.slug.toUpperCase();
      expect([ENV_MAP[`${up}_INTEGRATION_CLIENT_ID`], ENV_MAP[`${up}_INTEGRATION_CLIENT_SECRET`], ENV_MAP[`${up}_INTEGRATION_ENDPOINTS`]]).toEqual(
        ['client_id', 'client_secret', 'endpoints'].map((k) => `integrations.${def.slug}.${k}`),
      );
      expect(SECRET_PATHS).toContain(`integrations.${def.slug}.client_secret`);
      expect(Object.keys(config.integrations[def.slug].endpoints)).toEqual(Object.keys(def.defaultBaseUrls));
    }
  });

  it("the API's platform enums are the registry's slugs", () => {
    expect(platformSlug.options).toEqual([...PLATFORM_SLUGS]);
    expect(platformSchema.options).toEqual([...PLATFORM_SLUGS]);
  });

  it('docs/architecture.md says what adding a platform touches', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');
    const start = doc.indexOf('\n## Adding a platform\n');
    expect(start).toBeGreaterThan(-1);
    const section = doc.slice(start, doc.indexOf('\n## ', start + 1) === -1 ? undefined : doc.indexOf('\n## ', start + 1));
    for (const path of ['src/platforms/<slug>/', 'src/platforms/registry.ts', 'npm run gen:api', 'test/platform-registry.test.ts']) expect(section).toContain(path);
  });
});
