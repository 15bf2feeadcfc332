/**
 * Retry-After as the client honours it, against a local HTTP server that answers the way Bifrost does
 * when a limit is full or it cannot serve now (429 / 503 with Retry-After and Bifrost's error body):
 * the client waits at least the time named, then tries again; a send is not retried after a 5xx; a
 * wait longer than allowed is thrown with `retryAfterMs`. And the token cache's edges that need
 * answers Bifrost would only give by chance: a token inside the margin, a report racing a slow read.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BifrostNetworkError, BifrostRateLimitError, BifrostUnavailableError, createClient } from '@bifrost/client';

interface Seen {
  at: number;
  method: string;
  url: string;
  authorization: string | undefined;
  internal: string | undefined;
}

describe('client transport: Retry-After and the token cache', () => {
  let server: Server;
  let url: string;
  const seen: Seen[] = [];
  /** Answers queued per request, in order; when empty: 200 with a token. */
  let script: Array<{ status: number; retryAfter?: string; code?: string; body?: unknown; delayMs?: number }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ at: Date.now(), method: req.method!, url: req.url!, authorization: req.headers.authorization, internal: req.headers['x-internal-secret'] as string | undefined });
      const next = script.shift();
      if (next) {
        setTimeout(() => {
          res.writeHead(next.status, { 'content-type': 'application/json', ...(next.retryAfter ? { 'retry-after': next.retryAfter } : {}) });
          res.end(JSON.stringify(next.body ?? { error: { code: next.code, message: `scripted ${next.code}` } }));
        }, next.delayMs ?? 0);
        return;
      }
      res.writeHead(req.url!.includes('/chat/') ? 201 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ access_token: 'tok', expires_at: new Date(Date.now() + 3_600_000).toISOString(), message_id: 'm1' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  beforeEach(() => {
    seen.length = 0;
    script = [];
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('waits the Retry-After of a 429, then succeeds', async () => {
    script = [{ status: 429, retryAfter: '1', code: 'RATE_LIMITED' }];
    const client = createClient({ baseUrl: url, serviceKey: 'bfs_test' });
    await client.chat.send('twitch', { text: 'hi' });
    expect(seen).toHaveLength(2);
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(seen[0]!.authorization).toBe('Bearer bfs_test');
  });

  it('retries a retryable 503 on a token read, with the HTTP-date form of Retry-After too', async () => {
    script = [{ status: 503, retryAfter: new Date(Date.now() + 1500).toUTCString(), code: 'PLATFORM_UNAVAILABLE' }];
    const client = createClient({ baseUrl: url, internalSecret: 'secret-0123456789' });
    expect((await client.getToken('int_a')).access_token).toBe('tok');
    expect(seen.map((s) => s.url)).toEqual(['/internal/integrations/int_a/token', '/internal/integrations/int_a/token']);
    expect(seen[0]!.internal).toBe('secret-0123456789');
    expect(seen[0]!.authorization).toBeUndefined();
  });

  it('does not retry a send after a 5xx (the platform may have posted it)', async () => {
    script = [{ status: 503, retryAfter: '1', code: 'PLATFORM_UNAVAILABLE' }];
    const client = createClient({ baseUrl: url, apiKey: 'bf_test' });
    const err = await client.chat.send('twitch', { text: 'once' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BifrostUnavailableError);
    expect(err).toMatchObject({ code: 'PLATFORM_UNAVAILABLE', retryAfterMs: 1000, retryable: true });
    expect(seen).toHaveLength(1);
  });

  it('throws instead of waiting longer than maxRetryWaitMs, and stops after maxRetries', async () => {
    script = [{ status: 429, retryAfter: '120', code: 'RATE_LIMITED' }];
    const client = createClient({ baseUrl: url, serviceKey: 'bfs_test', maxRetryWaitMs: 5_000 });
    await expect(client.chat.send('twitch', { text: 'later' })).rejects.toMatchObject({ constructor: BifrostRateLimitError, retryAfterMs: 120_000 });
    expect(seen).toHaveLength(1);

    seen.length = 0;
    script = [1, 2, 3].map(() => ({ status: 503, retryAfter: '0', code: 'UNAVAILABLE' }));
    const few = createClient({ baseUrl: url, serviceKey: 'bfs_test', maxRetries: 2 });
    await expect(few.getToken('int_b')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(seen).toHaveLength(3);
  });

  it('keeps a token until shortly before it expires (never one inside the margin)', async () => {
    const token = (name: string, lifetimeMs: number) => ({ status: 200, body: { access_token: name, expires_at: new Date(Date.now() + lifetimeMs).toISOString() } });
    script = [token('long', 3_600_000)];
    const client = createClient({ baseUrl: url, serviceKey: 'bfs_test' });
    await client.getToken('int_long');
    expect((await client.getToken('int_long')).access_token).toBe('long');
    expect(seen).toHaveLength(1);

    seen.length = 0;
    script = [token('short-1', 30_000), token('short-2', 30_000)];
    expect((await client.getToken('int_short')).access_token).toBe('short-1');
    expect((await client.getToken('int_short')).access_token).toBe('short-2');
    expect(seen).toHaveLength(2);
  });

  it('a read that started before a report does not put the replaced token back in the cache', async () => {
    const hour = () => new Date(Date.now() + 3_600_000).toISOString();
    script = [
      { status: 200, delayMs: 300, body: { access_token: 'old', expires_at: hour() } },
      { status: 200, body: { access_token: 'new', expires_at: hour() } },
    ];
    const client = createClient({ baseUrl: url, serviceKey: 'bfs_test' });
    const slowRead = client.getToken('int_r');
    // The read has reached the server (which holds its answer 300 ms) before the report is made.
    while (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await client.reportInvalid('int_r')).access_token).toBe('new');
    expect((await slowRead).access_token).toBe('old');
    expect((await client.getToken('int_r')).access_token).toBe('new');
    expect(seen.map((s) => s.url)).toEqual(['/internal/integrations/int_r/token', '/internal/integrations/int_r/token/invalid']);
  });

  it('an unreachable Bifrost is a BifrostNetworkError', async () => {
    const client = createClient({ baseUrl: 'http://127.0.0.1:1', serviceKey: 'bfs_test', maxRetries: 0 });
    await expect(client.getToken('int_c')).rejects.toBeInstanceOf(BifrostNetworkError);
  });
});
