import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp, type App } from './app.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { requiresAccessDeclaration } from './route-access.ts';
import { AppError } from '../errors/app-error.ts';

describe('http app', () => {
  let rt: TestRuntime;
  let app: App;
  beforeAll(async () => {
    rt = await testRuntime({ overrides: { server: { body_limit: 2048 } } });
    app = await buildApp(rt);
  });
  afterAll(async () => {
    await app?.close();
    await rt?.close();
  });

  it('GET /healthz answers 200 JSON', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('HEAD /healthz answers like GET without a body', async () => {
    const res = await app.inject({ method: 'HEAD', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toBe('');
  });

  it('runs the auth hook only on routes that need a caller, once, and no cookie hook on any route', () => {
    const lines = app.printRoutes({ includeHooks: true, commonPrefix: false }).split('\n');
    /** The onRequest hook names of a route, from Fastify's own route listing. */
    const onRequest = (route: string): string[] => {
      const at = lines.findIndex((l) => l.includes(route));
      expect(at, route).toBeGreaterThanOrEqual(0);
      const hooks = lines.slice(at + 1).find((l) => l.includes('(onRequest)')) ?? '';
      return JSON.parse(hooks.slice(hooks.indexOf('['))) as string[];
    };
    const everyHook = lines.filter((l) => l.includes('(onRequest)') || l.includes('(onSend)')).join('\n');
    expect(everyHook).not.toContain('fastifyCookie');
    for (const route of ['healthz (GET)', 'healthz (HEAD)', 'internal/integrations/:id/token (POST)', 'v1/token-server (GET)']) {
      expect(onRequest(route), route).not.toContain('bifrostAuth()');
    }
    for (const route of ['v1/me (GET)', 'v1/me (HEAD)', 'v1/service-keys (GET, POST)']) {
      expect(onRequest(route).filter((h) => h === 'bifrostAuth()'), route).toHaveLength(1);
    }
    // The WebSocket plugin's per-request hooks (an onRequest and an onResponse) sit on its own routes only.
    const hasOnResponse = (route: string) => {
      const at = lines.findIndex((l) => l.includes(route));
      const next = lines.slice(at + 1).findIndex((l) => !l.includes('•'));
      return lines.slice(at + 1, at + 1 + next).some((l) => l.includes('(onResponse)'));
    };
    expect(hasOnResponse('/ws (GET)')).toBe(true);
    expect(onRequest('/ws (GET)').length).toBe(onRequest('v1/me (GET)').length + 1);
    expect(onRequest('healthz (GET)')).toHaveLength(1);
    for (const route of ['healthz (GET)', 'internal/integrations/:id/token (POST)', 'v1/token-server (GET)']) {
      expect(hasOnResponse(route), route).toBe(false);
    }
  });

  it('answers an upgrade to a path without a WebSocket route over HTTP, then closes the socket', async () => {
    const url = new URL(await app.listen({ host: '127.0.0.1', port: 0 }));
    const { connect } = await import('node:net');
    const socket = connect(Number(url.port), url.hostname);
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n');
    let answer = '';
    socket.on('data', (chunk) => (answer += String(chunk)));
    await new Promise((resolve) => socket.once('close', resolve));
    expect(answer).toMatch(/^HTTP\/1.1 200 OK\r\n/);
    expect(answer.toLowerCase()).toContain('x-content-type-options: nosniff');
    expect(answer).toContain('{"status":"ok"}');
  });

  it('GET /readyz reports the database and migrations', async () => {
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', checks: { database: true, migrations: true, writes: true } });
  });

  it('answers unknown paths with 404 and wrong methods with 405 + Allow, in the error shape', async () => {
    const missing = await app.inject({ method: 'GET', url: '/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'no route GET /nope' } });
    const wrong = await app.inject({ method: 'DELETE', url: '/healthz' });
    expect(wrong.statusCode).toBe(405);
    expect(wrong.headers.allow).toContain('GET');
    expect(wrong.json().error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('sets the security headers on every response, including errors', async () => {
    for (const url of ['/healthz', '/nope', '/openapi.json']) {
      const res = await app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cache-control']).toBe('no-store');
      // public_url is http on loopback here: no HSTS.
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('serves the OpenAPI document and the docs page', async () => {
    const doc = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(doc.statusCode).toBe(200);
    const body = doc.json();
    expect(body.openapi).toBe('3.1.0');
    expect(body.paths['/healthz'].get.responses['200']).toBeDefined();
    const docs = await app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('never lets client X-Request-Id through', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'evil\nline' } });
    expect(res.statusCode).toBe(200);
    expect(rt.logs.text()).not.toContain('evil');
  });
});

describe('http errors', () => {
  let rt: TestRuntime;
  let app: App;
  beforeAll(async () => {
    rt = await testRuntime({ overrides: { server: { body_limit: 2048, public_url: 'https://bifrost.example.com' } } });
    app = await buildApp(rt);
  });
  afterAll(async () => {
    await app?.close();
    await rt?.close();
  });

  it('sends HSTS when the public URL is https', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
  });
});

describe('error mapping', () => {
  async function probeApp() {
    const rt = await testRuntime({ overrides: { server: { body_limit: 2048 } } });
    // A throwaway route module registered through the same pipeline as real ones.
    const { routeModules } = await import('./routes/index.ts');
    (routeModules as unknown as unknown[]).push(() => async (app: import('./app.ts').App) => {
      app.post(
        '/v1/probe',
        { schema: { body: z.object({ name: z.string().min(1), count: z.number().int() }) }, config: { access: { public: true } } },
        async () => ({ ok: true }),
      );
      app.get('/v1/probe/app-error', { config: { access: { public: true } } }, async () => {
        throw new AppError('RATE_LIMITED', 'slow down', { retryAfter: 12 });
      });
      app.get('/v1/probe/crash', { config: { access: { public: true } } }, async () => {
        throw new Error('db password is hunter2 at /srv/app.ts:12');
      });
    });
    try {
      return { rt, app: await buildApp(rt) };
    } finally {
      (routeModules as unknown as unknown[]).pop();
    }
  }

  it('maps validation, JSON, size, media-type, AppError and crashes to stable codes without internals', async () => {
    const { rt, app } = await probeApp();
    try {
      const invalid = await app.inject({ method: 'POST', url: '/v1/probe', payload: { name: '', count: 1.5 } });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().error.code).toBe('VALIDATION_FAILED');
      expect(invalid.json().error.message).toMatch(/^body\.(name|count): /);

      const missing = await app.inject({ method: 'POST', url: '/v1/probe', payload: { count: 1 } });
      expect(missing.json().error.message).toMatch(/^body\.name: /);

      const badJson = await app.inject({ method: 'POST', url: '/v1/probe', headers: { 'content-type': 'application/json' }, payload: '{"name":' });
      expect(badJson.statusCode).toBe(400);
      expect(badJson.json().error).toEqual({ code: 'BAD_REQUEST', message: 'body is not valid JSON' });

      const big = await app.inject({ method: 'POST', url: '/v1/probe', payload: { name: 'x'.repeat(5000), count: 1 } });
      expect(big.statusCode).toBe(413);
      expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');

      const media = await app.inject({ method: 'POST', url: '/v1/probe', headers: { 'content-type': 'text/xml' }, payload: '<a/>' });
      expect(media.statusCode).toBe(415);

      const limited = await app.inject({ method: 'GET', url: '/v1/probe/app-error' });
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBe('12');
      expect(limited.json().error).toEqual({ code: 'RATE_LIMITED', message: 'slow down' });

      const crash = await app.inject({ method: 'GET', url: '/v1/probe/crash' });
      expect(crash.statusCode).toBe(500);
      expect(crash.json().error.code).toBe('INTERNAL');
      expect(crash.body).not.toContain('hunter2');
      expect(crash.body).not.toContain('.ts');
    } finally {
      await app.close();
      await rt.close();
    }
  });
});

describe('route access declarations', () => {
  it('covers /v1, /internal and /graphql', () => {
    expect(requiresAccessDeclaration('/v1/integrations')).toBe(true);
    expect(requiresAccessDeclaration('/internal/integrations/:id/token')).toBe(true);
    expect(requiresAccessDeclaration('/graphql')).toBe(true);
    expect(requiresAccessDeclaration('/healthz')).toBe(false);
  });

  it('refuses to register a /v1 route that declares no access', async () => {
    const rt = await testRuntime();
    const { routeModules } = await import('./routes/index.ts');
    (routeModules as unknown as unknown[]).push(() => async (app: import('./app.ts').App) => {
      app.get('/v1/undeclared', async () => ({}));
    });
    try {
      await expect(buildApp(rt)).rejects.toThrow(/declares no access/);
    } finally {
      (routeModules as unknown as unknown[]).pop();
      await rt.close();
    }
  });
});
