// Outbound HTTP: timeouts, no redirects followed, network failures typed, and no URL in any error.
import { createServer, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformFailure } from '../testing.ts';
import { send, type PlatformHttp } from './http.ts';

const SECRET = 'tok-SECRET-123';

describe('send', () => {
  let server: Server;
  let base: string;
  const http = (timeoutMs = 1000): PlatformHttp => ({ platform: 'kick', name: 'Kick', fetch, timeoutMs, now: Date.now });
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url?.startsWith('/slow')) return void setTimeout(() => res.end('{}'), 500);
      if (req.url?.startsWith('/redirect')) {
        res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' });
        return void res.end();
      }
      if (req.url?.startsWith('/drop')) return void req.socket.destroy();
      if (req.url?.startsWith('/stall')) {
        // Headers at once, then a body that never ends: the timeout must cover reading it.
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.write('{"partial":');
      }
      if (req.url?.startsWith('/huge')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(`"${'x'.repeat(1024 * 1024 + 10)}"`);
      }
      if (req.url?.startsWith('/gzip')) {
        res.writeHead(429, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'retry-after': '7', 'x-ratelimit-reset': ['1', '2'] as unknown as string });
        return void res.end(gzipSync(JSON.stringify({ error: 'slow down' })));
      }
      if (req.url?.startsWith('/bomb')) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        return void res.end(gzipSync(Buffer.alloc(2 * 1024 * 1024, 32)));
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => res.end(JSON.stringify({ method: req.method, ct: req.headers['content-type'], length: req.headers['content-length'], body, ...(req.url?.includes('accept') ? { accept: req.rawHeaders.filter((_, i) => i % 2 === 0 && req.rawHeaders[i]!.toLowerCase() === 'accept').length } : {}) })));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    // Keep-alive sockets from fetch would hold close() open for seconds.
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('sends forms and JSON and parses the answer', async () => {
    const res = await send(http(), { method: 'POST', url: `${base}/ok`, form: { a: '1', b: undefined }, purpose: 'test' });
    expect([res.status, res.json]).toEqual([200, { method: 'POST', ct: 'application/x-www-form-urlencoded', length: '3', body: 'a=1' }]);
    const json = await send(http(), { method: 'POST', url: `${base}/ok`, json: { text: 'héllo' }, purpose: 'test' });
    expect(json.json).toEqual({ method: 'POST', ct: 'application/json', length: String(Buffer.byteLength('{"text":"héllo"}')), body: '{"text":"héllo"}' });
    const accept = await send(http(), { method: 'GET', url: `${base}/ok?accept`, headers: { Accept: 'application/json' }, purpose: 'test' });
    expect(accept.json).toMatchObject({ accept: 1 });
    const empty = await send(http(), { method: 'POST', url: `${base}/ok`, purpose: 'test' });
    expect(empty.json).toEqual({ method: 'POST', length: '0', body: '' });
  });

  it('a body that stalls after the headers times out too', async () => {
    const err = await platformFailure(send(http(100), { method: 'GET', url: `${base}/stall?token=${SECRET}`, purpose: 'send' }));
    expect([err.kind, err.transient]).toEqual(['network', true]);
    expect(err.message).toMatch(/timed out after 100 ms/);
  });

  it('refuses a body over 1 MiB, compressed or not', async () => {
    for (const path of ['huge', 'bomb']) {
      const err = await platformFailure(send(http(), { method: 'GET', url: `${base}/${path}`, purpose: 'send' }));
      expect([err.kind, err.httpStatus]).toEqual(['body', 200]);
    }
  });

  it('decodes a gzip answer and reads its headers by name, any case', async () => {
    const res = await send(http(), { method: 'POST', url: `${base}/gzip`, json: {}, purpose: 'send' });
    expect([res.status, res.json, res.headers.get('Retry-After'), res.headers.get('x-nothing')]).toEqual([429, { error: 'slow down' }, '7', null]);
  });

  it('an unparsable URL is a network error without the URL', async () => {
    const err = await platformFailure(send(http(), { method: 'GET', url: `not a url ${SECRET}`, purpose: 'x' }));
    expect(err.kind).toBe('network');
    expect(JSON.stringify([err.message, String(err.cause)])).not.toContain(SECRET);
  });

  it('an injected fetch is called as given', async () => {
    const seen: string[] = [];
    const injected = (async (input: string | URL | Request, init?: RequestInit) => {
      seen.push(`${init?.method} ${String(input)}`);
      return new Response('{"ok":true}', { status: 200, headers: { 'retry-after': '3' } });
    }) as typeof fetch;
    const res = await send({ ...http(), fetch: injected }, { method: 'DELETE', url: 'https://example.invalid/x', purpose: 'x' });
    expect([seen, res.json, res.headers.get('retry-after')]).toEqual([['DELETE https://example.invalid/x'], { ok: true }, '3']);
  });

  it('times out as a transient network error, without the URL', async () => {
    const err = await platformFailure(send(http(100), { method: 'GET', url: `${base}/slow?token=${SECRET}`, purpose: 'revoke' }));
    expect([err.kind, err.transient]).toEqual(['network', true]);
    expect(err.message).toMatch(/timed out after 100 ms/);
    expect(JSON.stringify([err.message, String(err.cause), err.details])).not.toContain(SECRET);
  });

  it('does not follow redirects: a 3xx is an unexpected status', async () => {
    const err = await platformFailure(send(http(), { method: 'POST', url: `${base}/redirect?token=${SECRET}`, purpose: 'revoke' }));
    expect([err.kind, err.httpStatus, err.transient]).toEqual(['status', 302, false]);
    expect(err.message).not.toContain(SECRET);
  });

  it('a dropped connection and a refused one are network errors', async () => {
    expect((await platformFailure(send(http(), { method: 'GET', url: `${base}/drop?token=${SECRET}`, purpose: 'x' }))).kind).toBe('network');
    const refused = await platformFailure(send(http(), { method: 'GET', url: `http://127.0.0.1:1/?token=${SECRET}`, purpose: 'x' }));
    expect(refused.kind).toBe('network');
    expect(JSON.stringify([refused.message, String(refused.cause)])).not.toContain(SECRET);
  });
});
