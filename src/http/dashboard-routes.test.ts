/** The built dashboard is served under /dashboard with the security headers of AS-8 and no inline script. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { buildApp, type App } from './app.ts';
import { DEFAULT_DASHBOARD_DIR, dashboardRoutes } from './dashboard-routes.ts';
import { installSecurityHeaders } from './security-headers.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';

const INDEX = join(DEFAULT_DASHBOARD_DIR, 'index.html');

async function ensureBuilt(): Promise<void> {
  // CI builds the dashboard in `npm ci` (prepare); a checkout that never built it builds it here once.
  if (existsSync(INDEX)) return;
  const { build } = await import('vite');
  await build({ configFile: join(DEFAULT_DASHBOARD_DIR, '..', 'vite.config.ts'), logLevel: 'silent' });
}

function expectSecurityHeaders(headers: Record<string, unknown>): void {
  const csp = String(headers['content-security-policy']);
  expect(csp).toContain("default-src 'self'");
  expect(csp).toMatch(/script-src 'self'(;|$)/);
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['cross-origin-resource-policy']).toBe('same-origin');
}

describe('dashboard routes', () => {
  let rt: TestRuntime;
  let app: App;

  beforeAll(async () => {
    await ensureBuilt();
    rt = await testRuntime();
    app = await buildApp(rt);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await rt?.close();
  });

  it('serves index.html under /dashboard with the security headers and no inline script or style', async () => {
    const res = await app.inject({ method: 'GET', url: '/dashboard' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expectSecurityHeaders(res.headers);
    // Document-only headers: the page gets them (JSON answers and assets do not need them).
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    const html = res.body;
    expect(html).toContain('<div id="root">');
    // Every <script> has a same-origin src and no body: CSP script-src 'self' would block anything inline.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="\/dashboard\/assets\/[^"]+\.js"/);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/https?:\/\//i);
  });

  it('answers every dashboard path, /setup and /invite with the app (the browser routes them)', async () => {
    for (const url of ['/dashboard/', '/dashboard/connections', '/dashboard/connections/credentials?x=1', '/setup?token=abc', '/invite?token=abc']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('<div id="root">');
      expectSecurityHeaders(res.headers);
    }
  });

  it('caches hashed assets for a year and 404s a missing one', async () => {
    const html = readFileSync(INDEX, 'utf8');
    const asset = /src="(\/dashboard\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const res = await app.inject({ method: 'GET', url: asset! });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expectSecurityHeaders(res.headers);

    const missing = await app.inject({ method: 'GET', url: '/dashboard/assets/nope-123.js' });
    expect(missing.statusCode).toBe(404);
    expectSecurityHeaders(missing.headers);
  });

  it('serves the favicon (also at /favicon.ico) and redirects / to /dashboard', async () => {
    const icon = await app.inject({ method: 'GET', url: '/dashboard/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toMatch(/image\/svg\+xml/);

    const ico = await app.inject({ method: 'GET', url: '/favicon.ico' });
    expect(ico.statusCode).toBe(200);
    expect(ico.headers['content-type']).toMatch(/image\/svg\+xml/);

    const root = await app.inject({ method: 'GET', url: '/' });
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/dashboard');
    expectSecurityHeaders(root.headers);
  });

  it('says how to build the dashboard when it is missing, instead of failing', async () => {
    const bare = Fastify();
    await installSecurityHeaders(bare, { https: false });
    await bare.register(dashboardRoutes(rt, { dir: mkdtempSync(join(tmpdir(), 'bifrost-nodist-')) }));
    const res = await bare.inject({ method: 'GET', url: '/dashboard/connections' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build:web');
    expect(res.body).not.toMatch(/<script|<style|style=/i);
    expectSecurityHeaders(res.headers);
    await bare.close();
  });
});
