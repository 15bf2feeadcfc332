/**
 * The built dashboard (web/dist) under /dashboard: hashed assets cached for a year, every other
 * /dashboard path answered with index.html (the app routes in the browser), /setup and /invite too,
 * and / redirected to /dashboard. The security headers come from the app-wide hook like everywhere.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import fastifyStatic from '@fastify/static';
import type { Runtime } from '../runtime.ts';

/** Where `npm run build:web` writes the dashboard. */
export const DEFAULT_DASHBOARD_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** Paths outside /dashboard that are entry points of the app (links in the server log and in invites). */
const STANDALONE_PAGES = ['/setup', '/invite'] as const;

const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;

// Plain HTML (no inline script or style: the CSP forbids both) for a server whose dashboard was never built.
const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bifrost dashboard not built</title></head>
<body><main><h1>The dashboard is not built</h1>
<p>Run <code>npm run build:web</code> (or <code>npm ci</code>, which builds it) and reload this page. The API works meanwhile.</p>
</main></body></html>
`;

export interface DashboardOptions {
  /** The built dashboard (tests point it elsewhere). */
  dir?: string;
}

export function dashboardRoutes(_rt: Runtime, options: DashboardOptions = {}): FastifyPluginAsyncZod {
  const dir = options.dir ?? DEFAULT_DASHBOARD_DIR;
  return async (app) => {
    // Vite names every asset by its content hash, so an asset URL never changes meaning: cache forever.
    await app.register(fastifyStatic, {
      root: join(dir, 'assets'),
      prefix: '/dashboard/assets/',
      decorateReply: false,
      index: false,
      serveDotFiles: false,
      maxAge: ONE_YEAR_MS,
      immutable: true,
    });
    // Unhashed files from web/public (the favicon): registered one by one, so they win over the SPA fallback.
    await app.register(fastifyStatic, {
      root: dir,
      prefix: '/dashboard/',
      decorateReply: false,
      wildcard: false,
      index: false,
      serveDotFiles: false,
      globIgnore: ['index.html', 'assets/**'],
      maxAge: 3600 * 1000,
    });

    const sendIndex = async (reply: FastifyReply) => {
      let html: Buffer;
      try {
        // Read per request (a few hundred bytes) so a rebuilt dashboard is served without a restart.
        html = await readFile(join(dir, 'index.html'));
      } catch {
        return reply.code(503).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(NOT_BUILT);
      }
      // index.html names the current hashed assets: always revalidate it.
      return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(html);
    };

    const page = { schema: { hide: true }, config: { access: { public: true as const } } };
    app.get('/dashboard', page, async (_request, reply) => sendIndex(reply));
    app.get('/dashboard/*', page, async (_request, reply) => sendIndex(reply));
    for (const path of STANDALONE_PAGES) app.get(path, page, async (_request, reply) => sendIndex(reply));
    app.get('/', page, async (_request, reply) => reply.redirect('/dashboard', 302));
    // Browsers ask for /favicon.ico on every page without an icon link (the sandbox's consent pages):
    // answer with Bifrost's icon rather than a 404 in every console.
    app.get('/favicon.ico', page, async (_request, reply) => {
      try {
        const icon = await readFile(join(dir, 'favicon.svg'));
        return reply.type('image/svg+xml').header('Cache-Control', 'public, max-age=86400').send(icon);
      } catch {
        return reply.callNotFound();
      }
    });
  };
}
