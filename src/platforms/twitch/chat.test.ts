// Contract tests: Twitch Helix chat and moderation against the Twitch fake (wire shapes, drops, roles, errors, limits).
import { describe, expect, it } from 'vitest';
import type { ChatCall } from '../chat-types.ts';
import { ChatRefused } from '../errors.ts';
import { contractFixture } from '../fake/contract-fixture.ts';
import { connectWithFake, platformFailure as failure } from '../testing.ts';
import { startFake } from './fake.ts';

const CHANNEL = '12826'; // streamer_one
const BOT = '98765432'; // bifrost_bot, a moderator of streamer_one by default
const VIEWER = '141981764'; // twitchdev
const ALL = ['user:write:chat', 'moderator:manage:chat_messages', 'moderator:manage:banned_users', 'user:read:moderated_channels'];

describe('Twitch chat against its fake', () => {
  const fx = contractFixture(startFake);
  const chat = () => fx.adapter().chat!;
  const lastBody = () => JSON.parse(fx.rec.requests.at(-1)!.body!) as Record<string, unknown>;
  const lastUrl = () => new URL(fx.rec.requests.at(-1)!.url);

  async function callAs(user: string, scopes: string[] = ALL): Promise<ChatCall> {
    const { tokens } = await connectWithFake(fx.adapter(), fx.fake, { user, scopes });
    fx.rec.requests.length = 0;
    const senderId = fx.fake.users.find((u) => u.login === user)!.id;
    return { credentials: fx.fake.credentials, accessToken: tokens.accessToken, senderId, broadcasterId: CHANNEL };
  }

  it('sends with broadcaster_id, sender_id and message (Client-Id + Bearer); a reply carries reply_parent_message_id', async () => {
    const call = await callAs('bifrost_bot');
    const { messageId } = await chat().send(call, { text: 'hello' });
    const req = fx.rec.requests.at(-1)!;
    expect([req.method, lastUrl().pathname, req.headers['client-id'], req.headers.authorization]).toEqual(['POST', '/helix/chat/messages', fx.fake.credentials.clientId, `Bearer ${call.accessToken}`]);
    expect(lastBody()).toEqual({ broadcaster_id: CHANNEL, sender_id: BOT, message: 'hello' });
    await chat().send(call, { text: 're', replyTo: messageId! });
    expect(lastBody()).toEqual({ broadcaster_id: CHANNEL, sender_id: BOT, message: 're', reply_parent_message_id: messageId });
    expect(fx.fake.chat.ofKind('message').map((m) => [m.text, m.replyTo])).toEqual([
      ['hello', undefined],
      ['re', messageId],
    ]);
  });

  it('a dropped message (HTTP 200, is_sent:false) is ChatRefused with the drop code', async () => {
    const call = await callAs('bifrost_bot');
    fx.fake.knobs.chatDrop = { code: 'msg_duplicate', message: 'Your message is identical to the one you sent less than 30 seconds ago.' };
    const err = await chat().send(call, { text: 'again' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChatRefused);
    expect([(err as ChatRefused).reason, (err as ChatRefused).code]).toEqual(['msg_duplicate', 'MESSAGE_REFUSED']);
    expect(fx.fake.chat.items).toHaveLength(0);
  });

  it('deletes one message with broadcaster_id, moderator_id and message_id; never without message_id', async () => {
    const viewer = await callAs('twitchdev');
    const { messageId } = await chat().send(viewer, { text: 'spam' });
    const mod = await callAs('bifrost_bot');
    await chat().deleteMessage(mod, messageId!);
    expect([fx.rec.requests.at(-1)!.method, lastUrl().pathname, Object.fromEntries(lastUrl().searchParams)]).toEqual([
      'DELETE',
      '/helix/moderation/chat',
      { broadcaster_id: CHANNEL, moderator_id: BOT, message_id: messageId },
    ]);
    expect(fx.fake.chat.ofKind('delete')).toMatchObject([{ senderId: BOT, channelId: CHANNEL, messageId, target: VIEWER }]);
    await expect(chat().deleteMessage(mod, '')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(fx.fake.chat.ofKind('delete')).toHaveLength(1);
  });

  it('times out and bans with the body wrapped in data (duration in seconds, clamped to 2 weeks); unbans with user_id', async () => {
    const mod = await callAs('bifrost_bot');
    expect(await chat().ban(mod, { userId: VIEWER }, { durationS: 300, reason: 'calm down' })).toEqual({ appliedDurationS: 300 });
    expect(Object.fromEntries(lastUrl().searchParams)).toEqual({ broadcaster_id: CHANNEL, moderator_id: BOT });
    expect(lastBody()).toEqual({ data: { user_id: VIEWER, duration: 300, reason: 'calm down' } });
    expect(await chat().ban(mod, { userId: VIEWER }, { durationS: 10_000_000 })).toEqual({ appliedDurationS: 1_209_600 });
    expect(lastBody()).toEqual({ data: { user_id: VIEWER, duration: 1_209_600 } });
    expect(await chat().ban(mod, { userId: VIEWER }, { reason: 'r'.repeat(600) })).toEqual({ appliedDurationS: undefined });
    expect(lastBody()).toEqual({ data: { user_id: VIEWER, reason: 'r'.repeat(500) } });
    const again = await chat().ban(mod, { userId: VIEWER }, {}).catch((e: unknown) => e);
    expect((again as ChatRefused).reason).toBe('already_banned');
    await chat().unban(mod, { userId: VIEWER });
    expect([fx.rec.requests.at(-1)!.method, Object.fromEntries(lastUrl().searchParams)]).toEqual(['DELETE', { broadcaster_id: CHANNEL, moderator_id: BOT, user_id: VIEWER }]);
    expect(((await chat().unban(mod, { userId: VIEWER }).catch((e: unknown) => e)) as ChatRefused).reason).toBe('not_banned');
    expect(fx.fake.chat.items.map((r) => [r.kind, r.durationS])).toEqual([
      ['timeout', 300],
      ['timeout', 1_209_600],
      ['ban', undefined],
      ['unban', undefined],
    ]);
  });

  it('senderRole: broadcaster for the channel itself, moderator from Helix, viewer otherwise or without the scope', async () => {
    const owner = await callAs('streamer_one');
    expect(await chat().senderRole!(owner)).toBe('broadcaster');
    expect(fx.rec.requests).toHaveLength(0);
    const mod = await callAs('bifrost_bot');
    expect(await chat().senderRole!(mod)).toBe('moderator');
    expect([lastUrl().pathname, lastUrl().searchParams.get('user_id')]).toEqual(['/helix/moderation/channels', BOT]);
    expect(await chat().senderRole!(await callAs('twitchdev'))).toBe('viewer');
    expect(await chat().senderRole!(await callAs('bifrost_bot', ['user:write:chat']))).toBe('viewer');
  });

  it('maps errors: a dead token → invalid_token, a missing scope → insufficient_scope, not a moderator → 403', async () => {
    const viewer = await callAs('twitchdev', ['user:write:chat']);
    expect((await failure(chat().send({ ...viewer, accessToken: 'nope' }, { text: 'x' }))).oauthError).toBe('invalid_token');
    expect((await failure(chat().ban(viewer, { userId: BOT }, {}))).oauthError).toBe('insufficient_scope');
    const full = await callAs('twitchdev');
    const notMod = await failure(chat().ban(full, { userId: BOT }, {}));
    expect([notMod.kind, notMod.httpStatus]).toEqual(['status', 403]);
  });

  it('the fake allows 20 sends per 30 s to a viewer: the 21st is a 429 whose wait comes from Ratelimit-Reset', async () => {
    fx.clock.set(Date.UTC(2026, 5, 1, 12, 0, 0));
    const viewer = await callAs('twitchdev');
    for (let i = 0; i < 20; i++) await chat().send(viewer, { text: `m${i}` });
    fx.clock.advance(12_000);
    const limited = await failure(chat().send(viewer, { text: 'm20' }));
    expect([limited.httpStatus, limited.retryAfter]).toEqual([429, 18]);
    expect(fx.fake.chat.rateLimited).toBe(1);
    fx.clock.advance(18_000);
    await chat().send(viewer, { text: 'm21' });
    expect(fx.fake.chat.ofKind('message')).toHaveLength(21);
  });

  it('the fake allows a moderator 100 sends per 30 s', async () => {
    const mod = await callAs('bifrost_bot');
    for (let i = 0; i < 100; i++) await chat().send(mod, { text: `m${i}` });
    expect((await failure(chat().send(mod, { text: 'm100' }))).httpStatus).toBe(429);
    expect(fx.fake.chat.ofKind('message')).toHaveLength(100);
  });

  it('a banned sender is dropped with msg_banned', async () => {
    const mod = await callAs('bifrost_bot');
    await chat().ban(mod, { userId: VIEWER }, {});
    const viewer = await callAs('twitchdev');
    expect(((await chat().send(viewer, { text: 'hi' }).catch((e: unknown) => e)) as ChatRefused).reason).toBe('msg_banned');
    expect(fx.adapter().capabilities.chat!.limit).toEqual({ kind: 'window', windowMs: 30_000, messages: 20, elevatedMessages: 100, verifiedMessages: 7_500 });
  });
});
