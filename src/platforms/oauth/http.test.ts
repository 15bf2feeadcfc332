// Outbound HTTP: timeouts, no redirects followed, network failures typed, and no URL in any error.
import { createServer, type Server } from 'node:http';
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
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ method: req.method, ct: req.headers['content-type'] }));
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
    expect([res.status, res.json]).toEqual([200, { method: 'POST', ct: 'application/x-www-form-urlencoded' }]);
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
