/**
 * The server's hot path (hot-routes.ts): what it answers itself, what it leaves to Fastify having done
 * nothing, and that its answers are the routes' own, header for header and byte for byte.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerOf } from '../../test/support/callers.ts';
import { tokensRuntime } from '../../test/support/tokens-runtime.ts';
import type { TestRuntime } from '../../test/support/runtime.ts';
import { seedAccount, seedIntegration } from '../../test/support/token-seed.ts';
import { startFake, type TwitchFakeKnobs } from '../platforms/twitch/fake.ts';
import type { FakeHandle } from '../platforms/fake/harness.ts';
import type { IntegrationRow } from '../integrations/model.ts';
import { createServiceKey } from '../consumers/service-keys.ts';
import { enableTokenServer } from '../consumers/token-server.ts';
import { buildApp, type App } from './app.ts';
import { baseHeaders, securityHeaders } from './security-headers.ts';
import { createHotRoutes, type HotRoutesOptions } from './hot-routes.ts';

const KEY = 'hot-path-internal-key-0123456789abcdef';

let fake: FakeHandle<TwitchFakeKnobs>;
let rt: TestRuntime;
let row: IntegrationRow;
let uncached: IntegrationRow;
let serviceKey: string;
let companionId: string;

beforeAll(async () => {
  fake = await startFake({ knobs: { accessTokenLifetime: 4 * 3600 } });
  // The read cache on, as deployed: the hot path answers only cached tokens.
  rt = await tokensRuntime({ fake: fake as never, env: { INTERNAL_SERVICE_KEY: KEY }, tokens: { read_cache_ms: 60_000 } });
  const accountId = await seedAccount(rt);
  row = await seedIntegration(rt, fake as never, { accountId, type: 'channel', expiresInMs: 4 * 3600_000 });
  uncached = await seedIntegration(rt, fake as never, { accountId, type: 'bot', expiresInMs: 4 * 3600_000 });
  serviceKey = (await createServiceKey(rt, callerOf(accountId), { name: 'hot' })).key;
  companionId = (await enableTokenServer(rt, callerOf(accountId), row.id)).tokenServerId;
});
afterAll(async () => {
  await rt?.close();
  await fake?.close();
});

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Headers both paths send, without those Node's server adds per connection (the injected answer has none). */
function comparable(headers: Record<string, string | string[] | number | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || ['date', 'connection', 'keep-alive'].includes(name)) continue;
    out[name] = String(value);
  }
  return out;
}

async function call(origin: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  const res = await fetch(origin + path, { method, headers, ...(body === undefined ? {} : { body }) });
  return { status: res.status, headers: comparable(Object.fromEntries(res.headers)), body: await res.text() };
}

const tokenPath = (id: string) => `/internal/integrations/${id}/token`;
const internal = { 'x-internal-secret': KEY };

describe('the hot path on its own', () => {
  let server: Server;
  let origin: string;
  const fellThrough: string[] = [];
  let closing = false;
  const options: HotRoutesOptions = { headers: baseHeaders(securityHeaders({ https: false })), trustProxy: false, closing: () => closing };

  beforeAll(async () => {
    const hot = createHotRoutes(rt, options);
    server = createServer((req, res) => {
      if (hot(req, res)) return;
      // Left alone: nothing written yet, and the body (if any) still unread.
      expect(res.headersSent).toBe(false);
      fellThrough.push(`${req.method} ${req.url}`);
      req.resume();
      req.on('end', () => res.writeHead(599).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const served = async (method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> => {
    const before = fellThrough.length;
    const answer = await call(origin, method, path, headers, body);
    expect(fellThrough.length, `${method} ${path} was answered by the hot path`).toBe(before);
    expect(answer.status).toBe(200);
    return answer;
  };
  const left = async (method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<void> => {
    const answer = await call(origin, method, path, headers, body);
    expect(answer.status, `${method} ${path} was left to the route`).toBe(599);
    expect(fellThrough.at(-1)).toBe(`${method} ${path}`);
  };

  it('answers GET /healthz and leaves HEAD, a query, a trailing slash and a body to the route', async () => {
    expect(JSON.parse((await served('GET', '/healthz')).body)).toEqual({ status: 'ok' });
    await left('HEAD', '/healthz');
    await left('GET', '/healthz?probe=1');
    await left('GET', '/healthz/');
    await left('GET', '/readyz');
  });

  it('answers a cached token to a known consumer, counted as a read; anything else is the route\'s, with nothing done', async () => {
    // Not cached yet: the route reads the database; afterwards the token is cached.
    await left('POST', tokenPath(row.id), internal);
    await rt.consumers.readToken({ kind: 'internal', id: 'internal', label: 'internal service key' }, row.id);
    await rt.consumers.flushReads();
    const readsOf = async () => Number((await rt.store.db.selectFrom('consumer_reads').select('read_count').where('integration_id', '=', row.id).where('consumer', '=', 'internal').executeTakeFirst())?.read_count ?? 0);
    const before = await readsOf();

    const answer = await served('POST', tokenPath(row.id), internal);
    expect(JSON.parse(answer.body)).toMatchObject({ token_type: 'bearer', platform: 'twitch', integration_type: 'channel' });
    expect(answer.headers['cache-control']).toBe('no-store');
    await rt.consumers.flushReads();
    expect(await readsOf()).toBe(before + 1);

    // Refusals and lookups: the route answers them (and counts nothing here).
    await left('POST', tokenPath(row.id), { 'x-internal-secret': 'wrong' });
    await left('POST', tokenPath(row.id));
    await left('POST', tokenPath(uncached.id), internal);
    await left('POST', tokenPath('int_missing'), internal);
    await left('POST', tokenPath('not%20an%20id'), internal);
    await left('POST', `${tokenPath(row.id)}?x=1`, internal);
    await left('POST', tokenPath(row.id), { ...internal, 'content-type': 'application/json' }, '{}');
    await left('GET', tokenPath(row.id), internal);
    await rt.consumers.flushReads();
    expect(await readsOf()).toBe(before + 1);
  });

  it('answers a remembered service key and leaves its first use, which must be looked up, to the route', async () => {
    const bearer = { authorization: `Bearer ${serviceKey}` };
    rt.consumers.forgetServiceKeys();
    await left('POST', tokenPath(row.id), bearer);
    // The route's own lookup (the hot path's was shared with it and its outcome dropped) remembers the key.
    const consumer = await rt.consumers.authenticate(bearer);
    expect(consumer.kind).toBe('service_key');
    await served('POST', tokenPath(row.id), bearer);
    await left('POST', tokenPath(row.id), { authorization: 'Bearer bfs_unknown' });
  });

  it('answers a remembered Companion id whose token is cached, and leaves a new, wrong or odd one to the route', async () => {
    rt.consumers.forgetTokenServers();
    await left('GET', `/v1/token-server?id=${companionId}`);
    expect(await rt.consumers.serveTokenServer(companionId, '127.0.0.1')).toMatch(/^[a-z0-9]{30}$/);
    const answer = await served('GET', `/v1/token-server?id=${companionId}`);
    expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(answer.body).toMatch(/^[a-z0-9]{30}$/);
    await left('GET', `/v1/token-server?id=${companionId}&extra=1`);
    await left('GET', '/v1/token-server?id=00000000-0000-4000-8000-000000000000');
    await left('GET', '/v1/token-server?id=not-a-guid');
    await left('GET', '/v1/token-server');
  });

  it('leaves everything to the route while the server closes, at debug level, and for forwarded requests behind trusted proxies', async () => {
    closing = true;
    await left('GET', '/healthz');
    closing = false;
    await served('GET', '/healthz');

    const level = rt.log.level;
    rt.log.level = 'debug';
    try {
      await left('GET', '/healthz');
    } finally {
      rt.log.level = level;
    }

    const behindProxy = createHotRoutes(rt, { ...options, trustProxy: true, closing: () => false });
    const probe = (headers: Record<string, string>) => {
      const req = { method: 'GET', url: '/healthz', headers, socket: { remoteAddress: '127.0.0.1' } };
      const writes: unknown[] = [];
      const res = { writeHead: (...a: unknown[]) => writes.push(a), end: (...a: unknown[]) => writes.push(a) };
      return { answered: behindProxy(req as never, res as never), writes };
    };
    expect(probe({ 'x-forwarded-for': '203.0.113.7' })).toEqual({ answered: false, writes: [] });
    expect(probe({}).answered).toBe(true);
  });
});

describe('the hot path in the server', () => {
  let app: App;
  let origin: string;

  beforeAll(async () => {
    app = await buildApp(rt);
    origin = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
    // Warm: the token cached, the service key and the Companion id remembered.
    await rt.consumers.readToken({ kind: 'internal', id: 'internal', label: 'internal service key' }, row.id);
    await rt.consumers.authenticate({ authorization: `Bearer ${serviceKey}` });
    await rt.consumers.serveTokenServer(companionId, '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers the three hot requests with the same status, headers and body as their Fastify routes', async () => {
    const requests: [string, string, Record<string, string>][] = [
      ['GET', '/healthz', {}],
      ['POST', tokenPath(row.id), internal],
      ['POST', tokenPath(row.id), { authorization: `Bearer ${serviceKey}` }],
      ['GET', `/v1/token-server?id=${companionId}`, {}],
    ];
    for (const [method, url, headers] of requests) {
      const overHttp = await call(origin, method, url, headers);
      const routed = await app.inject({ method: method as 'GET', url, headers });
      expect(overHttp.status, url).toBe(200);
      expect(overHttp, `${method} ${url}`).toEqual({ status: routed.statusCode, headers: comparable(routed.headers), body: routed.body });
    }
  });

  it('hands every other request to Fastify on the same server: a refusal, a HEAD, a miss', async () => {
    const refused = await call(origin, 'POST', tokenPath(row.id), { 'x-internal-secret': 'wrong' });
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'CONSUMER_UNAUTHENTICATED' } });
    expect(refused.headers['cache-control']).toBe('no-store');
    expect((await call(origin, 'HEAD', '/healthz')).status).toBe(200);
    expect((await call(origin, 'POST', tokenPath(uncached.id), internal)).status).toBe(200);
    expect((await call(origin, 'GET', '/v1/token-server?id=00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
