/** A fake's WebSocket route answers alone, inside an app that routes upgrades through @fastify/websocket, and in sandbox mode. */
import websocket from '@fastify/websocket';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp } from '../../http/app.ts';
import { testRuntime } from '../../../test/support/runtime.ts';
import { FakeAuthServer } from './auth-server.ts';
import { twitchFake } from '../twitch/fake.ts';
import { eventSubPlugin } from '../twitch/fake-eventsub.ts';
import { injectFetch } from '../testing.ts';
import { baseUrlsUnder } from '../definition.ts';
import { socketTestContext } from '../testing/socket-connector-context.ts';
import { createTrovoChatConnector } from '../trovo/chat-socket.ts';
import { trovo } from '../trovo/index.ts';
import { trovoFake } from '../trovo/fake.ts';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** The first frame a WebSocket client receives at `url`. */
function firstFrame(url: string): Promise<{ metadata: { message_type: string } }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('message', (raw) => {
      resolve(JSON.parse(String(raw)));
      ws.close();
    });
    ws.once('error', reject);
  });
}

describe('fake WebSocket routes', () => {
  it('serve a welcome when another plugin routes every upgrade through Fastify (@fastify/websocket)', async () => {
    const app = Fastify({ logger: false, forceCloseConnections: true });
    await app.register(async (scope) => {
      await scope.register(websocket);
      scope.get('/other/ws', { websocket: true }, (socket) => socket.send('other'));
    });
    await app.register(eventSubPlugin, { prefix: '/sandbox/twitch', server: new FakeAuthServer(twitchFake) });
    const url = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('http', 'ws');
    closers.push(() => app.close());
    expect((await firstFrame(`${url}/sandbox/twitch/ws`)).metadata.message_type).toBe('session_welcome');
    // The other plugin's socket still works.
    const other = await new Promise<string>((resolve) => new WebSocket(`${url}/other/ws`).once('message', (raw) => resolve(String(raw))));
    expect(other).toBe('other');
  });

  it('alone, answer 404 to an upgrade for a path no fake serves', async () => {
    const app = Fastify({ logger: false, forceCloseConnections: true });
    await app.register(eventSubPlugin, { prefix: '/sandbox/twitch', server: new FakeAuthServer(twitchFake) });
    const url = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('http', 'ws');
    closers.push(() => app.close());
    const refused = await new Promise<string>((resolve) => new WebSocket(`${url}/nowhere`).once('error', (err) => resolve(err.message)));
    expect(refused).toMatch(/404/);
    expect((await firstFrame(`${url}/sandbox/twitch/ws`)).metadata.message_type).toBe('session_welcome');
  });

  it('share a path with a JSON route: Trovo\'s GET /chat lists chat, a WebSocket upgrade there reaches the chat service', async () => {
    const app = Fastify({ logger: false, forceCloseConnections: true });
    await app.register(async (scope) => {
      await scope.register(websocket);
    });
    await app.register(trovoFake.plugin, { prefix: '/sandbox/trovo', server: new FakeAuthServer(trovoFake) });
    const root = await app.listen({ host: '127.0.0.1', port: 0 });
    closers.push(() => app.close());
    const listing = await fetch(`${root}/sandbox/trovo/chat`);
    expect(listing.status).toBe(200);
    const token = ((await (await fetch(`${root}/sandbox/trovo/openplatform/chat/channel-token/100000032`, { headers: { 'client-id': 'trovo-test-client' } })).json()) as { token: string }).token;
    const answer = await new Promise<{ type: string; nonce: string }>((resolve, reject) => {
      const ws = new WebSocket(`${root.replace('http', 'ws')}/sandbox/trovo/chat`);
      ws.once('open', () => ws.send(JSON.stringify({ type: 'AUTH', nonce: 'n1', data: { token } })));
      ws.once('message', (raw) => (resolve(JSON.parse(String(raw))), ws.close()));
      ws.once('error', reject);
    });
    expect(answer).toEqual({ type: 'RESPONSE', nonce: 'n1' });
  });

  it('serve a welcome in sandbox mode, and a plain GET is told to upgrade', async () => {
    const rt = await testRuntime({ overrides: { sandbox: true }, fetch: injectFetch(() => app) });
    closers.push(() => rt.close());
    const app = await buildApp(rt);
    closers.push(() => app.close());
    const url = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('http', 'ws');
    expect((await firstFrame(`${url}/sandbox/twitch/ws`)).metadata.message_type).toBe('session_welcome');
    const plain = await app.inject({ method: 'GET', url: '/sandbox/twitch/ws' });
    expect(plain.statusCode).toBe(426);
    // The StreamElements sandbox's socket too; and no upgrade was taken twice (one @fastify/websocket for the whole app).
    await new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(`${url}/sandbox/streamelements/astro`);
      ws.once('open', () => {
        ws.close();
        resolve();
      });
      ws.once('error', reject);
    });
    expect(rt.logs.text()).not.toContain('websocket upgrade failed');

    // Trovo's chat needs only a Client-ID: its connector runs against the sandbox, fed by POST /sandbox/trovo/events.
    const root = url.replace('ws', 'http');
    const ctx = socketTestContext({ baseUrls: baseUrlsUnder(`${root}/sandbox/trovo`, trovo.defaultBaseUrls), channel: { platformUserId: '100000022', username: 'streamer_one', channelId: '100000032' }, token: 'unused', credentials: { clientId: 'sandbox-trovo-client' } });
    closers.push(async () => ctx.abort.abort(new Error('test over')));
    void createTrovoChatConnector().run(ctx).catch(() => {});
    await ctx.until(() => ctx.states.at(-1)?.state === 'connected');
    const sent = await app.inject({ method: 'POST', url: '/sandbox/trovo/events', payload: { type: 'follow', channel_id: '100000032' } });
    expect(sent.statusCode).toBe(202);
    await ctx.until(() => ctx.emitted.length === 1);
    expect(ctx.emitted[0]!.event).toMatchObject({ type: 'follow', sourceId: sent.json().message_id });
  });
});
