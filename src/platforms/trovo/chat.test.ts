// Contract tests: Trovo chat against the Trovo fake (send `{}`, chat commands by nickname, refusals, the app-wide limit).
import { describe, expect, it } from 'vitest';
import type { ChatCall } from '../chat-types.ts';
import { ChatRefused } from '../errors.ts';
import { contractFixture } from '../fake/contract-fixture.ts';
import { connectWithFake, platformFailure as failure } from '../testing.ts';
import { startFake } from './fake.ts';

const STREAMER = { id: '100000022', channel: '100000032' };
const BOT = { id: '100000023', channel: '100000033' }; // moderates the streamer's channel by default
const ALL = ['user_details_self', 'chat_send_self', 'manage_messages'];

describe('Trovo chat against its fake', () => {
  const fx = contractFixture(startFake);
  const chat = () => fx.adapter().chat;
  const lastBody = () => JSON.parse(fx.rec.requests.at(-1)!.body!) as Record<string, unknown>;
  const refusedReason = async (p: Promise<unknown>) => ((await p.catch((e: unknown) => e)) as ChatRefused).reason;

  async function callAs(user: string, scopes: string[] = ALL): Promise<ChatCall> {
    const { tokens } = await connectWithFake(fx.adapter(), fx.fake, { user, scopes });
    fx.rec.requests.length = 0;
    const senderId = fx.fake.users.find((u) => u.login === user)!.id;
    return { credentials: fx.fake.credentials, accessToken: tokens.accessToken, senderId, broadcasterId: STREAMER.id, channelId: STREAMER.channel };
  }

  it('sends {content, channel_id} with Client-ID and OAuth; the answer {} has no message id; no replies', async () => {
    const bot = await callAs('bifrost_bot');
    expect(await chat().send(bot, { text: 'hello' })).toEqual({ messageId: null });
    const req = fx.rec.requests.at(-1)!;
    expect([req.method, new URL(req.url).pathname, req.headers['client-id'], req.headers.authorization]).toEqual(['POST', '/openplatform/chat/send', fx.fake.credentials.clientId, `OAuth ${bot.accessToken}`]);
    expect(lastBody()).toEqual({ content: 'hello', channel_id: STREAMER.channel });
    await expect(chat().send(bot, { text: 'x', replyTo: 'm1' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'reply_to' } });
    await expect(chat().send({ ...bot, channelId: undefined }, { text: 'x' })).rejects.toMatchObject({ details: { field: 'channel_id' } });
    const owner = await callAs('streamer_one');
    await chat().send({ ...owner, channelId: undefined }, { text: 'my own channel' });
    expect(lastBody()).toEqual({ content: 'my own channel' });
    expect(fx.fake.chat.ofKind('message').map((m) => [m.senderId, m.channelId, m.text])).toEqual([
      [BOT.id, STREAMER.channel, 'hello'],
      [STREAMER.id, STREAMER.channel, 'my own channel'],
    ]);
  });

  it('bans, times out and unbans with chat commands without the slash, by nickname', async () => {
    const bot = await callAs('bifrost_bot');
    expect(await chat().ban(bot, { username: 'TrovoDev' }, { durationS: 300, reason: 'Trovo takes none' })).toEqual({ appliedDurationS: 300 });
    expect(new URL(fx.rec.requests.at(-1)!.url).pathname).toBe('/openplatform/channels/command');
    expect(lastBody()).toEqual({ command: 'ban TrovoDev 300s', channel_id: STREAMER.channel });
    expect((await chat().ban(bot, { username: '@TrovoDev' }, { durationS: 30 * 86_400 })).appliedDurationS).toBe(86_400);
    expect(lastBody()).toEqual({ command: 'ban TrovoDev 86400s', channel_id: STREAMER.channel });
    expect(await chat().ban(bot, { username: 'TrovoDev' }, {})).toEqual({ appliedDurationS: undefined });
    expect(lastBody()).toEqual({ command: 'ban TrovoDev', channel_id: STREAMER.channel });
    await chat().unban(bot, { username: 'TrovoDev' });
    expect(lastBody()).toEqual({ command: 'unban TrovoDev', channel_id: STREAMER.channel });
    expect(fx.fake.chat.items.map((r) => [r.kind, r.target, r.durationS])).toEqual([
      ['timeout', 'TrovoDev', 300],
      ['timeout', 'TrovoDev', 86_400],
      ['ban', 'TrovoDev', undefined],
      ['unban', 'TrovoDev', undefined],
    ]);
  });

  it('is_success:false is ChatRefused; a nickname with spaces or a user id is refused before any call', async () => {
    const bot = await callAs('bifrost_bot');
    const unknown = await chat().ban(bot, { username: 'nobody_here' }, {}).catch((e: unknown) => e);
    expect([(unknown as ChatRefused).reason, (unknown as ChatRefused).message]).toEqual(['command_refused', 'Trovo refused the ban: User nobody_here not found.']);
    const viewer = await callAs('trovo_dev');
    expect(await refusedReason(chat().ban(viewer, { username: 'BifrostBot' }, {}))).toBe('command_refused');
    await expect(chat().ban(bot, { username: 'two words' }, {})).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'username' } });
    await expect(chat().unban(bot, { userId: '100000021' })).rejects.toMatchObject({ details: { field: 'username' } });
    expect(fx.fake.chat.items).toHaveLength(0);
  });

  it('does not offer deleting one message (it needs the sender id, and the path is disputed)', async () => {
    const bot = await callAs('bifrost_bot');
    expect(fx.adapter().capabilities.chat.deleteMessage).toBe(false);
    expect(await refusedReason(chat().deleteMessage(bot, 'm1'))).toBe('not_supported');
    expect(fx.rec.requests).toHaveLength(0);
  });

  it('maps errors on 4xx and on HTTP 200 alike: dead token → invalid_token, missing scope → insufficient_scope', async () => {
    const bot = await callAs('bifrost_bot', ['user_details_self', 'chat_send_self']);
    for (const errorsOnHttp200 of [false, true]) {
      fx.fake.knobs.errorsOnHttp200 = errorsOnHttp200;
      expect((await failure(chat().send({ ...bot, accessToken: 'dead' }, { text: 'x' }))).oauthError).toBe('invalid_token');
      expect((await failure(chat().ban(bot, { username: 'TrovoDev' }, {}))).oauthError).toBe('insufficient_scope');
    }
    expect(fx.fake.chat.items).toHaveLength(0);
  });

  it('the fake limits requests per client id app-wide: beyond it status 11706 is a 429 with the wait from x-ratelimit-reset', async () => {
    fx.clock.set(Date.UTC(2026, 5, 1, 12, 0, 0));
    fx.fake.knobs.appLimit = { requests: 3, windowMs: 60_000 };
    const bot = await callAs('bifrost_bot');
    const owner = await callAs('streamer_one');
    await chat().send(bot, { text: 'a' });
    await chat().send(owner, { text: 'b' });
    fx.clock.advance(15_000);
    await chat().ban(bot, { username: 'TrovoDev' }, {});
    for (const errorsOnHttp200 of [false, true]) {
      fx.fake.knobs.errorsOnHttp200 = errorsOnHttp200;
      const limited = await failure(chat().send(owner, { text: 'c' }));
      expect([limited.kind, limited.httpStatus, limited.retryAfter]).toEqual(['status', 429, 45]);
    }
    expect(fx.fake.chat.rateLimited).toBe(2);
    expect(fx.adapter().capabilities.chat.limit).toEqual({ kind: 'app', windowMs: 60_000, requests: 1_200 });
  });
});
