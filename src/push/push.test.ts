/** Push instead of poll: SSE across instances, signed webhooks with retries; health in the API; metrics. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFake, type TwitchFakeKnobs } from '../platforms/twitch/fake.ts';
import type { FakeHandle } from '../platforms/fake/harness.ts';
import { buildApp, type App } from '../http/app.ts';
import type { TestRuntime } from '../../test/support/runtime.ts';
import { memberSession } from '../../test/support/auth.ts';
import { tokensRuntime, siblingOf } from '../../test/support/tokens-runtime.ts';
import { seedIntegration } from '../../test/support/token-seed.ts';
import { createWorker } from '../worker/worker.ts';
import { startMetricsListener } from '../http/metrics-listener.ts';

const KEY = 'push-test-internal-key';
let fake: FakeHandle<TwitchFakeKnobs>;
let rt: TestRuntime;
let appA: App;
let appB: App;
let originB: string;

beforeAll(async () => {
  fake = await startFake({ knobs: { accessTokenLifetime: 3600 } });
  rt = await tokensRuntime({ fake: fake as never, env: { INTERNAL_SERVICE_KEY: KEY }, tokens: { events_poll_interval: 0.05 }, overrides: { metrics: { enabled: true } } });
  appA = await buildApp(rt);
  // Instance B shares the database only.
  appB = await buildApp(siblingOf(rt));
  originB = (await appB.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
});
afterAll(async () => {
  await appB.close();
  await appA.close();
  await rt.close();
  await fake.close();
});

/** Reads SSE frames until `want` matches one (or the time runs out). */
async function readEvents(res: Response, want: (frame: string) => boolean, ms = 5000): Promise<string[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const frames: string[] = [];
  let buffer = '';
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now()))]);
    if (!chunk || chunk.done) break;
    buffer += decoder.decode(chunk.value, { stream: true });
    const parts = buffer.split('\n\n');
    buffer = parts.pop()!;
    frames.push(...parts);
    if (parts.some(want)) break;
  }
  await reader.cancel().catch(() => {});
  return frames;
}

describe('GET /internal/events', () => {
  it('tells a consumer on instance B that instance A refreshed a token it may read, and nobody else', async () => {
    const owner = await memberSession(appA, rt, { role: 'owner' });
    const other = await memberSession(appA, rt, { role: 'owner' });
    const row = await seedIntegration(rt, fake as never, { accountId: owner.accountId });
    const otherKey = (await appA.inject({ method: 'POST', url: '/v1/service-keys', headers: other.headers, payload: { name: 'other' } })).json().key as string;
    const mine = await fetch(`${originB}/internal/events`, { headers: { 'x-internal-secret': KEY } });
    const theirs = await fetch(`${originB}/internal/events`, { headers: { authorization: `Bearer ${otherKey}` } });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(mine.headers.get('cache-control')).toBe('no-store');
    await rt.refresh.refreshIntegration(row.id, { trigger: 'manual' });
    const frames = await readEvents(mine, (f) => f.includes(row.id));
    const frame = frames.find((f) => f.includes(row.id))!;
    expect(frame).toContain('event: token.refreshed');
    const data = JSON.parse(frame.split('\n').find((l) => l.startsWith('data: '))!.slice(6));
    expect(data).toMatchObject({ type: 'token.refreshed', integration_id: row.id, platform: 'twitch', data: { version: row.token_version + 1 } });
    expect(JSON.stringify(data)).not.toMatch(/access_token|refresh_token/);
    const notForThem = await readEvents(theirs, (f) => f.includes(row.id), 500);
    expect(notForThem.some((f) => f.includes(row.id))).toBe(false);
    expect((await fetch(`${originB}/internal/events`)).status).toBe(401);
  });

  it('ends the stream of a service key once the key is deleted', async () => {
    const owner = await memberSession(appA, rt, { role: 'owner' });
    const created = (await appA.inject({ method: 'POST', url: '/v1/service-keys', headers: owner.headers, payload: { name: 'short-lived' } })).json() as { id: string; key: string };
    const res = await fetch(`${originB}/internal/events`, { headers: { authorization: `Bearer ${created.key}` } });
    expect(res.status).toBe(200);
    await appA.inject({ method: 'DELETE', url: `/v1/service-keys/${created.id}`, headers: owner.headers });
    const reader = res.body!.getReader();
    const ended = await Promise.race([
      (async () => {
        while (!(await reader.read()).done);
        return true;
      })(),
      new Promise<boolean>((r) => setTimeout(() => r(false), 5000)),
    ]);
    expect(ended).toBe(true);
  });
});

describe('webhooks', () => {
  let server: Server;
  let url: string;
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];
  let failNext = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (failNext > 0) {
          failNext--;
          res.writeHead(500).end();
          return;
        }
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const addr = server.address() as { port: number };
    url = `http://127.0.0.1:${addr.port}/hooks/bifrost`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('delivers signed events, retries a failed delivery, and shows the result', async () => {
    const owner = await memberSession(appA, rt, { role: 'owner' });
    const created = await appA.inject({ method: 'POST', url: '/v1/webhooks', headers: owner.headers, payload: { url, events: ['token.refreshed', 'token.needs_reauth'] } });
    expect(created.statusCode).toBe(201);
    const { secret, id } = created.json() as { secret: string; id: string };
    expect(secret).toMatch(/^whsec_/);
    const stored = await rt.store.db.selectFrom('webhooks').select('secret_enc').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.secret_enc).not.toContain(secret);

    const row = await seedIntegration(rt, fake as never, { accountId: owner.accountId });
    failNext = 1;
    await rt.refresh.refreshIntegration(row.id, { trigger: 'manual' });
    const worker = createWorker(rt);
    await worker.tick({ settle: true });
    expect(received).toHaveLength(0);
    const pending = await rt.store.db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', id).executeTakeFirstOrThrow();
    expect(pending).toMatchObject({ state: 'pending', attempts: 1, last_status: 500 });
    await rt.store.db.updateTable('webhook_deliveries').set({ next_attempt_at: 0 }).where('id', '=', pending.id).execute();
    await worker.tick({ settle: true });
    expect(received).toHaveLength(1);
    const { headers, body } = received[0]!;
    expect(headers['x-bifrost-event']).toBe('token.refreshed');
    const [t, v1] = String(headers['x-bifrost-signature']).split(',').map((p) => p.split('=')[1]!);
    expect(v1).toBe(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'));
    expect(JSON.parse(body)).toMatchObject({ type: 'token.refreshed', integration_id: row.id });
    const listed = await appA.inject({ method: 'GET', url: '/v1/webhooks', headers: owner.headers });
    expect(listed.json().items[0]).toMatchObject({ id, url, last_status: 204 });
    expect(listed.body).not.toContain(secret);
    expect((await appA.inject({ method: 'DELETE', url: `/v1/webhooks/${id}`, headers: owner.headers })).statusCode).toBe(204);
  });

  it('refuses non-http targets and unknown events', async () => {
    const owner = await memberSession(appA, rt, { role: 'owner' });
    for (const payload of [{ url: 'ftp://x.example/', events: ['token.refreshed'] }, { url, events: ['token.leaked'] }, { url, events: [] }]) {
      expect((await appA.inject({ method: 'POST', url: '/v1/webhooks', headers: owner.headers, payload })).statusCode).toBe(400);
    }
  });
});

describe('health in the API', () => {
  it('GET /v1/integrations/{id} shows status, reason, next refresh, last refresh result and validation', async () => {
    const owner = await memberSession(appA, rt, { role: 'owner' });
    const row = await seedIntegration(rt, fake as never, { accountId: owner.accountId, expiresInMs: -1000 });
    fake.knobs.forceStatus = 503;
    await rt.refresh.refreshIntegration(row.id, { trigger: 'manual' }).catch(() => {});
    fake.knobs.forceStatus = null;
    const view = (await appA.inject({ method: 'GET', url: `/v1/integrations/${row.id}`, headers: owner.headers })).json();
    expect(view).toMatchObject({ status: 'active', last_refresh_result: 'transient', last_refresh_error: 'status:503', consecutive_failures: 1, last_validated_at: null });
    await rt.refresh.refreshIntegration(row.id, { trigger: 'manual' });
    const healthy = (await appA.inject({ method: 'GET', url: `/v1/integrations/${row.id}`, headers: owner.headers })).json();
    expect(healthy).toMatchObject({ last_refresh_result: 'ok', consecutive_failures: 0 });
    expect(Date.parse(healthy.next_refresh_at)).toBeLessThan(Date.parse(healthy.token_expires_at));
  });
});

describe('metrics', () => {
  it('exposes refreshes by platform and outcome, integrations by status, reads and lease conflicts', async () => {
    const res = await appA.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0.0.4/);
    expect(res.body).toMatch(/bifrost_token_refreshes_total\{platform="twitch",outcome="ok"\} \d+/);
    expect(res.body).toMatch(/bifrost_integrations\{platform="twitch",status="active"\} \d+/);
    expect(res.body).toContain('# TYPE bifrost_refresh_lease_conflicts_total counter');
  });

  it('can listen on its own address instead', async () => {
    const separate = await tokensRuntime({ fake: fake as never, overrides: { metrics: { enabled: true, listen: '127.0.0.1:0' } } });
    const listener = (await startMetricsListener(separate))!;
    try {
      const res = await fetch(`${listener.address}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('bifrost_token_reads_total');
      expect((await fetch(`${listener.address}/other`)).status).toBe(404);
    } finally {
      await listener.close();
      await separate.close();
    }
  });
});
