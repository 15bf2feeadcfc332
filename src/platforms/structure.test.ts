// Structural rules: every platform folder is complete, the README documents it, and no shared code or dashboard code branches on a platform name.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PLATFORM_DEFINITIONS, PLATFORM_SLUGS } from './registry.ts';

const PLATFORMS_DIR = fileURLToPath(new URL('.', import.meta.url));
const SRC = join(PLATFORMS_DIR, '..');
const README = join(SRC, '..', 'README.md');
const WEB_SRC = join(SRC, '..', 'web', 'src');
/** Published ids and names (the API's platform_id): they never change. A new platform takes an unused id and needs no entry. */
const PUBLISHED: Readonly<Record<string, readonly [number, string]>> = { twitch: [1, 'Twitch'], youtube: [2, 'YouTube'], kick: [3, 'Kick'], trovo: [4, 'Trovo'] };

/** Capabilities every platform sets explicitly (a new quirk becomes a flag that all of them state). */
const CAPABILITY_KEYS = [
  'pkce',
  'refreshRotates',
  'scopeSeparator',
  'tokenBody',
  'clientAuth',
  'validate',
  'scopesInTokenResponse',
  'requiresClientSecret',
  'defaultAccessTokenLifetime',
  'apiAuthScheme',
  'errorBodyOn200',
  'forceConsent',
  'revokeParams',
  'revocableTokens',
  'stateRequired',
  'issuer',
  'chat',
];

/** WCAG 2 contrast ratio of two `#rrggbb` colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

function sourceFiles(dir: string, names = /\.(ts|tsx|mts)$/): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path, names);
    return names.test(name) ? [path] : [];
  });
}

/** Source without comments, so documentation may name platforms freely. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('platform folders', () => {
  it.each(PLATFORM_SLUGS)('%s has index.ts, wire.ts, scopes.ts, fake.ts and a contract test against its fake', (slug) => {
    const dir = join(PLATFORMS_DIR, slug);
    for (const file of ['index.ts', 'wire.ts', 'scopes.ts', 'fake.ts']) expect(existsSync(join(dir, file)), `${slug}/${file}`).toBe(true);
    const contract = readdirSync(dir).filter((f) => f.endsWith('.test.ts') && readFileSync(join(dir, f), 'utf8').includes("from './fake.ts'"));
    expect(contract.length, `${slug} needs a *.test.ts that imports ./fake.ts`).toBeGreaterThan(0);
  });

  it.each(PLATFORM_SLUGS)('%s is registered with its id, name, a complete capability table, a scope catalogue and a fake', async (slug) => {
    const def = PLATFORM_DEFINITIONS.find((d) => d.slug === slug);
    expect(def).toBeDefined();
    if (PUBLISHED[slug]) expect([def!.platformId, def!.name]).toEqual(PUBLISHED[slug]);
    expect(Number.isInteger(def!.platformId) && def!.platformId > 0 && def!.name.length > 0).toBe(true);
    for (const key of CAPABILITY_KEYS) expect(def!.capabilities, `${slug}.capabilities.${key}`).toHaveProperty(key);
    const all = new Set(def!.scopes.all.map((s) => s.scope));
    for (const s of def!.scopes.all) expect(s.description.length, `${slug} ${s.scope} description`).toBeGreaterThan(0);
    for (const s of [...def!.scopes.channel, ...def!.scopes.bot]) expect(all.has(s.scope), `${slug} default ${s.scope} in catalogue`).toBe(true);
    expect(def!.scopes.channel.some((s) => s.required) && def!.scopes.bot.some((s) => s.required)).toBe(true);
    for (const targets of Object.values(def!.scopes.aliases ?? {})) for (const t of targets) expect(all.has(t)).toBe(true);
    const fake = await def!.loadFake();
    expect(fake.slug).toBe(slug);
    const adapter = def!.createAdapter({ fetch, timeoutMs: 1, baseUrls: def!.defaultBaseUrls, now: Date.now });
    expect([adapter.slug, adapter.platformId, adapter.name, adapter.capabilities, adapter.scopes]).toEqual([slug, def!.platformId, def!.name, def!.capabilities, def!.scopes]);
  });

  it.each(PLATFORM_SLUGS)('%s has a coherent chat table: its scopes are in the catalogue, discover exactly when it needs a live chat, sane bounds', (slug) => {
    const def = PLATFORM_DEFINITIONS.find((d) => d.slug === slug)!;
    const chat = def.capabilities.chat;
    const all = new Set(def.scopes.all.map((s) => s.scope));
    const needed = [...Object.values(chat.scopes), ...Object.values(chat.channelScopes ?? {})].flat();
    for (const scope of needed) expect(all.has(scope), `${slug} chat scope ${scope} in catalogue`).toBe(true);
    const adapter = def.createAdapter({ fetch, timeoutMs: 1, baseUrls: def.defaultBaseUrls, now: Date.now });
    expect(typeof adapter.chat.discover === 'function', `${slug} discover`).toBe(chat.needsLiveChat);
    expect(chat.maxMessageLength).toBeGreaterThan(0);
    if (chat.timeout) expect(chat.timeout.minSeconds > 0 && chat.timeout.minSeconds <= chat.timeout.maxSeconds && chat.timeout.unitSeconds > 0).toBe(true);
    if (chat.limit.kind === 'quota') for (const cost of Object.values(chat.limit.costs)) expect(cost).toBeGreaterThan(0);
    else expect(chat.limit.windowMs).toBeGreaterThan(0);
  });

  it.each(PLATFORM_SLUGS)('%s has brand colours clients can draw its mark with, text readable on them', (slug) => {
    const { brand } = PLATFORM_DEFINITIONS.find((d) => d.slug === slug)!;
    expect(brand.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(brand.textColor).toMatch(/^#[0-9a-f]{6}$/);
    expect(contrast(brand.color, brand.textColor)).toBeGreaterThanOrEqual(4.5);
  });

  it('the contrast check tells readable from unreadable pairs', () => {
    expect(contrast('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrast('#53fc18', '#ffffff')).toBeLessThan(4.5);
  });

  it('slugs, ids and names are unique; every published platform is still registered', () => {
    for (const key of ['slug', 'platformId', 'name'] as const) expect(new Set(PLATFORM_DEFINITIONS.map((d) => d[key])).size, key).toBe(PLATFORM_DEFINITIONS.length);
    for (const slug of Object.keys(PUBLISHED)) expect(PLATFORM_SLUGS).toContain(slug);
    for (const slug of PLATFORM_SLUGS) expect(slug).toMatch(/^[a-z][a-z0-9]*$/);
  });

  it('the README documents each platform', () => {
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf('\n## Platforms\n');
    expect(start).toBeGreaterThan(-1);
    const end = readme.indexOf('\n## ', start + 1);
    const section = readme.slice(start, end === -1 ? undefined : end);
    expect(section.length).toBeGreaterThan(20);
    for (const def of PLATFORM_DEFINITIONS) expect(section).toContain(`### ${def.name}`);
  });
});

describe('no platform branches outside the platform folders', () => {
  const slugs = PLATFORM_SLUGS.join('|');
  const q = `['"\`]`;
  const patterns = [
    new RegExp(`(===?|!==?)\\s*${q}(${slugs})${q}`),
    new RegExp(`${q}(${slugs})${q}\\s*(===?|!==?)`),
    new RegExp(`\\bcase\\s+${q}(${slugs})${q}\\s*:`),
  ];

  // Tests may pick a platform's row out of a result (`find((c) => c.slug === 'twitch')`); that is data
  // selection, not behaviour, so *.test.ts files are not scanned. Everything else in src/ is.
  it('finds no `=== "<slug>"` or `case "<slug>":` in src/ outside src/platforms/<slug>/', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const rel = relative(SRC, file).split(sep).join('/');
      if (/\.test\.tsx?$/.test(rel)) continue;
      const lines = code(readFileSync(file, 'utf8')).split('\n');
      lines.forEach((line, i) => {
        for (const re of patterns) {
          const m = re.exec(line);
          if (m && !rel.startsWith(`platforms/${m[2] ?? m[1]}/`)) offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
        }
      });
    }
    expect(offenders).toEqual([]);
  });

  it('would catch one (the scanner itself works)', () => {
    const line = code("if (platform === 'kick') return; // fine in a comment: slug === 'twitch'");
    expect(patterns.some((re) => re.test(line))).toBe(true);
    expect(patterns.some((re) => re.test(code("// adapter.slug === 'twitch'")))).toBe(false);
    expect(patterns.some((re) => re.test("switch (s) { case 'trovo': break; }"))).toBe(true);
  });

  // The dashboard gets every platform's name, brand colours and capabilities from GET /v1/platforms:
  // no slug literal at all (no branch, no list, no default) and no CSS rule per platform. The
  // generated wire types (*.gen.ts) spell the API's slug enum and are not scanned.
  const webLiteral = new RegExp(`${q}(${slugs})${q}`);
  const webCssRule = new RegExp(`\\.platform-(${slugs})\\b`);

  function webOffenders(rel: string, text: string): string[] {
    const css = rel.endsWith('.css');
    const lines = (css ? text.replace(/\/\*[\s\S]*?\*\//g, '') : code(text)).split('\n');
    return lines.flatMap((line, i) => ((css ? webCssRule : webLiteral).test(line) ? [`web/src/${rel}:${i + 1}: ${line.trim()}`] : []));
  }

  it('finds no platform slug literal or per-platform CSS rule in web/src/', () => {
    const files = sourceFiles(WEB_SRC, /\.(ts|tsx|css)$/).filter((f) => !f.endsWith('.gen.ts'));
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.flatMap((file) => webOffenders(relative(WEB_SRC, file).split(sep).join('/'), readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('would catch a dashboard branch, list or brand rule (the web scanner itself works)', () => {
    const branch = "export const Switches = ({ p }: { p: Platform }) => (p.slug === 'twitch' ? <Verified /> : null);";
    expect(webOffenders('bots/x.tsx', branch)).toEqual([`web/src/bots/x.tsx:1: ${branch}`]);
    expect(webOffenders('x.ts', "const PLATFORMS = ['youtube', 'kick'];\nconst first = `trovo`;")).toHaveLength(2);
    expect(webOffenders('x.tsx', "// Twitch's verified bots: p.capabilities.verified_bots, never p.slug === 'twitch'\nconst ok = p.capabilities.verified_bots;")).toEqual([]);
    expect(webOffenders('styles/x.css', '.platform-kick {\n  background: #53fc18;\n}')).toEqual(['web/src/styles/x.css:1: .platform-kick {']);
    expect(webOffenders('styles/x.css', '/* .platform-kick was a rule */\n.platform-icon { background: var(--platform-color); }')).toEqual([]);
  });
});
