/**
 * The Twitch EventSub connector against the EventSub fake: subscriptions, each event type, drops,
 * session_reconnect, revocation, 401, keepalive timeout; and with a store held back by the test: a
 * backlog being stored is not silence, notifications received before the connection ended are
 * still stored, and notifications arriving during an append go out together in the next one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorGaveUp, type Connector } from '../event-types.ts';
import { socketTestContext, type SocketTestContext } from '../testing/socket-connector-context.ts';
import { EVENTSUB_TYPES } from './eventsub-wire.ts';
import { createTwitchEventSubConnector } from './eventsub.ts';
import { startFakeEventSub, type FakeEventSubHandle, type FakeEventSubKnobs } from './fake-eventsub.ts';

const ALL_SCOPES = ['user:read:chat', 'moderator:read:followers', 'channel:read:subscriptions', 'bits:read', 'channel:read:redemptions', 'channel:moderate'];
const BROADCASTER = { platformUserId: '141981764', username: 'twitchdev' };

let fake: FakeEventSubHandle;
const running: SocketTestContext[] = [];
afterEach(async () => {
  for (const ctx of running.splice(0)) ctx.abort.abort(new Error('test over'));
  await fake?.close();
});

async function setup(knobs: Partial<FakeEventSubKnobs> = {}, scopes = ALL_SCOPES, extra: { refresh?: () => string; token?: string } = {}) {
  fake = await startFakeEventSub(knobs);
  const ctx = socketTestContext({ baseUrls: fake.baseUrls, channel: BROADCASTER, token: extra.token ?? fake.token(scopes), ...(extra.refresh ? { refresh: extra.refresh } : {}) });
  running.push(ctx);
  return ctx;
}

/** Starts `run` and keeps how it ended. */
function start(connector: Connector, ctx: SocketTestContext) {
  const outcome: { ended: boolean; error?: unknown } = { ended: false };
  const done = connector.run(ctx).then(
    () => void (outcome.ended = true),
    (error: unknown) => void Object.assign(outcome, { ended: true, error }),
  );
  return { outcome, done };
}

const connected = (ctx: SocketTestContext) => () => ctx.states.at(-1)?.state === 'connected';

/** Holds the context's appends while closed (a slow store); `batches` has the size of each append made. */
function gated(ctx: SocketTestContext) {
  const inner = ctx.emit.bind(ctx);
  let release: (() => void) | undefined;
  let gate: Promise<void> = Promise.resolve();
  const g = {
    waiting: 0,
    batches: [] as number[],
    close() {
      gate = new Promise<void>((r) => (release = r));
    },
    open() {
      release?.();
      gate = Promise.resolve();
    },
  };
  ctx.emit = async (source, events) => {
    g.waiting++;
    await gate;
    g.waiting--;
    g.batches.push(events.length);
    await inner(source, events);
  };
  return g;
}

describe('Twitch EventSub connector', () => {
  it('subscribes to every type on the welcome session and normalises each notification', async () => {
    const ctx = await setup();
    start(createTwitchEventSubConnector(), ctx);
    await ctx.until(connected(ctx));
    expect(ctx.states[0]).toEqual({ state: 'connecting' });
    expect(ctx.states.at(-1)).toEqual({ state: 'connected' });
    const enabled = fake.eventSub.enabled();
    expect(enabled.map((s) => s.type).sort()).toEqual(EVENTSUB_TYPES.map((t) => t.type).sort());
    expect(enabled.find((s) => s.type === 'channel.follow')).toMatchObject({ version: '2', condition: { broadcaster_user_id: '141981764', moderator_user_id: '141981764' } });
    expect(enabled.find((s) => s.type === 'channel.raid')?.condition).toEqual({ to_broadcaster_user_id: '141981764' });
    expect(JSON.parse(ctx.cursorValue!).subscriptions.sort()).toEqual(enabled.map((s) => s.id).sort());

    const sent = [
      fake.eventSub.emit('channel.chat.message', { text: 'hi chat', badges: [{ set_id: 'moderator', id: '1', info: '' }, { set_id: 'subscriber', id: '12', info: '12' }], reply: { parent_message_id: 'parent-1' } }),
      fake.eventSub.emit('channel.chat.message_delete', { message_id: 'gone-1' }),
      fake.eventSub.emit('channel.follow'),
      fake.eventSub.emit('channel.subscribe', { tier: '2000' }),
      fake.eventSub.emit('channel.subscription.message', { cumulative_months: 7 }),
      fake.eventSub.emit('channel.subscription.gift', { total: 3, is_anonymous: true, user_id: null, user_login: null, user_name: null }),
      fake.eventSub.emit('channel.cheer', { bits: 250 }),
      fake.eventSub.emit('channel.raid', { viewers: 17 }),
      fake.eventSub.emit('channel.channel_points_custom_reward_redemption.add', { user_input: 'play the song' }),
      fake.eventSub.emit('stream.online'),
      fake.eventSub.emit('stream.offline'),
      fake.eventSub.emit('channel.ban', { is_permanent: false, banned_at: '2026-12-03T10:00:00Z', ends_at: '2026-12-03T10:10:00Z', reason: 'caps' }),
    ].flat();
    expect(sent).toHaveLength(12);
    await ctx.until(() => ctx.emitted.length === 12);
    expect(ctx.emitted.every((e) => e.source === 'twitch.eventsub')).toBe(true);
    const events = ctx.emitted.map((e) => e.event);
    expect(events.map((e) => e.sourceId)).toEqual(sent);
    for (const e of events) expect(Number.isFinite(e.occurredAt)).toBe(true);
    const viewer = { id: '55501', username: 'sandbox_viewer', display_name: 'Sandbox_Viewer' };
    expect(events[0]).toMatchObject({ type: 'chat.message', actor: viewer, data: { text: 'hi chat', reply_to: 'parent-1', roles: ['moderator', 'subscriber'] } });
    expect(events[1]).toMatchObject({ type: 'chat.message_deleted', actor: null, data: { message_id: 'gone-1' } });
    expect(events[2]).toMatchObject({ type: 'follow', actor: viewer, data: {} });
    expect(events[3]).toMatchObject({ type: 'subscription', data: { tier: '2000', months: null, message: null, is_gift: false } });
    expect(events[4]).toMatchObject({ type: 'subscription', data: { tier: '1000', months: 7, message: 'another month', is_gift: false } });
    expect(events[5]).toMatchObject({ type: 'subscription.gift', actor: null, data: { tier: '1000', count: 3, anonymous: true } });
    expect(events[6]).toMatchObject({ type: 'cheer', actor: viewer, data: { bits: 250, message: 'cheer100 great stream' } });
    expect(events[7]).toMatchObject({ type: 'raid', actor: { id: '66601', username: 'raiding_friend', display_name: 'Raiding_Friend' }, data: { viewers: 17 } });
    expect(events[8]).toMatchObject({ type: 'reward.redemption', actor: viewer, data: { reward_id: 'reward-hydrate', title: 'Hydrate', cost: 500, input: 'play the song' } });
    expect(events[9]).toMatchObject({ type: 'stream.online', actor: null, data: { title: null } });
    expect(events[10]).toMatchObject({ type: 'stream.offline', actor: null, data: {} });
    expect(events[11]).toMatchObject({ type: 'moderation.ban', actor: { id: '141981764', username: 'twitchdev' }, data: { user_id: '55501', username: 'sandbox_viewer', duration_s: 600, reason: 'caps' } });
  });

  it('skips the types the grant has no scope for and says so in the state', async () => {
    const ctx = await setup({}, ['user:read:chat', 'moderator:read:followers', 'channel:read:subscriptions', 'channel:read:redemptions']);
    start(createTwitchEventSubConnector(), ctx);
    await ctx.until(connected(ctx));
    const types = fake.eventSub.enabled().map((s) => s.type);
    expect(types).not.toContain('channel.cheer');
    expect(types).not.toContain('channel.ban');
    expect(types).toContain('channel.raid');
    const last = ctx.states.at(-1) as { state: 'connected'; reason?: string };
    expect(last.reason).toContain('channel.cheer (needs bits:read)');
    expect(last.reason).toContain('channel.ban (needs channel:moderate)');
  });

  it('with a token of another user keeps only what Twitch allows anyone (raids) and names the rest', async () => {
    fake = await startFakeEventSub();
    const ctx = socketTestContext({ baseUrls: fake.baseUrls, channel: { platformUserId: '12826', username: 'streamer_one' }, token: fake.token(ALL_SCOPES, 'twitchdev') });
    running.push(ctx);
    start(createTwitchEventSubConnector(), ctx);
    await ctx.until(connected(ctx));
    expect(fake.eventSub.enabled().map((s) => s.type)).toEqual(['channel.raid']);
    expect((ctx.states.at(-1) as { reason?: string }).reason).toContain('stream.online');
  });

  it('ends the run when the fake drops the connection, and the next run connects and subscribes again', async () => {
    const ctx = await setup();
    const connector = createTwitchEventSubConnector();
    const first = start(connector, ctx);
    await ctx.until(connected(ctx));
    fake.eventSub.drop();
    await first.done;
    expect(String(first.outcome.error)).toMatch(/closed the connection/);
    ctx.states.length = 0;
    start(connector, ctx);
    await ctx.until(connected(ctx));
    expect(fake.eventSub.counters.connections).toBe(2);
    const [id] = fake.eventSub.emit('follow');
    await ctx.until(() => ctx.emitted.some((e) => e.event.sourceId === id));
  });

  it.each([
    ['held for the new socket', true],
    ['still sent on the old socket', false],
  ])('follows session_reconnect in the middle of a burst (events meanwhile %s) without losing or duplicating one, keeping its subscriptions', async (_label, hold) => {
    const ctx = await setup({ duplicateOnReconnect: true, holdDuringReconnect: hold });
    const run = start(createTwitchEventSubConnector(), ctx);
    await ctx.until(connected(ctx));
    const creates = fake.eventSub.counters.creates;
    const sent: string[] = [];
    for (let i = 0; i < 20; i++) sent.push(...fake.eventSub.emit('chat.message', { text: `before ${i}` }));
    fake.eventSub.reconnect();
    for (let i = 0; i < 20; i++) sent.push(...fake.eventSub.emit('chat.message', { text: `during ${i}` }));
    await ctx.until(() => ctx.emitted.length >= 40 && fake.eventSub.counters.connections === 2);
    for (let i = 0; i < 20; i++) sent.push(...fake.eventSub.emit('chat.message', { text: `after ${i}` }));
    await ctx.until(() => ctx.emitted.length >= 60);
    expect(ctx.emitted.map((e) => e.event.sourceId)).toEqual(sent);
    expect(fake.eventSub.counters.creates).toBe(creates);
    expect(run.outcome.ended).toBe(false);
  });

  it('reports a revoked subscription in the state, and gives up once every subscription is revoked', async () => {
    const ctx = await setup();
    const run = start(createTwitchEventSubConnector(), ctx);
    await ctx.until(connected(ctx));
    fake.eventSub.revoke('channel.follow');
    await ctx.until(() => ((ctx.states.at(-1) as { reason?: string }).reason ?? '').includes('revoked'));
    expect(ctx.states.at(-1)).toMatchObject({ state: 'connected', reason: expect.stringContaining('channel.follow (authorization_revoked)') });
    expect(JSON.parse(ctx.cursorValue!).subscriptions).toHaveLength(EVENTSUB_TYPES.length - 1);
    fake.eventSub.revoke();
    await run.done;
    expect(run.outcome.error).toBeInstanceOf(ConnectorGaveUp);
  });

  it('on a 401 from Helix asks for one refresh and retries with the new token', async () => {
    let fresh = '';
    const ctx = await setup({}, ALL_SCOPES, { token: 'expired0000000000000000000000', refresh: () => fresh });
    fresh = fake.token(ALL_SCOPES);
    start(createTwitchEventSubConnector(), ctx);
    await ctx.until(connected(ctx));
    expect(ctx.tokenRejections).toBe(1);
    expect(fake.eventSub.counters.unauthorized).toBe(1);
    expect(fake.eventSub.enabled()).toHaveLength(EVENTSUB_TYPES.length);
  });

  it('does not loop on a token the refresh cannot fix: one refresh, then the run fails', async () => {
    const ctx = await setup({}, ALL_SCOPES, { token: 'expired0000000000000000000000', refresh: () => 'stillbad000000000000000000000' });
    const run = start(createTwitchEventSubConnector(), ctx);
    await run.done;
    expect(ctx.tokenRejections).toBe(1);
    expect(String(run.outcome.error)).toMatch(/Invalid OAuth token/);
  });

  it('treats missing keepalives as a dead connection, and the next run reconnects', async () => {
    const ctx = await setup({ keepaliveSeconds: 0.5 });
    const connector = createTwitchEventSubConnector({ keepaliveMarginMs: 250 });
    const first = start(connector, ctx);
    await ctx.until(connected(ctx));
    fake.eventSub.knobs.sendKeepalives = false;
    await first.done;
    expect(String(first.outcome.error)).toMatch(/no keepalive/);
    expect(ctx.states).toContainEqual({ state: 'connected' });
    fake.eventSub.knobs.sendKeepalives = true;
    ctx.states.length = 0;
    start(connector, ctx);
    await ctx.until(connected(ctx));
    expect(fake.eventSub.counters.connections).toBe(2);
  });

  it('storing a backlog is not silence: a slow store keeps the connection up, and the keepalive clock restarts after it', async () => {
    const ctx = await setup({ keepaliveSeconds: 0.5 });
    const gate = gated(ctx);
    const run = start(createTwitchEventSubConnector({ keepaliveMarginMs: 250 }), ctx);
    await ctx.until(connected(ctx));
    gate.close();
    fake.eventSub.knobs.sendKeepalives = false;
    const sent: string[] = [];
    for (let i = 0; i < 6; i++) sent.push(...fake.eventSub.emit('chat.message', { text: `backlog ${i}` }));
    await ctx.until(() => gate.waiting === 1);
    // The store takes several keepalive timeouts (0.75 s) while Twitch has nothing to say.
    await new Promise((r) => setTimeout(r, 2000));
    expect(run.outcome.ended).toBe(false);
    expect(fake.eventSub.enabled()).toHaveLength(EVENTSUB_TYPES.length);
    fake.eventSub.knobs.sendKeepalives = true;
    gate.open();
    await ctx.until(() => ctx.emitted.length === 6);
    sent.push(...fake.eventSub.emit('follow'));
    await ctx.until(() => ctx.emitted.length === 7);
    expect(ctx.emitted.map((e) => e.event.sourceId)).toEqual(sent);
    expect(run.outcome.ended).toBe(false);
    expect(fake.eventSub.counters.connections).toBe(1);
    // What arrived during the first append went out together in the next one (the first holds what the first read carried).
    expect(gate.batches.length).toBeLessThanOrEqual(3);
    expect(gate.batches.reduce((a, b) => a + b, 0)).toBe(7);
  });

  it('stores the notifications it received even when the connection ends before they are stored', async () => {
    const ctx = await setup();
    const gate = gated(ctx);
    const run = start(createTwitchEventSubConnector(), ctx);
    await ctx.until(connected(ctx));
    gate.close();
    const sent = fake.eventSub.emit('chat.message', { text: 'last words 0' });
    await ctx.until(() => gate.waiting === 1);
    for (let i = 1; i < 5; i++) sent.push(...fake.eventSub.emit('chat.message', { text: `last words ${i}` }));
    // Every subscription revoked: the connection ends (gives up) while the first append still waits.
    fake.eventSub.revoke();
    await ctx.until(() => JSON.parse(ctx.cursorValue!).subscriptions.length === 0);
    await new Promise((r) => setImmediate(r));
    expect(run.outcome.ended).toBe(false);
    gate.open();
    await run.done;
    expect(run.outcome.error).toBeInstanceOf(ConnectorGaveUp);
    expect(ctx.emitted.map((e) => e.event.sourceId)).toEqual(sent);
  });

  it('unsubscribe deletes the subscriptions it created', async () => {
    const ctx = await setup();
    const connector = createTwitchEventSubConnector();
    const run = start(connector, ctx);
    await ctx.until(connected(ctx));
    ctx.abort.abort(new Error('disconnect'));
    await run.done;
    await connector.unsubscribe!(socketTestContext({ baseUrls: fake.baseUrls, channel: BROADCASTER, token: fake.token(ALL_SCOPES), cursor: ctx.cursorValue }));
    expect(fake.eventSub.counters.deletes).toBe(EVENTSUB_TYPES.length);
    expect(fake.eventSub.subscriptions.size).toBe(0);
  });

  it('POST /events sends a notification the way Twitch does (the sandbox control)', async () => {
    const ctx = await setup();
    start(createTwitchEventSubConnector(), ctx);
    await ctx.until(connected(ctx));
    const res = await fetch(`${fake.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'cheer', bits: 500 }) });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { sent: number; message_ids: string[] };
    expect(body.sent).toBe(1);
    await ctx.until(() => ctx.emitted.length === 1);
    expect(ctx.emitted[0]!.event).toMatchObject({ type: 'cheer', sourceId: body.message_ids[0], data: { bits: 500 } });
    const bad = await fetch(`${fake.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'nope' }) });
    expect(bad.status).toBe(400);
  });
});
