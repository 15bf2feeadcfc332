/** The Trovo chat connector against the chat fake: token, AUTH, PING on the advised gap, backlog skipped, each chat type, drops. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Connector } from '../event-types.ts';
import { socketTestContext, type SocketTestContext } from '../testing/socket-connector-context.ts';
import { createTrovoChatConnector } from './chat-socket.ts';
import { startFakeTrovoChat, type FakeTrovoChatHandle, type FakeTrovoChatKnobs } from './fake-chat-socket.ts';
import { startFake } from './fake.ts';

const CHANNEL = { platformUserId: '100000022', username: 'streamer_one', channelId: '100000032' };

let fake: FakeTrovoChatHandle;
const running: SocketTestContext[] = [];
afterEach(async () => {
  for (const ctx of running.splice(0)) ctx.abort.abort(new Error('test over'));
  await fake?.close();
});

async function setup(knobs: Partial<FakeTrovoChatKnobs> = {}) {
  fake = await startFakeTrovoChat(knobs);
  const ctx = socketTestContext({ baseUrls: fake.baseUrls, channel: CHANNEL, token: 'unused-for-chat', credentials: { clientId: 'trovo-test-client' } });
  running.push(ctx);
  return ctx;
}

function start(connector: Connector, ctx: SocketTestContext) {
  const outcome: { ended: boolean; error?: unknown } = { ended: false };
  const done = connector.run(ctx).then(
    () => void (outcome.ended = true),
    (error: unknown) => void Object.assign(outcome, { ended: true, error }),
  );
  return { outcome, done };
}

const connected = (ctx: SocketTestContext) => () => ctx.states.at(-1)?.state === 'connected';

describe('Trovo chat connector', () => {
  it('authenticates with a chat token, skips the history frame, and normalises each chat type', async () => {
    const ctx = await setup();
    const old = Math.floor(Date.now() / 1000) - 120;
    fake.chat.emit('chat.message', { message_id: 'old-1', text: 'before we joined', send_time: old }, CHANNEL.channelId);
    fake.chat.emit('chat.message', { message_id: 'old-2', text: 'also before', send_time: old }, CHANNEL.channelId);
    start(createTrovoChatConnector(), ctx);
    await ctx.until(connected(ctx));
    expect(fake.chat.counters).toMatchObject({ tokens: 1, auths: 1 });
    await ctx.until(() => fake.chat.counters.pings === 1);

    const ch = CHANNEL.channelId;
    const sent = [
      fake.chat.emit(0, { text: 'hi trovo', roles: ['mod', 'subscriber'] }, ch),
      fake.chat.emit(7, { text: 'colourful magic chat' }, ch),
      fake.chat.emit('follow', {}, ch),
      fake.chat.emit('subscription', { sub_tier: '2' }, ch),
      fake.chat.emit(5005, { count: 3 }, ch),
      fake.chat.emit(5006, { content: 'SandboxViewer;lucky_one' }, ch),
      fake.chat.emit('raid', { viewers: 12 }, ch),
      fake.chat.emit('spell', { gift: 'Rocket', num: 2, gift_value: 500, value_type: 'Elixir' }, ch),
      fake.chat.emit('spell', { gift: 'Heart', num: 1, gift_value: 10, value_type: 'Mana' }, ch),
      fake.chat.emit('reward.redemption', { gift: 'Hydrate', gift_value: 50 }, ch),
      fake.chat.emit(5004, { content: 'welcome' }, ch),
    ];
    await ctx.until(() => ctx.emitted.length === 9);
    const events = ctx.emitted.map((e) => e.event);
    expect(ctx.emitted.every((e) => e.source === 'trovo.chat')).toBe(true);
    expect(events.map((e) => e.sourceId)).toEqual([sent[0], sent[1], sent[2], sent[3], sent[4], sent[5], sent[6], sent[7], sent[9]]);
    const viewer = { id: '200000041', username: 'sandbox_viewer', display_name: 'SandboxViewer' };
    expect(events[0]).toMatchObject({ type: 'chat.message', actor: viewer, data: { message_id: sent[0], text: 'hi trovo', reply_to: null, roles: ['moderator', 'subscriber'] } });
    expect(events[1]).toMatchObject({ type: 'chat.message', data: { text: 'colourful magic chat' } });
    expect(events[2]).toMatchObject({ type: 'follow', actor: viewer, data: {} });
    expect(events[3]).toMatchObject({ type: 'subscription', data: { tier: '2', months: null, message: null, is_gift: false } });
    expect(events[4]).toMatchObject({ type: 'subscription.gift', data: { count: 3, anonymous: false } });
    expect(events[5]).toMatchObject({ type: 'subscription.gift', data: { count: 1 } });
    expect(events[6]).toMatchObject({ type: 'raid', data: { viewers: 12 } });
    expect(events[7]).toMatchObject({ type: 'cheer', data: { bits: 1000, message: 'Rocket' } });
    expect(events[8]).toMatchObject({ type: 'reward.redemption', data: { reward_id: 'spell-hydrate', title: 'Hydrate', cost: 50, input: null } });
    for (const e of events) expect(Number.isFinite(e.occurredAt)).toBe(true);
    expect(events.map((e) => e.sourceId)).not.toContain('old-1');
  });

  it('does not emit the catch-up frame on a reconnect either, and delivers what follows', async () => {
    const ctx = await setup();
    const connector = createTrovoChatConnector();
    const first = start(connector, ctx);
    await ctx.until(connected(ctx));
    const a = fake.chat.emit('chat.message', { text: 'one' }, CHANNEL.channelId);
    const b = fake.chat.emit('chat.message', { text: 'two' }, CHANNEL.channelId);
    await ctx.until(() => ctx.emitted.length === 2);
    fake.chat.drop();
    await first.done;
    expect(String(first.outcome.error)).toMatch(/closed the connection/);
    ctx.states.length = 0;
    start(connector, ctx);
    await ctx.until(connected(ctx));
    const c = fake.chat.emit('chat.message', { text: 'three' }, CHANNEL.channelId);
    await ctx.until(() => ctx.emitted.some((e) => e.event.sourceId === c));
    expect(ctx.emitted.map((e) => e.event.sourceId)).toEqual([a, b, c]);
    expect(fake.chat.counters.tokens).toBe(2);
  });

  it('skips a first frame holding one message sent before the connection, and emits a first frame holding a new one', async () => {
    const ctx = await setup();
    fake.chat.emit('chat.message', { message_id: 'old-only', send_time: Math.floor(Date.now() / 1000) - 60 }, CHANNEL.channelId);
    const connector = createTrovoChatConnector();
    const first = start(connector, ctx);
    await ctx.until(connected(ctx));
    const fresh = fake.chat.emit('chat.message', { text: 'new' }, CHANNEL.channelId);
    await ctx.until(() => ctx.emitted.length === 1);
    expect(ctx.emitted[0]!.event.sourceId).toBe(fresh);
    ctx.abort.abort(new Error('stop'));
    await first.done;
  });

  it('sends PING again after the gap the PONG advised', async () => {
    const ctx = await setup({ gapSeconds: 0.05 });
    start(createTrovoChatConnector(), ctx);
    await ctx.until(connected(ctx));
    await ctx.until(() => fake.chat.counters.pings >= 3);
    expect(fake.chat.counters.pings).toBeGreaterThanOrEqual(3);
  });

  it('ends the run when a PING gets no PONG', async () => {
    const ctx = await setup({ answerPings: false });
    const run = start(createTrovoChatConnector({ answerTimeoutMs: 500 }), ctx);
    await ctx.until(connected(ctx));
    await run.done;
    expect(String(run.outcome.error)).toMatch(/did not answer PING/);
  });

  it('fails without a chat token when Trovo refuses one', async () => {
    fake = await startFakeTrovoChat();
    const ctx = socketTestContext({ baseUrls: fake.baseUrls, channel: { platformUserId: '1', username: 'x', channelId: 'not-a-number' }, token: 't', credentials: { clientId: 'trovo-test-client' } });
    running.push(ctx);
    const run = start(createTrovoChatConnector(), ctx);
    await run.done;
    expect(String(run.outcome.error)).toMatch(/Trovo gave no chat token: Invalid parameters/);
    expect(fake.chat.counters.connections).toBe(0);
  });

  it('POST /events sends a chat the way Trovo does (the sandbox control)', async () => {
    const ctx = await setup();
    start(createTrovoChatConnector(), ctx);
    await ctx.until(connected(ctx));
    const res = await fetch(`${fake.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'follow' }) });
    expect(res.status).toBe(202);
    const { message_id } = (await res.json()) as { message_id: string };
    await ctx.until(() => ctx.emitted.length === 1);
    expect(ctx.emitted[0]!.event).toMatchObject({ type: 'follow', sourceId: message_id });
    const bad = await fetch(`${fake.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'tip' }) });
    expect(bad.status).toBe(400);
  });

  describe('inside the Trovo fake, with the channel id unknown', () => {
    /** A user token of streamer_one from the full fake's token state. */
    async function fullFake() {
      const full = await startFake();
      const user = full.state.findUser('streamer_one')!;
      const code = full.state.issueCode({ clientId: full.credentials.clientId, redirectUri: 'http://127.0.0.1/cb', scopes: ['user_details_self', 'chat_connect'], offline: true, forceConsent: false }, user);
      const issued = full.state.redeemCode({ clientId: full.credentials.clientId, code, redirectUri: 'http://127.0.0.1/cb', pkce: 'ignored' });
      if (!issued.ok) throw new Error(issued.error);
      return { full, token: issued.value.accessToken };
    }

    it('asks getuserinfo for the channel id with the channel token, keeps it in the cursor, and reads that channel', async () => {
      const { full, token } = await fullFake();
      const ctx = socketTestContext({ baseUrls: full.baseUrls, channel: { platformUserId: '100000022', username: 'streamer_one' }, token, credentials: full.credentials });
      running.push(ctx);
      const run = start(createTrovoChatConnector(), ctx);
      await ctx.until(connected(ctx));
      expect(ctx.cursorValue).toBe('100000032');
      const res = await fetch(`${full.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'follow', channel_id: '100000032' }) });
      const { message_id } = (await res.json()) as { message_id: string };
      await ctx.until(() => ctx.emitted.length === 1);
      expect(ctx.emitted[0]!.event).toMatchObject({ type: 'follow', sourceId: message_id });
      ctx.abort.abort(new Error('stop'));
      await run.done;
      await full.close();
    });

    it('on a rejected token asks for one refresh and retries', async () => {
      const { full, token } = await fullFake();
      const ctx = socketTestContext({ baseUrls: full.baseUrls, channel: { platformUserId: '100000022', username: 'streamer_one' }, token: 'dead0000', refresh: () => token, credentials: full.credentials });
      running.push(ctx);
      const run = start(createTrovoChatConnector(), ctx);
      await ctx.until(connected(ctx));
      expect(ctx.tokenRejections).toBe(1);
      ctx.abort.abort(new Error('stop'));
      await run.done;
      await full.close();
    });
  });
});
