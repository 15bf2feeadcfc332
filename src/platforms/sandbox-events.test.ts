/**
 * Sandbox mode's event controls on a listening server: POST /sandbox/youtube/events adds a chat
 * message, POST /sandbox/kick/events signs a delivery and sends it to this server's ingest route
 * (whose signature check uses the key the sandbox fake serves), and POST /sandbox/streamelements/events
 * reaches a StreamElements connector subscribed to the sandbox gateway.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { buildApp, type App } from '../http/app.ts';
import { createStreamElementsConnector, sandboxAstroUrl } from '../tools/streamelements-connector.ts';
import { testConnectorContext } from './testing/connector-context.ts';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('sandbox event controls', () => {
  let rt: TestRuntime;
  let app: App;
  let base: string;
  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    rt = await testRuntime({ overrides: { sandbox: true, server: { public_url: base } } });
    app = await buildApp(rt);
    await app.listen({ host: '127.0.0.1', port });
  });
  afterAll(async () => {
    await app?.close();
    await rt?.close();
  });

  const post = (path: string, body: unknown) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('YouTube: adds a message of a known type, refuses an unknown one', async () => {
    const ok = await post('/sandbox/youtube/events', { type: 'superchat', amount: 3 });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, id: expect.any(String) });
    const bad = await post('/sandbox/youtube/events', { type: 'follow' });
    expect(bad.status).toBe(400);
  });

  it('Kick: the delivery is signed with the key the sandbox serves (then refused: no subscription is held)', async () => {
    const res = await post('/sandbox/kick/events', { type: 'follow' });
    expect(res.status).toBe(200);
    // 404 WEBHOOK_SUBSCRIPTION_UNKNOWN comes after the signature check passed (a bad one is 401).
    expect(await res.json()).toMatchObject({ ok: true, statuses: [404] });
  });

  it('StreamElements: a tip sent from the control route reaches a subscribed connector', async () => {
    const ctx = testConnectorContext({ baseUrls: {}, token: 'any.sandbox.jwt' });
    const run = createStreamElementsConnector({ astroUrl: sandboxAstroUrl(base) }).run(ctx);
    while (!ctx.states.some((s) => s.state === 'connected')) await new Promise((r) => setTimeout(r, 5));
    expect((await post('/sandbox/streamelements/events', { type: 'tip', amount: 7, currency: 'EUR', username: 'kind' })).status).toBe(200);
    while (ctx.events.length === 0) await new Promise((r) => setTimeout(r, 5));
    ctx.abort.abort();
    await run;
    expect(ctx.events[0]).toMatchObject({ type: 'tip', actor: { username: 'kind' }, data: { amount: 7, currency: 'EUR' } });
  });
});
