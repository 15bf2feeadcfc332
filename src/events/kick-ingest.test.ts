/**
 * Kick webhooks end to end on both databases: the connector subscribes the channel at the fake and
 * records the subscriptions; the fake signs deliveries and POSTs them to /v1/ingest/kick; each event
 * type is normalised into the log once (a redelivery is deduplicated); a bad signature, a stale
 * timestamp and an unknown subscription are refused with nothing written; without a public https
 * URL the connector gives up; unsubscribe removes the subscriptions at Kick and here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTargets } from '../../test/support/stores.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { seedAccount, seedIntegration } from '../../test/support/token-seed.ts';
import { buildApp, type App } from '../http/app.ts';
import { ConnectorGaveUp } from '../platforms/event-types.ts';
import { startFake } from '../platforms/kick/fake.ts';
import { startFakeKickWebhooks, type FakeKickWebhooksHandle } from '../platforms/kick/fake-webhooks.ts';
import { createKickWebhookConnector } from '../platforms/kick/webhooks.ts';
import type { FakeHandle } from '../platforms/fake/harness.ts';
import { runUntilDone, testConnectorContext } from '../platforms/testing/connector-context.ts';
import { lastSeq, readEvents } from './log.ts';
import { saveKickSubscriptions } from './kick-ingest.ts';

for (const target of storeTargets()) {
  describe(`Kick webhooks on ${target.name}`, () => {
    let oauth: FakeHandle;
    let hooks: FakeKickWebhooksHandle;
    let rt: TestRuntime;
    let app: App;
    let accountId: string;
    let integrationId: string;
    const BROADCASTER = '4815162';

    const context = (steps: (() => void)[] = []) =>
      testConnectorContext({
        baseUrls: hooks.baseUrls,
        channel: { platformUserId: BROADCASTER, username: 'streamer_one' },
        publicUrl: 'https://bifrost.example.com',
        webhookSubscriptions: { save: (list) => saveKickSubscriptions(rt, { integrationId, accountId, broadcasterUserId: BROADCASTER }, list) },
        steps,
      });

    beforeAll(async () => {
      oauth = await startFake();
      hooks = await startFakeKickWebhooks({
        send: async (url, init) => ({ status: (await app.inject({ method: 'POST', url: new URL(url).pathname, headers: init.headers, payload: init.body })).statusCode }),
        knobs: { targetUrl: 'https://bifrost.example.com/v1/ingest/kick' },
      });
      rt = await testRuntime({ store: await target.open(), platformBaseUrls: { kick: { oauth: oauth.baseUrls.oauth!, api: hooks.baseUrls.api! } } });
      app = await buildApp(rt);
      accountId = await seedAccount(rt);
      integrationId = (await seedIntegration(rt, oauth, { accountId, type: 'channel', user: 'streamer_one' })).id;
      const ctx = context();
      expect(await runUntilDone(createKickWebhookConnector().run(ctx), ctx)).toBe('aborted');
      expect(ctx.states.at(-1)).toEqual({ state: 'connected' });
    });
    afterAll(async () => {
      await app?.close();
      await rt?.close();
      await hooks?.close();
      await oauth?.close();
    });

    const events = () => readEvents(rt, accountId, { after: 0, limit: 100 });

    it('subscribes the channel to every event once and records the subscriptions', async () => {
      const rows = await rt.store.db.selectFrom('kick_webhook_subscriptions').selectAll().where('integration_id', '=', integrationId).execute();
      expect(rows.map((r) => r.event).sort()).toEqual([...hooks.hooks.subscriptions.values()].map((s) => s.event).sort());
      expect(rows).toHaveLength(9);
      // A second run finds them and creates nothing new.
      const ctx = context();
      await runUntilDone(createKickWebhookConnector().run(ctx), ctx);
      expect(hooks.hooks.subscriptions.size).toBe(9);
    });

    it('stores each event type once, normalised, and deduplicates a redelivery', async () => {
      const h = hooks.hooks;
      h.knobs.redeliveries = 1;
      const sent = [
        await h.emit('chat.message.sent', { text: 'hello', badges: [{ type: 'moderator', text: 'Moderator' }] }),
        await h.emit('channel.followed'),
        await h.emit('channel.subscription.new', { months: 1 }),
        await h.emit('channel.subscription.renewal', { months: 4 }),
        await h.emit('channel.subscription.gifts', { count: 2, anonymous: true }),
        await h.emit('channel.reward.redemption.updated', { title: 'Hydrate', cost: 50, input: 'now' }),
        await h.emit('livestream.status.updated', { is_live: true, title: 'Going live' }),
        await h.emit('livestream.status.updated', { is_live: false }),
        await h.emit('moderation.banned', { username: 'troll', user_id: 5, duration_s: 600, reason: 'spam' }),
        await h.emit('kicks.gifted', { amount: 500, message: 'w' }),
      ];
      h.knobs.redeliveries = 0;
      for (const d of sent) expect(d?.statuses).toEqual([200, 200]);
      const log = await events();
      expect(log.map((e) => e.sourceId)).toEqual(sent.map((d) => d!.messageId));
      const [chat, follow, sub, renewal, gifts, redemption, online, offline, ban, kicks] = log;
      expect(chat).toMatchObject({ type: 'chat.message', platform: 'kick', source: 'kick.webhook', integrationId, actor: { id: '77001', username: 'sandbox_viewer' }, data: { text: 'hello', reply_to: null, roles: ['moderator'] } });
      expect(follow).toMatchObject({ type: 'follow', actor: { username: 'sandbox_viewer' }, data: {} });
      expect(sub).toMatchObject({ type: 'subscription', data: { tier: null, months: 1, message: null, is_gift: false } });
      expect(renewal).toMatchObject({ type: 'subscription', data: { months: 4 } });
      expect(gifts).toMatchObject({ type: 'subscription.gift', actor: null, data: { count: 2, anonymous: true } });
      expect(redemption).toMatchObject({ type: 'reward.redemption', data: { reward_id: 'reward-1', title: 'Hydrate', cost: 50, input: 'now' } });
      expect(online).toMatchObject({ type: 'stream.online', actor: null, data: { title: 'Going live' } });
      expect(offline).toMatchObject({ type: 'stream.offline', data: {} });
      expect(ban).toMatchObject({ type: 'moderation.ban', actor: { username: 'sandbox_mod' }, data: { user_id: '5', username: 'troll', duration_s: 600, reason: 'spam' } });
      expect(kicks).toMatchObject({ type: 'cheer', data: { bits: 500, message: 'w' } });
    });

    it('refuses a bad signature, a stale timestamp and an unknown subscription, writing nothing', async () => {
      const h = hooks.hooks;
      const before = await lastSeq(rt, accountId);
      const cases: [Partial<typeof h.knobs>, number][] = [
        [{ badSignature: true }, 401],
        [{ staleSeconds: 6 * 60 }, 400],
        [{ unknownSubscription: true }, 404],
      ];
      for (const [knobs, status] of cases) {
        Object.assign(h.knobs, { badSignature: false, staleSeconds: 0, unknownSubscription: false }, knobs);
        expect((await h.emit('channel.followed'))?.statuses).toEqual([status]);
      }
      Object.assign(h.knobs, { badSignature: false, staleSeconds: 0, unknownSubscription: false });
      expect(await lastSeq(rt, accountId)).toBe(before);
      // A body for another channel under this subscription id is refused too (the id header is not signed).
      expect((await h.emit('channel.followed', { broadcaster_user_id: 999 }))?.statuses).toEqual([404]);
      expect(await lastSeq(rt, accountId)).toBe(before);
    });

    it('answers the refusal as an error body without secrets', async () => {
      const res = await app.inject({ method: 'POST', url: '/v1/ingest/kick', headers: { 'content-type': 'application/json' }, payload: '{}' });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ error: { code: 'WEBHOOK_SIGNATURE_INVALID' } });
    });

    it('gives up without a public https URL', async () => {
      for (const publicUrl of ['http://127.0.0.1:8080', 'https://localhost', 'http://bifrost.example.com']) {
        const ctx = testConnectorContext({ baseUrls: hooks.baseUrls, publicUrl });
        const err = await createKickWebhookConnector().run(ctx).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ConnectorGaveUp);
        expect((err as ConnectorGaveUp).reason).toMatch(/public https URL/);
      }
    });

    it('unsubscribe removes the subscriptions at Kick and here', async () => {
      const ctx = context();
      await runUntilDone(createKickWebhookConnector().run(ctx), ctx);
      await createKickWebhookConnector().unsubscribe!(ctx);
      expect(hooks.hooks.subscriptions.size).toBe(0);
      expect(await rt.store.db.selectFrom('kick_webhook_subscriptions').selectAll().where('integration_id', '=', integrationId).execute()).toEqual([]);
    });
  });
}
