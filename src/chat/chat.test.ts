/**
 * Chat and moderation through the public seams (HTTP inject and the service functions) against the
 * Kick and Twitch fakes, on every database of the matrix: who speaks and every refusal before a
 * platform call, input checks, the shared limits and their wait, a platform 429 seen by another
 * instance, no retry of a send that may have been delivered, one retry after a 401, service keys.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { storeTargets } from '../../test/support/stores.ts';
import { chatWorld, KICK_SCOPES, TWITCH_SCOPES, YOUTUBE_SCOPES, type ChatWorld } from '../../test/support/chat-world.ts';
import { siblingOf } from '../../test/support/tokens-runtime.ts';
import { callerOf } from '../../test/support/callers.ts';
import { sendChatMessage } from './operations.ts';
import { isAppError } from '../errors/app-error.ts';

const KICK_CHANNEL = 'streamer_one';
const KICK_BOT = 'bifrost_bot';

describe.each(storeTargets())('chat on $name', (target) => {
  let w: ChatWorld;
  let clock: ManualClock;

  beforeAll(async () => {
    clock = new ManualClock(Date.now());
    // A slot's wait moves the shared clock instead of sleeping (the fakes count on the same clock),
    // after letting the requests already in flight reach the fake, as they would in real time.
    const chatSleep = async (ms: number) => {
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      clock.advance(ms);
    };
    w = await chatWorld({ store: await target.open(), clock, seams: { chatSleep } });
  });
  afterAll(async () => {
    await w?.close();
  });
  afterEach(async () => {
    w.all.reset();
    clock.advance(3_600_000);
    for (const table of ['chat_slots', 'chat_limits', 'chat_log', 'integrations'] as const) await w.rt.store.db.deleteFrom(table).execute();
  });

  const send = (platform: string, payload: Record<string, unknown>, headers = w.owner.headers) =>
    w.app.inject({ method: 'POST', url: `/v1/chat/${platform}/messages`, headers, payload });

  async function kickPair(botScopes = KICK_SCOPES) {
    const channel = await w.seed(w.kick, { type: 'channel', user: KICK_CHANNEL, scopes: KICK_SCOPES });
    const bot = await w.seed(w.kick, { type: 'bot', user: KICK_BOT, scopes: botScopes, botIdentifier: 'helper', isDefaultBot: true });
    return { channel, bot };
  }

  it('sends as the default bot into its owner channel: 201 with the message id and sender, recorded by the fake and in the chat log', async () => {
    const { bot, channel } = await kickPair();
    const res = await send('kick', { text: 'hello chat' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ platform: 'kick', sender: { integration_id: bot.id, username: KICK_BOT, global: false } });
    expect(typeof body.message_id).toBe('string');
    expect(new Date(body.sent_at).toISOString()).toBe(body.sent_at);
    expect(w.kick.chat.ofKind('message').map((m) => [m.senderId, m.channelId, m.text, m.messageId])).toEqual([[bot.platform_user_id, channel.platform_user_id, 'hello chat', body.message_id]]);

    clock.advance(1000);
    const asChannel = await send('kick', { text: 'from me', sender: 'channel' });
    expect(asChannel.json().sender.integration_id).toBe(channel.id);
    const log = await w.app.inject({ method: 'GET', url: '/v1/chat/log', headers: w.owner.headers });
    expect(log.json().items.map((i: { action: string; text: string }) => [i.action, i.text])).toEqual([
      ['sent', 'from me'],
      ['sent', 'hello chat'],
    ]);
    expect(w.rt.metrics.chatMessages.get({ platform: 'kick', result: 'sent' })).toBeGreaterThanOrEqual(2);
    // Successful sends get no request line (counted and in the chat log); a refused one does.
    const sendLines = () => w.rt.logs.text().split('\n').filter((l) => l.includes('/v1/chat/kick/messages'));
    expect(sendLines()).toEqual([]);
    expect((await send('kick', { text: '' })).statusCode).toBe(400);
    expect(sendLines().filter((l) => l.includes('"statusCode":400'))).toHaveLength(1);
  });

  it('refuses, before any platform call: a bot needing a reconnect (409), a missing scope (403), an unknown bot (404), no channel (409)', async () => {
    const calls = () => w.kick.calls.length;
    // No channel at all.
    await w.seed(w.kick, { type: 'bot', user: KICK_BOT, scopes: KICK_SCOPES, botIdentifier: 'helper' });
    let before = calls();
    let res = await send('kick', { text: 'hi' });
    expect([res.statusCode, res.json().error.code, res.json().error.details.which]).toEqual([409, 'SENDER_UNAVAILABLE', 'channel']);
    expect(res.json().error.message).toContain('Connect your Kick channel on Connections');
    await w.rt.store.db.deleteFrom('integrations').execute();

    const { bot } = await kickPair(['user:read']);
    before = calls();
    res = await send('kick', { text: 'hi' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'SCOPE_MISSING', details: { scope: 'chat:write' } });
    expect(res.json().error.message).toContain('Reconnect to grant it');

    res = await send('kick', { text: 'hi', sender: 'nobody' });
    expect([res.statusCode, res.json().error.code]).toEqual([404, 'UNKNOWN_BOT']);

    await w.rt.store.db.updateTable('integrations').set({ status: 'needs_reauth', status_reason: 'invalid_grant' }).where('id', '=', bot.id).execute();
    res = await send('kick', { text: 'hi' });
    expect([res.statusCode, res.json().error.code, res.json().error.details.which]).toEqual([409, 'SENDER_UNAVAILABLE', 'sender']);
    expect(res.json().error.message).toMatch(/Reconnect it on Bot Connections/);
    expect(calls()).toBe(before);
    expect(w.kick.chat.items).toEqual([]);
  });

  it('with no bot of its own the account speaks through the instance global bot', async () => {
    await w.seed(w.kick, { type: 'channel', user: KICK_CHANNEL, scopes: KICK_SCOPES });
    const global = await w.seed(w.kick, { type: 'bot', user: KICK_BOT, scopes: KICK_SCOPES, accountId: null });
    const res = await send('kick', { text: 'from the global bot' });
    expect(res.statusCode).toBe(201);
    expect(res.json().sender).toEqual({ integration_id: global.id, username: KICK_BOT, global: true });
  });

  it('checks input against the capability table: length in code points, targets, reasons, wait_ms; timeouts converted with clamping reported', async () => {
    await kickPair();
    const emoji = '😀'.repeat(500);
    expect((await send('kick', { text: emoji })).statusCode).toBe(201);
    let res = await send('kick', { text: `${emoji}!` });
    expect([res.statusCode, res.json().error.details.field]).toEqual([400, 'text']);
    res = await send('kick', { text: '   ' });
    expect([res.statusCode, res.json().error.details.field]).toEqual([400, 'text']);
    res = await send('kick', { text: 'x', wait_ms: 30_001 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('wait_ms');

    const ban = (payload: Record<string, unknown>) => w.app.inject({ method: 'POST', url: '/v1/moderation/kick/bans', headers: w.owner.headers, payload });
    res = await ban({ username: 'Scorfly' });
    expect([res.statusCode, res.json().error.details.field]).toEqual([400, 'username']);
    res = await ban({ user_id: '123456', reason: 'r'.repeat(101) });
    expect([res.statusCode, res.json().error.details.field]).toEqual([400, 'reason']);
    res = await ban({ user_id: '123456', duration_s: 90 });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ action: 'timed_out', requested_duration_s: 90, applied_duration_s: 120, clamped: true, target: { user_id: '123456' } });
    expect(w.kick.chat.ofKind('timeout')).toMatchObject([{ target: '123456', durationS: 120 }]);
  });

  it('25 sends by one Kick bot at once with wait_ms 0: exactly 20 accepted, 5 × 429 with Retry-After, the fake never answers 429', async () => {
    await kickPair();
    const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => send('kick', { text: `burst ${i}` })));
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(20);
    const limited = answers.filter((a) => a.statusCode === 429);
    expect(limited).toHaveLength(5);
    for (const a of limited) {
      expect(a.json().error.code).toBe('RATE_LIMITED');
      expect(Number(a.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(a.headers['retry-after'])).toBeLessThanOrEqual(30);
    }
    expect(w.kick.chat.ofKind('message')).toHaveLength(20);
    expect(w.kick.chat.rateLimited).toBe(0);
    expect(w.rt.metrics.chatMessages.get({ platform: 'kick', result: 'rate_limited' })).toBeGreaterThanOrEqual(5);
  });

  it('25 sends with wait_ms 30000: all delivered, the fake never answers 429, and the waits are counted', async () => {
    await kickPair();
    const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => send('kick', { text: `patient ${i}`, wait_ms: 30_000 })));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(25).fill(201));
    expect(w.kick.chat.ofKind('message')).toHaveLength(25);
    expect(w.kick.chat.rateLimited).toBe(0);
    expect(w.rt.metrics.chatBucketWaits.get({ platform: 'kick' })).toBeGreaterThanOrEqual(1);
  });

  it('a platform 429 blocks the sender on another instance too, before it calls the platform', async () => {
    const { channel } = await kickPair();
    w.kick.knobs.chatLimit = { messages: 1, windowMs: 30_000 };
    expect((await send('kick', { text: 'one' })).statusCode).toBe(201);
    const refused = await send('kick', { text: 'two' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.details.source).toBe('platform');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(w.kick.chat.rateLimited).toBe(1);

    const other = siblingOf(w.rt);
    const before = w.kick.calls.length;
    const err = await sendChatMessage(other, callerOf(channel.account_id!), 'kick', { text: 'three' }).catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('RATE_LIMITED');
    expect(w.kick.calls.length).toBe(before);
    expect(w.kick.chat.rateLimited).toBe(1);
  });

  it('a 401 from the platform: one forced refresh, then the send is retried once', async () => {
    await kickPair();
    w.kick.state.expireAccessTokens();
    const res = await send('kick', { text: 'after a refresh' });
    expect(res.statusCode).toBe(201);
    expect(w.kick.counters.refreshes).toBe(1);
    expect(w.kick.chat.ofKind('message').map((m) => m.text)).toEqual(['after a refresh']);
  });

  it('moderation: timeout, ban, unban and delete reach the fake and are audited with sender and target, never message text', async () => {
    const { bot } = await kickPair();
    const since = clock.now();
    const sent = (await send('kick', { text: 'to be deleted' })).json();
    const del = await w.app.inject({ method: 'DELETE', url: `/v1/chat/kick/messages/${sent.message_id}`, headers: w.owner.headers });
    expect(del.statusCode).toBe(204);
    const ban = await w.app.inject({ method: 'POST', url: '/v1/moderation/kick/bans', headers: w.owner.headers, payload: { user_id: '123456', reason: 'spam' } });
    expect(ban.json()).toMatchObject({ action: 'banned', applied_duration_s: null, clamped: false });
    const unban = await w.app.inject({ method: 'DELETE', url: '/v1/moderation/kick/bans/123456', headers: w.owner.headers });
    expect(unban.statusCode).toBe(204);
    expect(w.kick.chat.items.map((r) => r.kind)).toEqual(['message', 'delete', 'ban', 'unban']);

    const audit = await w.rt.store.db.selectFrom('audit_events').select(['action', 'target_id', 'details']).where('action', 'like', '%.%').where('account_id', '=', w.owner.accountId).where('created_at', '>=', since).orderBy('created_at').execute();
    const chatEvents = audit.filter((a) => a.action.startsWith('moderation.') || a.action.startsWith('chat.'));
    expect(chatEvents.map((a) => [a.action, a.target_id])).toEqual([
      ['chat.message_deleted', sent.message_id],
      ['moderation.banned', '123456'],
      ['moderation.unbanned', '123456'],
    ]);
    for (const e of chatEvents) {
      expect(JSON.parse(e.details)).toMatchObject({ platform: 'kick', sender_integration_id: bot.id });
      expect(e.details).not.toContain('to be deleted');
    }
  });

  it('Twitch: a bot that moderates the channel gets the elevated window (asked once, remembered), a viewer bot the normal one', async () => {
    await w.seed(w.twitch, { type: 'channel', user: 'streamer_one', scopes: TWITCH_SCOPES });
    await w.seed(w.twitch, { type: 'bot', user: 'bifrost_bot', scopes: [...TWITCH_SCOPES, 'user:read:moderated_channels'], botIdentifier: 'mod' });
    const burst = (sender: string) => Promise.all(Array.from({ length: 25 }, (_, i) => send('twitch', { text: `${sender} ${i}`, sender })));
    expect((await burst('mod')).map((a) => a.statusCode)).toEqual(Array(25).fill(201));
    expect(w.twitch.chat.rateLimited).toBe(0);

    w.twitch.knobs.moderators = {};
    await w.seed(w.twitch, { type: 'bot', user: 'twitchdev', scopes: [...TWITCH_SCOPES, 'user:read:moderated_channels'], botIdentifier: 'viewer' });
    const viewer = await burst('viewer');
    expect(viewer.filter((a) => a.statusCode === 201)).toHaveLength(20);
    expect(viewer.filter((a) => a.statusCode === 429)).toHaveLength(5);
    expect(w.twitch.chat.rateLimited).toBe(0);
  });

  it('YouTube: the live chat is found with the channel token, 200 characters and no replies, unban by the ban id kept from the ban', async () => {
    await w.seed(w.youtube, { type: 'channel', user: '@streamerone', scopes: YOUTUBE_SCOPES });
    const bot = await w.seed(w.youtube, { type: 'bot', user: '@bifrostbot', scopes: YOUTUBE_SCOPES });
    const res = await send('youtube', { text: 'hello YouTube' });
    expect(res.statusCode).toBe(201);
    expect(w.youtube.chat.ofKind('message')).toMatchObject([{ senderId: bot.platform_user_id, text: 'hello YouTube' }]);
    expect((await send('youtube', { text: 'x', reply_to: res.json().message_id })).json().error.details.field).toBe('reply_to');
    expect((await send('youtube', { text: 'y'.repeat(201) })).json().error.details.field).toBe('text');

    const ban = await w.app.inject({ method: 'POST', url: '/v1/moderation/youtube/bans', headers: w.owner.headers, payload: { user_id: 'UC_x5XG1OV2P6uZZ5FSM9Ttw' } });
    expect(ban.statusCode).toBe(201);
    expect(await w.rt.store.db.selectFrom('chat_bans').select('target').execute()).toEqual([{ target: 'UC_x5XG1OV2P6uZZ5FSM9Ttw' }]);
    const unban = await w.app.inject({ method: 'DELETE', url: '/v1/moderation/youtube/bans/UC_x5XG1OV2P6uZZ5FSM9Ttw', headers: w.owner.headers });
    expect(unban.statusCode).toBe(204);
    expect(w.youtube.chat.items.map((r) => r.kind)).toEqual(['message', 'ban', 'unban']);
    const unknown = await w.app.inject({ method: 'DELETE', url: '/v1/moderation/youtube/bans/UCsomeoneelse', headers: w.owner.headers });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('YouTube: a channel that is not live is a 409 NOT_LIVE naming it, and nothing is sent', async () => {
    w.youtube.knobs.liveChats = {};
    await w.seed(w.youtube, { type: 'channel', user: '@streamerone', scopes: YOUTUBE_SCOPES });
    await w.seed(w.youtube, { type: 'bot', user: '@bifrostbot', scopes: YOUTUBE_SCOPES });
    const res = await send('youtube', { text: 'anyone there?' });
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'NOT_LIVE']);
    expect(res.json().error.message).toContain('is not live');
    expect(w.youtube.chat.items).toEqual([]);
  });

  it('Trovo: a bot speaks in the channel once its owner granted send_to_my_channel; the channel id is learned; bans by nickname', async () => {
    const channel = await w.seed(w.trovo, { type: 'channel', user: 'streamer_one', scopes: ['user_details_self', 'chat_send_self'] });
    await w.seed(w.trovo, { type: 'bot', user: 'bifrost_bot', scopes: ['user_details_self', 'chat_send_self', 'manage_messages'] });
    const calls = w.trovo.calls.length;
    const refused = await send('trovo', { text: 'hi' });
    expect([refused.statusCode, refused.json().error.details.scope, refused.json().error.details.integration_id]).toEqual([403, 'send_to_my_channel', channel.id]);
    expect(w.trovo.calls.length).toBe(calls);

    await w.rt.store.db.updateTable('integrations').set({ scopes: JSON.stringify(['user_details_self', 'chat_send_self', 'send_to_my_channel']) }).where('id', '=', channel.id).execute();
    const res = await send('trovo', { text: 'hello Trovo' });
    expect(res.statusCode).toBe(201);
    expect(res.json().message_id).toBeNull();
    expect(w.trovo.chat.ofKind('message')).toMatchObject([{ channelId: '100000032', text: 'hello Trovo' }]);
    const ban = await w.app.inject({ method: 'POST', url: '/v1/moderation/trovo/bans', headers: w.owner.headers, payload: { username: 'TrovoDev', duration_s: 90 } });
    expect(ban.json()).toMatchObject({ action: 'timed_out', applied_duration_s: 90, clamped: false });
    const byId = await w.app.inject({ method: 'POST', url: '/v1/moderation/trovo/bans', headers: w.owner.headers, payload: { user_id: '100000021' } });
    expect([byId.statusCode, byId.json().error.details.field]).toEqual([400, 'user_id']);
  });

  it('service keys act with the permissions granted to them, within their platforms; others are refused', async () => {
    await kickPair();
    const create = (payload: Record<string, unknown>) => w.app.inject({ method: 'POST', url: '/v1/service-keys', headers: w.owner.headers, payload });
    const acting = (await create({ name: 'chat bot', permissions: ['chat:send'] })).json();
    expect(acting.permissions).toEqual(['chat:send']);
    const listed = (await w.app.inject({ method: 'GET', url: '/v1/service-keys', headers: w.owner.headers })).json();
    expect(listed.items.find((k: { id: string }) => k.id === acting.id).permissions).toEqual(['chat:send']);

    const auth = (key: string) => ({ authorization: `Bearer ${key}` });
    expect((await send('kick', { text: 'from a service key' }, auth(acting.key))).statusCode).toBe(201);
    const noMod = await w.app.inject({ method: 'POST', url: '/v1/moderation/kick/bans', headers: auth(acting.key), payload: { user_id: '123456' } });
    expect(noMod.statusCode).toBe(403);

    const readOnly = (await create({ name: 'reader' })).json();
    expect((await send('kick', { text: 'nope' }, auth(readOnly.key))).statusCode).toBe(403);
    const twitchOnly = (await create({ name: 'twitch only', platforms: ['twitch'], permissions: ['chat:send'] })).json();
    const denied = await send('kick', { text: 'nope' }, auth(twitchOnly.key));
    expect([denied.statusCode, denied.json().error.code]).toEqual([403, 'NOT_GRANTED']);
    // A service key is no key for the rest of the API.
    expect((await w.app.inject({ method: 'GET', url: '/v1/integrations', headers: auth(acting.key) })).statusCode).toBe(401);
    expect(w.kick.chat.ofKind('message').map((m) => m.text)).toEqual(['from a service key']);
  });
});

describe.each(storeTargets())('a send that may have been delivered on $name', (target) => {
  let w: ChatWorld;
  let posts = 0;

  beforeAll(async () => {
    // The connection drops after the request was written: the fake got the message, Bifrost no answer.
    const dropAfterWrite: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (init?.method === 'POST' && String(input).endsWith('/public/v1/chat')) {
        posts++;
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
      }
      return res;
    };
    w = await chatWorld({ store: await target.open(), fetch: dropAfterWrite });
  });
  afterAll(async () => {
    await w?.close();
  });

  it('is not sent again: one request, one message at the fake, 503 PLATFORM_UNREACHABLE', async () => {
    await w.seed(w.kick, { type: 'channel', user: KICK_CHANNEL, scopes: KICK_SCOPES });
    await w.seed(w.kick, { type: 'bot', user: KICK_BOT, scopes: KICK_SCOPES });
    const res = await w.app.inject({ method: 'POST', url: '/v1/chat/kick/messages', headers: w.owner.headers, payload: { text: 'only once' } });
    expect([res.statusCode, res.json().error.code]).toEqual([503, 'PLATFORM_UNREACHABLE']);
    expect(posts).toBe(1);
    expect(w.kick.chat.ofKind('message').map((m) => m.text)).toEqual(['only once']);
  });
});
