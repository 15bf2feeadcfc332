/** The YouTube live chat connector against the fake: backlog skipped, each type normalised, resume from the saved page token, offlineAt, 401, quota (and the budget configured in [events]). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorGaveUp } from '../event-types.ts';
import { runUntilDone, testConnectorContext } from '../testing/connector-context.ts';
import { startFakeLiveChat, type FakeLiveChatHandle } from './fake-live-chat.ts';
import { createYouTubeLiveChatConnector } from './live-chat.ts';
import { loadConfig } from '../../config/load.ts';
import { PLATFORM_DEFINITIONS } from '../registry.ts';

let fake: FakeLiveChatHandle;
beforeAll(async () => {
  fake = await startFakeLiveChat();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.chat.goLive('chat-1');
  fake.chat.quotaUsed = 0;
});

describe('YouTube live chat connector', () => {
  it('skips the backlog, then normalises every message type it carries', async () => {
    fake.chat.emit('textMessageEvent', { id: 'old-1', text: 'before we joined' });
    const ctx = testConnectorContext({
      baseUrls: fake.baseUrls,
      steps: [
        () => {
          fake.chat.emit('textMessageEvent', { id: 'm1', text: 'hi', moderator: true, member: true });
          fake.chat.emit('superChatEvent', { id: 'm2', amount: 4.99, currency: 'EUR', text: 'great stream' });
          fake.chat.emit('superStickerEvent', { id: 'm3', amount: 2, currency: 'USD' });
          fake.chat.emit('newSponsorEvent', { id: 'm4', level: 'Gold' });
          fake.chat.emit('memberMilestoneChatEvent', { id: 'm5', level: 'Gold', months: 12 });
          fake.chat.emit('membershipGiftingEvent', { id: 'm6', count: 3, level: 'Gold' });
          fake.chat.emit('giftMembershipReceivedEvent', { id: 'm7', level: 'Gold' });
          fake.chat.emit('messageDeletedEvent', { id: 'm8', message_id: 'm1' });
          fake.chat.emit('userBannedEvent', { id: 'm9', user_id: 'UCbad', username: 'Troll', duration_s: 300 });
          fake.chat.emit('userBannedEvent', { id: 'm10', user_id: 'UCworse', username: 'Worse' });
        },
      ],
    });
    expect(await runUntilDone(createYouTubeLiveChatConnector().run(ctx), ctx)).toBe('aborted');
    const byId = Object.fromEntries(ctx.events.map((e) => [e.sourceId, e]));
    expect(Object.keys(byId)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10']);
    expect(byId.m1).toMatchObject({ type: 'chat.message', actor: { id: 'UCv1ewer0000000000000001', username: 'Sandbox Viewer' }, data: { message_id: 'm1', text: 'hi', reply_to: null, roles: ['moderator', 'member'] } });
    expect(byId.m2).toMatchObject({ type: 'superchat', data: { amount: 4.99, currency: 'EUR', message: 'great stream', sticker: false } });
    expect(byId.m3).toMatchObject({ type: 'superchat', data: { amount: 2, currency: 'USD', message: null, sticker: true } });
    expect(byId.m4).toMatchObject({ type: 'membership', data: { level: 'Gold', months: null, is_gift: false } });
    expect(byId.m5).toMatchObject({ type: 'membership', data: { level: 'Gold', months: 12, is_gift: false } });
    expect(byId.m6).toMatchObject({ type: 'subscription.gift', data: { tier: 'Gold', count: 3, anonymous: false } });
    expect(byId.m7).toMatchObject({ type: 'membership', data: { level: 'Gold', months: null, is_gift: true } });
    expect(byId.m8).toMatchObject({ type: 'chat.message_deleted', data: { message_id: 'm1' } });
    expect(byId.m9).toMatchObject({ type: 'moderation.ban', data: { user_id: 'UCbad', username: 'Troll', duration_s: 300, reason: null } });
    expect(byId.m10).toMatchObject({ type: 'moderation.ban', data: { user_id: 'UCworse', duration_s: null } });
    expect(ctx.sleeps[0]).toBe(fake.chat.knobs.pollingIntervalMillis);
    expect(ctx.states[0]).toEqual({ state: 'connecting' });
    expect(ctx.states).toContainEqual({ state: 'connected' });
  });

  it('resumes from the saved page token after a restart without emitting anything twice', async () => {
    const first = testConnectorContext({ baseUrls: fake.baseUrls, steps: [() => void fake.chat.emit('textMessageEvent', { id: 'a1' })] });
    await runUntilDone(createYouTubeLiveChatConnector().run(first), first);
    expect(first.events.map((e) => e.sourceId)).toEqual(['a1']);
    // While "down", two more messages arrive; the new instance starts from the same cursor.
    fake.chat.emit('textMessageEvent', { id: 'a2' });
    fake.chat.emit('textMessageEvent', { id: 'a3' });
    const second = testConnectorContext({ baseUrls: fake.baseUrls, cursor: first.cursorValue, steps: [] });
    await runUntilDone(createYouTubeLiveChatConnector().run(second), second);
    expect(second.events.map((e) => e.sourceId)).toEqual(['a2', 'a3']);
    expect(fake.chat.calls.broadcasts).toBeGreaterThan(0);
  });

  it('ends the run when offlineAt appears, and does not attach to the ended chat again', async () => {
    const ctx = testConnectorContext({
      baseUrls: fake.baseUrls,
      steps: [
        () => {
          fake.chat.emit('textMessageEvent', { id: 'last' });
          fake.chat.goOffline();
          fake.chat.knobs.live = true; // the broadcast may still be listed as active for a while
        },
      ],
    });
    expect(await runUntilDone(createYouTubeLiveChatConnector().run(ctx), ctx)).toBe('returned');
    expect(ctx.events.map((e) => e.sourceId)).toEqual(['last']);
    // The next run looks for a broadcast on the slow schedule and skips the chat that ended.
    const next = testConnectorContext({ baseUrls: fake.baseUrls, cursor: ctx.cursorValue, steps: [] });
    const messagesBefore = fake.chat.calls.messages;
    expect(await runUntilDone(createYouTubeLiveChatConnector({ lookEveryMs: 600_000 }).run(next), next)).toBe('aborted');
    expect(next.sleeps).toEqual([600_000]);
    expect(fake.chat.calls.messages).toBe(messagesBefore);
  });

  it('looks again on the slow schedule while nothing is live', async () => {
    fake.chat.knobs.live = false;
    const ctx = testConnectorContext({ baseUrls: fake.baseUrls, steps: [() => void fake.chat.goLive('chat-2'), () => void fake.chat.emit('textMessageEvent', { id: 'n1' })] });
    await runUntilDone(createYouTubeLiveChatConnector({ lookEveryMs: 120_000 }).run(ctx), ctx);
    expect(ctx.sleeps[0]).toBe(120_000);
    expect(ctx.events.map((e) => e.sourceId)).toEqual(['n1']);
  });

  it('asks for a new token once on 401 and goes on', async () => {
    fake.chat.knobs.unauthorizedTimes = 1;
    const ctx = testConnectorContext({ baseUrls: fake.baseUrls, steps: [] });
    await runUntilDone(createYouTubeLiveChatConnector().run(ctx), ctx);
    expect(ctx.tokenRejections).toBe(1);
    expect(ctx.states).toContainEqual({ state: 'connected' });
  });

  it('ends the run when its chat disappears, and fails it on a platform error so the supervisor reconnects', async () => {
    const ctx = testConnectorContext({ baseUrls: fake.baseUrls, steps: [() => void (fake.chat.knobs.liveChatId = 'chat-moved')] });
    const err = await createYouTubeLiveChatConnector().run(ctx).catch((e: unknown) => e);
    // The chat the cursor names is gone (404 liveChatNotFound): the run ends and the next one looks again.
    expect(err).toBeUndefined();
    expect(JSON.parse(ctx.cursorValue!)).toMatchObject({ chat: null, ended: 'chat-1' });
    fake.chat.knobs.unauthorizedTimes = 2;
    const again = testConnectorContext({ baseUrls: fake.baseUrls, steps: [] });
    expect(await createYouTubeLiveChatConnector().run(again).catch((e: unknown) => (e as Error).message)).toMatch(/401/);
    fake.chat.knobs.unauthorizedTimes = 0;
  });

  it('gives up when the grant lacks a read scope', async () => {
    fake.chat.knobs.forbidden = true;
    const err = await createYouTubeLiveChatConnector().run(testConnectorContext({ baseUrls: fake.baseUrls })).catch((e: unknown) => e);
    fake.chat.knobs.forbidden = false;
    expect(err).toBeInstanceOf(ConnectorGaveUp);
    expect((err as ConnectorGaveUp).reason).toMatch(/reconnect/);
  });

  it('stops calling once the daily quota budget is spent and says so', async () => {
    const ctx = testConnectorContext({ baseUrls: fake.baseUrls, steps: [() => undefined, () => undefined, () => undefined] });
    // 1 (broadcasts) + 5 (backlog page) + 5 (one poll) = 11 units; the next poll would pass 12.
    await runUntilDone(createYouTubeLiveChatConnector({ quotaUnitsPerDay: 12 }).run(ctx), ctx);
    expect(fake.chat.quotaUsed).toBe(11);
    expect(ctx.states.at(-1)).toMatchObject({ state: 'error', reason: expect.stringContaining('quota') });
    expect(JSON.parse(ctx.cursorValue!)).toMatchObject({ used: 11 });
  });

  it('obeys the budget set in [events] youtube_quota_units_per_day, not the default', async () => {
    // The connector as the supervisor builds it: from the platform definition, with the config's [events].
    const config = loadConfig({ env: { BIFROST_EVENTS_YOUTUBE_QUOTA_UNITS_PER_DAY: '17' } });
    const connector = PLATFORM_DEFINITIONS.find((d) => d.slug === 'youtube')!.events!.createConnector(config.events);
    const ctx = testConnectorContext({ baseUrls: fake.baseUrls, steps: Array.from({ length: 6 }, () => () => undefined) });
    // 1 (broadcasts) + 5 (backlog page) + 5 + 5 (two polls) = 16 units; a third poll would pass 17.
    await runUntilDone(connector.run(ctx), ctx);
    expect(fake.chat.quotaUsed).toBe(16);
    expect(ctx.states.at(-1)).toMatchObject({ state: 'error', reason: expect.stringContaining('(17 units)') });
    expect(JSON.parse(ctx.cursorValue!)).toMatchObject({ used: 16 });

    // The default budget (5,000) goes on polling with the same steps.
    fake.chat.quotaUsed = 0;
    const again = testConnectorContext({ baseUrls: fake.baseUrls, steps: Array.from({ length: 6 }, () => () => undefined) });
    await runUntilDone(PLATFORM_DEFINITIONS.find((d) => d.slug === 'youtube')!.events!.createConnector(loadConfig().events).run(again), again);
    expect(fake.chat.quotaUsed).toBeGreaterThan(17);
    expect(again.states.some((s) => s.state === 'error')).toBe(false);
  });
});
