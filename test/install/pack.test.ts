/**
 * The install that needs no source tree: `npm pack` (in a copy of the repository, so the build it runs
 * never touches this checkout's build/ or web/dist), `npm install -g` of the tarball into a temporary
 * prefix, then the installed `bifrost`: `--help` loads no server, and `serve` answers /healthz and
 * serves the dashboard from compiled JavaScript, with no TypeScript, tsx or esbuild loaded. And the
 * reproducible install (`npm ci --omit=dev` in the unpacked package) gets the lock's versions.
 * Slow (a full build and two installs): a few minutes on two busy cores.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const LOAD_LOG = join(import.meta.dirname, 'support', 'load-log.mjs');
/** The port the issue names; another one when something else holds it. */
const PREFERRED_PORT = 18123;

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer().once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

async function freePort(): Promise<number> {
  if (await portFree(PREFERRED_PORT)) return PREFERRED_PORT;
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Every file the repository holds (tracked, or new and not ignored), copied; node_modules linked. */
function copyRepository(to: string): void {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(ROOT, file))) continue; // deleted in the working tree
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(join(ROOT, file), join(to, file));
  }
  symlinkSync(realpathSync(join(ROOT, 'node_modules')), join(to, 'node_modules'));
}

/**
 * better-sqlite3's install script fetches a prebuilt binary from GitHub and compiles SQLite when it
 * cannot (minutes on two cores). This offers it the binary this checkout already built for the same
 * version and Node ABI, where prebuild-install looks for local prebuilds, so the test stays fast and
 * works offline; everything else about the install is npm's own.
 */
function localPrebuilds(dir: string): Record<string, string> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules/better-sqlite3/package.json'), 'utf8')) as { version: string };
  const binary = join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
  if (!existsSync(binary)) return {};
  mkdirSync(dir, { recursive: true });
  const name = `better-sqlite3-v${pkg.version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  execFileSync('tar', ['-czf', join(dir, name), '-C', join(ROOT, 'node_modules/better-sqlite3'), 'build/Release/better_sqlite3.node']);
  return { npm_config_better_sqlite3_local_prebuilds: dir };
}

/**
 * How this machine reaches the registry: a TLS-inspecting proxy's CA and proxy variables, and npm's
 * global config file by its real path — `--prefix` makes npm look for it under the prefix, so a
 * `cafile` set there would be lost and every fetch fail with SELF_SIGNED_CERT_IN_CHAIN.
 */
function machineNetworkSettings(): Record<string, string> {
  const kept = Object.entries(process.env).filter(([k, v]) => v !== undefined && /^(NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|SSL_CERT_DIR|https?_proxy|no_proxy)$/i.test(k));
  const globalconfig = spawnSync('npm', ['config', 'get', 'globalconfig'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' } }).stdout.trim();
  return { ...Object.fromEntries(kept as [string, string][]), ...(globalconfig && existsSync(globalconfig) ? { npm_config_globalconfig: globalconfig } : {}) };
}

function loaded(logFile: string): string[] {
  return existsSync(logFile) ? [...new Set(readFileSync(logFile, 'utf8').split('\n').filter(Boolean))] : [];
}

describe('npm pack → npm install -g → bifrost serve', () => {
  const work = mkdtempSync(join(tmpdir(), 'bifrost-pack-'));
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    ...machineNetworkSettings(),
  };
  let tarball = '';

  beforeAll(() => {
    const copy = join(work, 'repo');
    copyRepository(copy);
    // npm pack runs prepack (npm-shrinkwrap.json) and prepare (compile the server, build the dashboard).
    const pack = spawnSync('npm', ['pack', '--pack-destination', work], { cwd: copy, env, encoding: 'utf8', timeout: 240_000 });
    if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stderr}${pack.stdout}`);
    tarball = join(work, pack.stdout.trim().split('\n').at(-1)!);
    expect(existsSync(join(copy, 'npm-shrinkwrap.json'))).toBe(false);
  }, 300_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('packs the compiled server, the built dashboard, the migrations and the shrinkwrap, and no source', () => {
    const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    expect(listing).toContain('package/build/cli/main.js');
    expect(listing).toContain('package/build/store/migrations/001-foundation.js');
    expect(listing).toContain('package/web/dist/index.html');
    expect(listing).toContain('package/npm-shrinkwrap.json');
    expect(listing).toContain('package/deploy/bifrost.service');
    expect(listing).toContain('package/docs/deployment.md');
    expect(listing.filter((f) => f.startsWith('package/src/') || f.endsWith('.ts') || f.startsWith('package/test/') || f.endsWith('.map'))).toEqual([]);
  });

  it('runs the globally installed package from compiled JavaScript and serves the dashboard', async () => {
    const prefix = join(work, 'prefix');
    const install = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', tarball], {
      cwd: work,
      env: { ...env, ...localPrebuilds(join(work, 'prebuilds')) },
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(install.status, install.stderr + install.stdout).toBe(0);
    const installed = join(prefix, 'lib', 'node_modules', 'bifrost');
    for (const dev of ['tsx', 'typescript', 'esbuild', 'vite', 'vitest']) expect(existsSync(join(installed, 'node_modules', dev)), dev).toBe(false);

    const bin = join(prefix, 'bin', 'bifrost');
    const helpLog = join(work, 'help-loads.txt');
    const help = spawnSync(bin, ['--help'], { env: { ...env, NODE_OPTIONS: `--import=${LOAD_LOG}`, BIFROST_LOAD_LOG: helpLog }, encoding: 'utf8', timeout: 30_000 });
    expect(help.status, help.stderr).toBe(0);
    for (const command of ['serve', 'status', 'backup', 'restore', 'migrate']) expect(help.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    const helpModules = loaded(helpLog);
    expect(helpModules.some((u) => u.endsWith('/bifrost/build/cli/main.js'))).toBe(true);
    expect(helpModules.filter((u) => /\/node_modules\/(fastify|kysely|better-sqlite3|pg|mercurius)\//.test(u))).toEqual([]);
    // The server is bundled (fastify and mercurius inside): --help may load the CLI's small shared chunks only.
    const helpBytes = builtBytes(helpModules);
    expect(helpBytes).toBeLessThan(100_000);

    const dataDir = join(work, 'data');
    const port = await freePort();
    const serveLog = join(work, 'serve-loads.txt');
    const server = spawn(bin, ['serve', '--port', String(port), '--data-dir', dataDir], {
      env: { ...env, NODE_OPTIONS: `--import=${LOAD_LOG}`, BIFROST_LOAD_LOG: serveLog },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    server.stdout.on('data', (d) => (output += d));
    server.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    try {
      let health = 0;
      for (let i = 0; i < 150 && health !== 200; i++) {
        await new Promise((r) => setTimeout(r, 200));
        health = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status, () => 0);
      }
      expect(health, output).toBe(200);
      const page = await fetch(`http://127.0.0.1:${port}/dashboard/`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<title>Bifrost</title>');
      const script = /<script[^>]+src="([^"]+\.js)"/.exec(html)?.[1];
      expect(script, html).toBeDefined();
      // Read the whole body: a response still streaming when SIGTERM arrives holds the shutdown open.
      const asset = await fetch(`http://127.0.0.1:${port}${script}`);
      expect(asset.status).toBe(200);
      expect((await asset.text()).length).toBeGreaterThan(1000);
      // Piped output: one JSON object per line (the pretty format is for terminals).
      expect(() => JSON.parse(output.split('\n')[0]!)).not.toThrow();
    } finally {
      server.kill('SIGTERM');
    }
    expect(await exited, output).toBe(0);

    const modules = loaded(serveLog);
    const ours = modules.filter((u) => u.startsWith('file:') && !u.includes('/test/install/support/'));
    expect(ours.some((u) => u.endsWith('/bifrost/build/cli/main.js'))).toBe(true);
    // serve loads the bundled server: megabytes of it, where --help loaded a few kilobytes.
    expect(builtBytes(modules)).toBeGreaterThan(20 * helpBytes);
    // Everything came from the install, compiled: no source file, no TypeScript tool.
    expect(ours.filter((u) => !u.startsWith(`file://${prefix}/`))).toEqual([]);
    expect(ours.filter((u) => /\.(ts|tsx|mts|cts)$/.test(u) || /\/node_modules\/(tsx|typescript|esbuild|get-tsconfig)\//.test(u))).toEqual([]);
  }, 300_000);

  it('installs exactly the tested versions with npm ci --omit=dev in the unpacked package', () => {
    const dir = join(work, 'opt');
    mkdirSync(dir);
    execFileSync('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
    const ci = spawnSync('npm', ['ci', '--omit=dev', '--prefer-offline'], { cwd: dir, env: { ...env, ...localPrebuilds(join(work, 'prebuilds')) }, encoding: 'utf8', timeout: 240_000 });
    expect(ci.status, ci.stderr + ci.stdout).toBe(0);
    // The lock's versions, overrides included (the newest in range would differ for these).
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
    for (const path of ['node_modules/fastify', 'node_modules/kysely', 'node_modules/mercurius/node_modules/@fastify/static']) {
      expect(JSON.parse(readFileSync(join(dir, path, 'package.json'), 'utf8')).version, path).toBe(lock.packages[path]!.version);
    }
    expect(existsSync(join(dir, 'node_modules', 'tsx'))).toBe(false);
    const version = spawnSync(join(dir, 'bin', 'bifrost'), ['--version'], { env, encoding: 'utf8', timeout: 30_000 });
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  }, 300_000);
});

/** Bytes of the compiled files (under an installed build/) among loaded module URLs. */
function builtBytes(urls: readonly string[]): number {
  return urls.filter((u) => u.startsWith('file:') && u.includes('/bifrost/build/')).reduce((sum, u) => sum + statSync(new URL(u)).size, 0);
}
