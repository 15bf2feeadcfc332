/**
 * Delivery of the event log, on both databases: SSE and WebSocket resume with Last-Event-ID and
 * `?after` with no gap and no duplicate; a consumer that drops out during a burst of 1,000 events
 * and resumes gets all 1,000 exactly once and in order; filters, and bad filters as a 400 naming the
 * value; history pages; a slow consumer's bounded buffer falls back to the log without slowing
 * appends; on PostgreSQL an append on one instance reaches a stream on another (NOTIFY).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp, type App } from '../http/app.ts';
import { openStore } from '../store/db.ts';
import { storeTargets, TEST_DATABASE_URL } from '../../test/support/stores.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { memberSession } from '../../test/support/auth.ts';
import { chat, openSse, tip, until } from '../../test/support/events.ts';
import type { StoredEvent } from '../platforms/event-types.ts';
import { appendEvents, type AppendTarget } from './log.ts';
import { createServiceKey } from '../consumers/service-keys.ts';
import { callerOf } from '../../test/support/callers.ts';

for (const target of storeTargets()) {
  describe(`event delivery on ${target.name}`, () => {
    let rt: TestRuntime;
    let app: App;
    let origin: string;
    let viewer: { accountId: string; headers: Record<string, string> };
    let burst = 0;

    beforeAll(async () => {
      rt = await testRuntime({ store: await target.open(), overrides: { events: { enabled: false } } });
      app = await buildApp(rt);
      origin = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
      viewer = await memberSession(app, rt, { role: 'viewer' });
    });
    afterAll(async () => {
      await app?.close();
      await rt?.close();
    });

    const twitch = (): AppendTarget => ({ accountId: viewer.accountId, platform: 'twitch', integrationId: null, source: 'twitch.eventsub' });
    const append = (events: Parameters<typeof appendEvents>[2], t = twitch()) => appendEvents(rt, t, events);
    const seqsOf = (frames: { data: Record<string, unknown> }[]) => frames.map((f) => f.data.seq as number);

    it('streams SSE frames with id = seq, event = type and the snake_case envelope, and resumes with Last-Event-ID and after', async () => {
      const base = (await append([chat(1000)]))[0]!.seq;
      const sse = await openSse(`${origin}/v1/events?after=${base}`, viewer.headers);
      expect(sse.status).toBe(200);
      await append([chat(1001), chat(1002)]);
      await until(() => sse.frames.length === 2, 'two live frames');
      const f = sse.frames[0]!;
      expect(f.id).toBe(String(base + 1));
      expect(f.event).toBe('chat.message');
      expect(Object.keys(f.data).sort()).toEqual(['account_id', 'actor', 'data', 'id', 'integration_id', 'occurred_at', 'platform', 'received_at', 'seq', 'source', 'type']);
      expect(f.data).toMatchObject({ seq: base + 1, type: 'chat.message', account_id: viewer.accountId, platform: 'twitch', source: 'twitch.eventsub', integration_id: null, data: { message_id: 'm1001', text: 'hello 1001' } });
      expect(f.data.occurred_at).toBe(new Date(1_700_000_000_000 + 1001).toISOString());
      sse.close();
      await append([chat(1003)]);
      // Last-Event-ID resumes after the last frame seen; ?after wins over it.
      const resumed = await openSse(`${origin}/v1/events`, { ...viewer.headers, 'last-event-id': String(base + 1) });
      await until(() => resumed.frames.length === 2, 'resumed frames');
      expect(seqsOf(resumed.frames)).toEqual([base + 2, base + 3]);
      resumed.close();
      const both = await openSse(`${origin}/v1/events?after=${base + 2}`, { ...viewer.headers, 'last-event-id': '0' });
      await until(() => both.frames.length === 1, 'frames after ?after');
      expect(seqsOf(both.frames)).toEqual([base + 3]);
      both.close();
    });

    it('hands a consumer that drops out during a burst of 1,000 events all 1,000 exactly once, in order, when it resumes', async () => {
      const start = (await append([chat(++burst, 'burst-a')]))[0]!.seq;
      const first = await openSse(`${origin}/v1/events?after=${start}`, viewer.headers);
      const appending = (async () => {
        for (let i = 0; i < 100; i++) {
          await append(Array.from({ length: 10 }, (_, j) => chat(i * 10 + j, 'burst-')));
          // Half-way through, the consumer goes away; the burst goes on without it.
          if (i === 30) await until(() => first.frames.length > 0, 'first frames before the drop');
          if (i === 31) first.close();
        }
      })();
      await appending;
      await first.ended;
      const seen = seqsOf(first.frames);
      const last = seen[seen.length - 1]!;
      expect(seen.length).toBeLessThan(1000);
      const second = await openSse(`${origin}/v1/events`, { ...viewer.headers, 'last-event-id': String(last) });
      await until(() => seen.length + second.frames.length >= 1000, 'the rest of the burst');
      second.close();
      const all = [...seen, ...seqsOf(second.frames)];
      expect(all).toEqual(Array.from({ length: 1000 }, (_, i) => start + 1 + i));
    });

    it('filters by type and platform, and answers 400 naming a bad type or platform', async () => {
      const base = (await append([chat(2000)]))[0]!.seq;
      const sse = await openSse(`${origin}/v1/events?after=${base}&types=tip,follow&platforms=youtube`, viewer.headers);
      await append([chat(2001)]);
      await append([tip(2002)], { ...twitch(), platform: 'youtube', source: 'streamelements' });
      await append([tip(2003)]);
      await until(() => sse.frames.length === 1, 'the one matching frame');
      expect(sse.frames[0]!.data).toMatchObject({ seq: base + 2, type: 'tip', platform: 'youtube', data: { amount: 5, currency: 'USD', message: null } });
      sse.close();
      const badType = await app.inject({ method: 'GET', url: '/v1/events?types=tip,nope', headers: viewer.headers });
      expect(badType.statusCode).toBe(400);
      expect(badType.json().error.message).toContain('"nope" is not an event type');
      expect(badType.json().error.message).toContain('query.types');
      const badPlatform = await app.inject({ method: 'GET', url: '/v1/events/history?platforms=myspace', headers: viewer.headers });
      expect(badPlatform.statusCode).toBe(400);
      expect(badPlatform.json().error.message).toContain('"myspace" is not a platform');
      const badAfter = await app.inject({ method: 'GET', url: '/v1/events', headers: { ...viewer.headers, 'last-event-id': 'abc' } });
      expect(badAfter.statusCode).toBe(400);
      expect(badAfter.json().error.message).toContain('header.last-event-id');
      expect((await app.inject({ method: 'GET', url: '/v1/events/history' })).statusCode).toBe(401);
    });

    it('streams over WebSocket, one envelope per message, resuming with after and Last-Event-ID', async () => {
      const base = (await append([chat(3000)]))[0]!.seq;
      await append([chat(3001), chat(3002)]);
      const wsUrl = `${origin.replace('http', 'ws')}/v1/events/ws`;
      const collect = (url: string, headers: Record<string, string>) => {
        const got: Record<string, unknown>[] = [];
        const ws = new WebSocket(url, { headers });
        ws.on('message', (m) => got.push(JSON.parse(String(m))));
        return { got, ws, open: new Promise<void>((resolve, reject) => (ws.once('open', () => resolve()), ws.once('error', reject))) };
      };
      const a = collect(`${wsUrl}?after=${base}`, viewer.headers);
      await a.open;
      await until(() => a.got.length === 2, 'two catch-up messages');
      await append([chat(3003)]);
      await until(() => a.got.length === 3, 'a live message');
      expect(a.got.map((m) => m.seq)).toEqual([base + 1, base + 2, base + 3]);
      expect(a.got[2]).toMatchObject({ type: 'chat.message', data: { message_id: 'm3003' } });
      a.ws.close();
      const b = collect(wsUrl, { ...viewer.headers, 'last-event-id': String(base + 2) });
      await b.open;
      await until(() => b.got.length === 1, 'resumed message');
      expect(b.got.map((m) => m.seq)).toEqual([base + 3]);
      b.ws.close();
      const bad = new WebSocket(`${wsUrl}?types=nope`, { headers: viewer.headers });
      const status = await new Promise<number>((resolve) => bad.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
      expect(status).toBe(400);
    });

    it('a service key reads events only with events:read, and only of the platforms it was granted', async () => {
      const kick = (): AppendTarget => ({ accountId: viewer.accountId, platform: 'kick', integrationId: null, source: 'kick.webhook' });
      const [t] = await append([chat(7001)]);
      const [k] = await append([chat(7002)], kick());
      const owner = callerOf(viewer.accountId);
      const kickOnly = (await createServiceKey(rt, owner, { name: 'overlay', platforms: ['kick'], permissions: ['events:read'] })).key;
      const noEvents = (await createServiceKey(rt, owner, { name: 'token reader' })).key;
      const history = (key: string, query = '') => app.inject({ method: 'GET', url: `/v1/events/history?after=${t!.seq - 1}${query}`, headers: { authorization: `Bearer ${key}` } });

      const seen = await history(kickOnly);
      expect(seen.statusCode).toBe(200);
      expect(seen.json().items.map((e: { seq: number; platform: string }) => [e.seq, e.platform])).toEqual([[k!.seq, 'kick']]);
      expect((await history(kickOnly, '&platforms=twitch')).statusCode).toBe(403);
      expect((await history(noEvents)).statusCode).toBe(403);
    });

    it('pages the history with next_after', async () => {
      const base = (await append([chat(4000)]))[0]!.seq;
      await append([chat(4001), chat(4002), chat(4003)]);
      const p1 = await app.inject({ method: 'GET', url: `/v1/events/history?after=${base}&limit=2`, headers: viewer.headers });
      expect(p1.statusCode, p1.body).toBe(200);
      expect(p1.json().items.map((e: { seq: number }) => e.seq)).toEqual([base + 1, base + 2]);
      expect(p1.json().next_after).toBe(base + 2);
      const p2 = await app.inject({ method: 'GET', url: `/v1/events/history?after=${p1.json().next_after}&limit=2`, headers: viewer.headers });
      expect(p2.json().items.map((e: { seq: number }) => e.seq)).toEqual([base + 3]);
      expect(p2.json().next_after).toBeNull();
      // head: the newest seq whatever the page, so a stream opened with after=head misses nothing from then on.
      expect(p1.json().head).toBe(base + 3);
      expect(p2.json().head).toBe(base + 3);
    });

    it('a slow consumer overflows its bounded buffer and catches up from the log; appends never wait for it', async () => {
      const base = (await append([chat(5000)]))[0]!.seq;
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const got: StoredEvent[] = [];
      const stream = rt.events.open({ accountId: viewer.accountId, after: base, bufferSize: 10 }, {
        send: async (e) => {
          got.push(e);
          if (got.length === 1) await gate;
        },
      });
      await append([chat(5001)]);
      await until(() => got.length === 1, 'the first event, held');
      // 50 appends complete while the consumer holds the first one.
      for (let i = 2; i <= 51; i++) await append([chat(5000 + i)]);
      expect(stream.fallbacks).toBeGreaterThanOrEqual(1);
      release();
      await until(() => got.length === 51, 'the rest, from the log');
      expect(got.map((e) => e.seq)).toEqual(Array.from({ length: 51 }, (_, i) => base + 1 + i));
      stream.close();
      await stream.done;
    });

    it('queues a signed webhook delivery with the envelope for webhooks subscribed to the type', async () => {
      const owner = await memberSession(app, rt, { role: 'owner' });
      const created = await app.inject({ method: 'POST', url: '/v1/webhooks', headers: owner.headers, payload: { url: 'https://hooks.example.com/bifrost', event_types: ['tip'] } });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ events: [], event_types: ['tip'] });
      const bad = await app.inject({ method: 'POST', url: '/v1/webhooks', headers: owner.headers, payload: { url: 'https://hooks.example.com/x', event_types: ['nope'] } });
      expect(bad.statusCode).toBe(400);
      const none = await app.inject({ method: 'POST', url: '/v1/webhooks', headers: owner.headers, payload: { url: 'https://hooks.example.com/x' } });
      expect(none.statusCode).toBe(400);
      expect(none.json().error.message).toContain('name at least one event');
      const t: AppendTarget = { accountId: owner.accountId, platform: 'twitch', integrationId: null, source: 'streamelements' };
      const [stored] = await appendEvents(rt, t, [tip(7000), chat(7001)]);
      const rows = await rt.store.db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', created.json().id as string).execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ event_id: stored!.id, event_type: 'tip', state: 'pending' });
      expect(JSON.parse(rows[0]!.body)).toMatchObject({ id: stored!.id, seq: stored!.seq, type: 'tip', account_id: owner.accountId, data: { amount: 5, currency: 'USD' } });
      // A redelivery queues nothing more.
      await appendEvents(rt, t, [tip(7000)]);
      expect(await rt.store.db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', created.json().id as string).execute()).toHaveLength(1);
    });

    if (target.name === 'postgres' && TEST_DATABASE_URL) {
      it('wakes a stream on another instance through NOTIFY', async () => {
        const other = await testRuntime({ store: openStore({ databaseUrl: TEST_DATABASE_URL, dataDir: '/tmp', pgSchema: rt.store.schema! }), overrides: { events: { enabled: false } } });
        try {
          const base = (await append([chat(6000)]))[0]!.seq;
          const got: StoredEvent[] = [];
          const stream = other.events.open({ accountId: viewer.accountId, after: base }, { send: (e) => void got.push(e) });
          await append([chat(6001)]);
          await append([chat(6002), chat(6003)]);
          await until(() => got.length === 3, 'events appended on the first instance');
          expect(got.map((e) => e.seq)).toEqual([base + 1, base + 2, base + 3]);
          stream.close();
        } finally {
          await other.close();
        }
      });
    }
  });
}
