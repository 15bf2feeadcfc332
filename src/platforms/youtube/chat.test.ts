// Contract tests: YouTube live chat against the YouTube fake (liveChatId discovery, wire bodies, ban ids, reasons, the daily quota).
import { describe, expect, it } from 'vitest';
import type { ChatCall } from '../chat-types.ts';
import { ChatRefused } from '../errors.ts';
import { contractFixture } from '../fake/contract-fixture.ts';
import { connectWithFake, platformFailure as failure } from '../testing.ts';
import { secondsToPacificMidnight } from './chat.ts';
import { startFake } from './fake.ts';

const STREAMER = 'UCb1fr0stStr3amer0ne000A';
const BOT = 'UCb1fr0stB0tAccount0000B'; // moderates the streamer's chat by default
const VIEWER = 'UC_x5XG1OV2P6uZZ5FSM9Ttw';
const LIVE_CHAT = `Cg0KC${STREAMER}`;
const FORCE_SSL = 'https://www.googleapis.com/auth/youtube.force-ssl';

describe('YouTube chat against its fake', () => {
  const fx = contractFixture(startFake);
  const chat = () => fx.adapter().chat;
  const lastBody = () => JSON.parse(fx.rec.requests.at(-1)!.body!) as Record<string, unknown>;
  const lastUrl = () => new URL(fx.rec.requests.at(-1)!.url);

  async function callAs(user: string, scopes: string[] = [FORCE_SSL]): Promise<ChatCall> {
    const { tokens } = await connectWithFake(fx.adapter(), fx.fake, { user, scopes });
    fx.rec.requests.length = 0;
    return { credentials: fx.fake.credentials, accessToken: tokens.accessToken, senderId: user, broadcasterId: STREAMER, liveChatId: LIVE_CHAT };
  }

  it('discovers the live chat with the channel token: liveBroadcasts.list broadcastStatus=active → snippet.liveChatId; null when not live', async () => {
    const owner = await callAs(STREAMER);
    expect(await chat().discover!(owner)).toBe(LIVE_CHAT);
    expect([lastUrl().pathname, Object.fromEntries(lastUrl().searchParams)]).toEqual(['/youtube/v3/liveBroadcasts', { part: 'snippet', broadcastStatus: 'active' }]);
    fx.fake.knobs.liveChats = {};
    expect(await chat().discover!(owner)).toBeNull();
  });

  it('sends a textMessageEvent into the live chat; no replies; no live chat → not_live', async () => {
    const bot = await callAs(BOT);
    const { messageId } = await chat().send(bot, { text: 'hello' });
    expect([fx.rec.requests.at(-1)!.method, lastUrl().pathname, lastUrl().search]).toEqual(['POST', '/youtube/v3/liveChat/messages', '?part=snippet']);
    expect(lastBody()).toEqual({ snippet: { liveChatId: LIVE_CHAT, type: 'textMessageEvent', textMessageDetails: { messageText: 'hello' } } });
    expect(messageId).toBe(fx.fake.chat.items[0]!.messageId);
    await expect(chat().send(bot, { text: 'x', replyTo: messageId! })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'reply_to' } });
    const notLive = await chat().send({ ...bot, liveChatId: undefined }, { text: 'x' }).catch((e: unknown) => e);
    expect((notLive as ChatRefused).reason).toBe('not_live');
    expect(fx.rec.requests).toHaveLength(1);
    expect(fx.fake.chat.ofKind('message')).toMatchObject([{ senderId: BOT, channelId: STREAMER, text: 'hello' }]);
  });

  it('deletes a message by id', async () => {
    const viewer = await callAs(VIEWER);
    const { messageId } = await chat().send(viewer, { text: 'spam' });
    const bot = await callAs(BOT);
    await chat().deleteMessage(bot, messageId!);
    expect([fx.rec.requests.at(-1)!.method, lastUrl().pathname, lastUrl().searchParams.get('id')]).toEqual(['DELETE', '/youtube/v3/liveChat/messages', messageId]);
    expect(fx.fake.chat.ofKind('delete')).toMatchObject([{ senderId: BOT, messageId, target: VIEWER }]);
  });

  it('times out as a temporary ban, bans as permanent (target: a channel id), answers the ban id and unbans by it', async () => {
    const bot = await callAs(BOT);
    const timeout = await chat().ban(bot, { userId: VIEWER }, { durationS: 300, reason: 'ignored: YouTube takes no reason' });
    expect(lastBody()).toEqual({ snippet: { liveChatId: LIVE_CHAT, type: 'temporary', banDurationSeconds: 300, bannedUserDetails: { channelId: VIEWER } } });
    expect(timeout).toEqual({ appliedDurationS: 300, banId: expect.any(String) });
    expect((await chat().ban(bot, { userId: VIEWER }, { durationS: 7 * 86_400 })).appliedDurationS).toBe(86_400);
    const ban = await chat().ban(bot, { userId: VIEWER }, {});
    expect(lastBody()).toEqual({ snippet: { liveChatId: LIVE_CHAT, type: 'permanent', bannedUserDetails: { channelId: VIEWER } } });
    expect(ban.appliedDurationS).toBeUndefined();
    await chat().unban(bot, { userId: VIEWER, banId: ban.banId });
    expect([fx.rec.requests.at(-1)!.method, lastUrl().pathname, lastUrl().searchParams.get('id')]).toEqual(['DELETE', '/youtube/v3/liveChat/bans', ban.banId]);
    await expect(chat().unban(bot, { userId: VIEWER })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'ban_id' } });
    expect(fx.fake.chat.items.map((r) => [r.kind, r.target, r.durationS])).toEqual([
      ['timeout', VIEWER, 300],
      ['timeout', VIEWER, 86_400],
      ['ban', VIEWER, undefined],
      ['unban', VIEWER, undefined],
    ]);
  });

  it('switches on errors[0].reason: invalid token, missing scope, ended or missing chat, not a moderator, moderator target', async () => {
    const bot = await callAs(BOT);
    expect((await failure(chat().send({ ...bot, accessToken: 'ya29.dead' }, { text: 'x' }))).oauthError).toBe('invalid_token');
    const readonly = await callAs(BOT, ['https://www.googleapis.com/auth/youtube.readonly']);
    const scope = await failure(chat().send(readonly, { text: 'x' }));
    expect([scope.oauthError, scope.httpStatus]).toEqual(['insufficient_scope', 403]);
    const missing = await chat().send({ ...bot, liveChatId: 'Cg0KCnope' }, { text: 'x' }).catch((e: unknown) => e);
    expect((missing as ChatRefused).reason).toBe('liveChatNotFound');
    const viewer = await callAs(VIEWER);
    const notMod = await failure(chat().ban(viewer, { userId: BOT }, {}));
    expect([notMod.kind, notMod.httpStatus]).toEqual(['status', 403]);
    const owner = await callAs(STREAMER);
    expect(((await chat().ban(owner, { userId: BOT }, {}).catch((e: unknown) => e)) as ChatRefused).reason).toBe('liveChatBanInsertionNotAllowed');
    fx.fake.knobs.endedChats = [LIVE_CHAT];
    expect(((await chat().send(bot, { text: 'x' }).catch((e: unknown) => e)) as ChatRefused).reason).toBe('liveChatEnded');
    expect(fx.fake.chat.items).toHaveLength(0);
  });

  it('rateLimitExceeded (no number published) is a transient 429', async () => {
    fx.fake.knobs.chatRateLimit = { messages: 2, windowMs: 10_000 };
    const bot = await callAs(BOT);
    await chat().send(bot, { text: 'a' });
    await chat().send(bot, { text: 'b' });
    const limited = await failure(chat().send(bot, { text: 'c' }));
    expect([limited.kind, limited.httpStatus, limited.transient, limited.retryAfter]).toEqual(['status', 429, true, undefined]);
    expect(fx.fake.chat.rateLimited).toBe(1);
    fx.clock.advance(10_000);
    await chat().send(bot, { text: 'd' });
    expect(fx.fake.chat.ofKind('message')).toHaveLength(3);
  });

  it('the fake spends the daily quota (send 20 units); beyond it quotaExceeded is a 429 until midnight Pacific', async () => {
    fx.clock.set(Date.UTC(2026, 5, 1, 19, 0, 0)); // 12:00 in Los Angeles (PDT)
    fx.fake.knobs.dailyQuota = 101;
    const bot = await callAs(BOT);
    expect(await chat().discover!(bot)).toBeNull(); // 1 unit; the bot's own channel is not live
    for (let i = 0; i < 5; i++) await chat().send(bot, { text: `m${i}` });
    const spent = await failure(chat().send(bot, { text: 'm5' }));
    expect([spent.kind, spent.httpStatus, spent.retryAfter]).toEqual(['status', 429, 12 * 3600]);
    expect(fx.fake.chat.rateLimited).toBe(1);
    fx.clock.advance(12 * 3600 * 1000);
    await chat().send(await callAs(BOT), { text: 'a new day' });
    expect(fx.fake.chat.ofKind('message')).toHaveLength(6);
    expect(secondsToPacificMidnight(Date.UTC(2026, 0, 15, 8, 0, 0))).toBe(86_400); // midnight PST is 08:00 UTC
  });
});
