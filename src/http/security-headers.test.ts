import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hijackWithHeaders, installSecurityHeaders, securityHeaders } from './security-headers.ts';

const names = (list: readonly (readonly [string, string])[]) => list.map(([n]) => n.toLowerCase()).sort();

describe('security headers', () => {
  it("splits helmet's headers: the ones every response needs, and the ones only documents need", () => {
    const plain = securityHeaders({ https: false });
    expect(names(plain.all)).toEqual(['content-security-policy', 'cross-origin-resource-policy', 'referrer-policy', 'x-content-type-options']);
    expect(names(plain.documents)).toEqual(expect.arrayContaining(['x-frame-options', 'cross-origin-opener-policy', 'origin-agent-cluster']));
    expect(names(plain.documents)).not.toContain('content-security-policy');
    const tls = securityHeaders({ https: true });
    expect(tls.all.find(([n]) => n.toLowerCase() === 'strict-transport-security')?.[1]).toBe('max-age=31536000; includeSubDomains');
  });

  it('sends the base set on JSON, errors and hijacked replies, and the document set on HTML only', async () => {
    const app = Fastify({ logger: false });
    await installSecurityHeaders(app, { https: true });
    app.get('/json', async () => ({ ok: true }));
    app.get('/cached', async (_req, reply) => reply.header('Cache-Control', 'public, max-age=60').send({ ok: true }));
    app.get('/html', async (_req, reply) => reply.type('text/html; charset=utf-8').send('<!doctype html><title>x</title>'));
    app.get('/fail', async () => {
      throw new Error('boom');
    });
    app.get('/stream', (_req, reply) => {
      hijackWithHeaders(reply);
      reply.raw.writeHead(200, { 'content-type': 'text/event-stream' });
      reply.raw.end(': hi\n\n');
    });
    await app.ready();
    try {
      for (const url of ['/json', '/fail', '/missing', '/stream']) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
        expect(res.headers['x-content-type-options'], url).toBe('nosniff');
        expect(res.headers['referrer-policy'], url).toBe('no-referrer');
        expect(res.headers['strict-transport-security'], url).toMatch(/max-age=31536000/);
        expect(res.headers['x-frame-options'], url).toBeUndefined();
        expect(res.headers['cache-control'], url).toBe('no-store');
      }
      const own = await app.inject({ method: 'GET', url: '/cached' });
      expect(own.headers['cache-control']).toBe('public, max-age=60');
      expect(own.headers['x-content-type-options']).toBe('nosniff');
      const html = await app.inject({ method: 'GET', url: '/html' });
      expect(html.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(html.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(html.headers['content-security-policy']).toContain("object-src 'none'");
    } finally {
      await app.close();
    }
  });

  it('every route of the API that hijacks its reply hands the headers on (hijackWithHeaders)', () => {
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []));
    const root = join(import.meta.dirname, '..');
    const bare = [...files(join(root, 'http')), ...files(join(root, 'push')), ...files(join(root, 'events'))].filter((f) => /\.hijack\(\)/.test(readFileSync(f, 'utf8')) && !f.endsWith('security-headers.ts'));
    expect(bare).toEqual([]);
  });
});
