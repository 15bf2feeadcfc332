// Contract tests: Kick chat and moderation against the Kick fake (wire bodies, minutes, errors, the fake's limit).
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors/app-error.ts';
import type { ChatCall } from '../chat-types.ts';
import { ChatRefused } from '../errors.ts';
import { contractFixture } from '../fake/contract-fixture.ts';
import { connectWithFake, platformFailure as failure } from '../testing.ts';
import { startFake } from './fake.ts';

const CHANNEL = '4815162'; // streamer_one
const BOT = '9000001'; // bifrost_bot, a moderator of streamer_one by default
const ALL = ['user:read', 'chat:write', 'moderation:ban', 'moderation:chat_message:manage'];

describe('Kick chat against its fake', () => {
  const fx = contractFixture(startFake);

  async function botCall(scopes: string[] = ALL): Promise<ChatCall> {
    const { tokens } = await connectWithFake(fx.adapter(), fx.fake, { user: 'bifrost_bot', scopes });
    fx.rec.requests.length = 0;
    return { credentials: fx.fake.credentials, accessToken: tokens.accessToken, senderId: BOT, broadcasterId: CHANNEL };
  }
  const chat = () => fx.adapter().chat!;
  const lastBody = () => JSON.parse(fx.rec.requests.at(-1)!.body!) as Record<string, unknown>;

  it('sends as type "user" into the integer broadcaster_user_id; replies carry reply_to_message_id', async () => {
    const call = await botCall();
    const sent = await chat().send(call, { text: 'hello chat' });
    const req = fx.rec.requests.at(-1)!;
    expect([req.method, new URL(req.url).pathname, req.headers.authorization]).toEqual(['POST', '/public/v1/chat', `Bearer ${call.accessToken}`]);
    expect(lastBody()).toEqual({ broadcaster_user_id: 4815162, content: 'hello chat', type: 'user' });
    expect(sent.messageId).toMatch(/^[0-9a-f-]{36}$/);
    await chat().send(call, { text: 'a reply', replyTo: sent.messageId! });
    expect(lastBody()).toEqual({ broadcaster_user_id: 4815162, content: 'a reply', type: 'user', reply_to_message_id: sent.messageId });
    expect(fx.fake.chat.ofKind('message').map((m) => [m.senderId, m.channelId, m.text, m.replyTo])).toEqual([
      [BOT, CHANNEL, 'hello chat', undefined],
      [BOT, CHANNEL, 'a reply', sent.messageId],
    ]);
  });

  it('deletes a message by id (DELETE /chat/{id})', async () => {
    const call = await botCall();
    const { messageId } = await chat().send(call, { text: 'oops' });
    await chat().deleteMessage(call, messageId!);
    const req = fx.rec.requests.at(-1)!;
    expect([req.method, new URL(req.url).pathname]).toEqual(['DELETE', `/public/v1/chat/${messageId}`]);
    expect(fx.fake.chat.ofKind('delete')).toMatchObject([{ senderId: BOT, channelId: CHANNEL, messageId }]);
  });

  it('times out in whole minutes: rounds seconds up, clamps to 1…10,080 minutes, reports the seconds applied', async () => {
    const call = await botCall();
    const cases: [number, number, number][] = [
      [90, 2, 120],
      [1, 1, 60],
      [600, 10, 600],
      [30 * 86_400, 10_080, 604_800],
    ];
    for (const [seconds, minutes, applied] of cases) {
      const result = await chat().ban(call, { userId: '123456' }, { durationS: seconds, reason: 'x'.repeat(150) });
      expect(result.appliedDurationS).toBe(applied);
      const body = lastBody();
      expect(body).toEqual({ broadcaster_user_id: 4815162, user_id: 123456, duration: minutes, reason: 'x'.repeat(100) });
    }
    expect(fx.fake.chat.ofKind('timeout').map((r) => r.durationS)).toEqual([120, 60, 600, 604_800]);
  });

  it('bans without duration and unbans with a JSON body on DELETE', async () => {
    const call = await botCall();
    expect(await chat().ban(call, { userId: '123456' }, {})).toEqual({ appliedDurationS: undefined });
    expect(lastBody()).toEqual({ broadcaster_user_id: 4815162, user_id: 123456 });
    await chat().unban(call, { userId: '123456' });
    const req = fx.rec.requests.at(-1)!;
    expect([req.method, new URL(req.url).pathname, req.url.includes('?')]).toEqual(['DELETE', '/public/v1/moderation/bans', false]);
    expect(lastBody()).toEqual({ broadcaster_user_id: 4815162, user_id: 123456 });
    expect(fx.fake.chat.items.map((r) => [r.kind, r.target])).toEqual([
      ['ban', '123456'],
      ['unban', '123456'],
    ]);
  });

  it('refuses a non-numeric user id before any call', async () => {
    const call = await botCall();
    const err = await chat().ban(call, { userId: 'someone' }, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).details).toEqual({ field: 'user_id' });
    expect(fx.rec.requests).toHaveLength(0);
  });

  it('maps 401 to invalid_token, a missing scope to insufficient_scope, a non-moderator to a 403', async () => {
    const call = await botCall(['user:read', 'chat:write']);
    expect((await failure(chat().send({ ...call, accessToken: 'DEAD' }, { text: 'hi' }))).oauthError).toBe('invalid_token');
    const scope = await failure(chat().ban(call, { userId: '123456' }, {}));
    expect([scope.kind, scope.httpStatus, scope.oauthError]).toEqual(['oauth', 403, 'insufficient_scope']);
    fx.fake.knobs.moderators = {};
    const full = await botCall();
    const notMod = await failure(chat().ban(full, { userId: '123456' }, {}));
    expect([notMod.kind, notMod.httpStatus, notMod.transient]).toEqual(['status', 403, false]);
    expect(fx.fake.chat.items.filter((r) => r.kind !== 'message')).toHaveLength(0);
  });

  it('the fake allows 20 sends per 30 s per sender and channel: the 21st is a 429 with Retry-After', async () => {
    const call = await botCall();
    for (let i = 0; i < 20; i++) await chat().send(call, { text: `m${i}` });
    fx.clock.advance(10_000);
    const limited = await failure(chat().send(call, { text: 'one too many' }));
    expect([limited.kind, limited.httpStatus, limited.retryAfter, limited.transient]).toEqual(['status', 429, 20, true]);
    expect(fx.fake.chat.rateLimited).toBe(1);
    // Another channel has its own window.
    await chat().send({ ...call, broadcasterId: '123456' }, { text: 'elsewhere' });
    fx.clock.advance(20_000);
    await chat().send(call, { text: 'after the window' });
    expect(fx.fake.chat.ofKind('message')).toHaveLength(22);
  });

  it('a network failure of a send after connecting is marked maybeDelivered; a refused connection is not', async () => {
    const call = await botCall();
    const reset = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const def = fx.adapter();
    const { adapterFor } = await import('../testing.ts');
    const failing = (e: Error) => adapterFor(fx.fake, { fetch: (async () => Promise.reject(e)) as typeof fetch }).chat!;
    const a = await failure(failing(reset).send(call, { text: 'x' }));
    expect([a.kind, a.maybeDelivered]).toEqual(['network', true]);
    const b = await failure(failing(refused).send(call, { text: 'x' }));
    expect([b.kind, b.maybeDelivered]).toEqual(['network', false]);
    expect(def.capabilities.chat!.limit).toEqual({ kind: 'window', windowMs: 30_000, messages: 20 });
  });

  it('an is_sent:false answer is ChatRefused; the listing shows what the fake received', async () => {
    const call = await botCall();
    await chat().send(call, { text: 'listed' });
    await chat().ban(call, { userId: '123456' }, { durationS: 60 });
    const res = await fetch(`${fx.fake.url}/chat`);
    const { items } = (await res.json()) as { items: Record<string, unknown>[] };
    expect(items.map(({ at: _at, message_id: _id, ...rest }) => rest)).toEqual([
      { kind: 'message', sender_id: BOT, channel_id: CHANNEL, text: 'listed' },
      { kind: 'timeout', sender_id: BOT, channel_id: CHANNEL, target: '123456', duration_s: 60 },
    ]);
    expect(items[0]!.at).toBe(new Date(fx.clock.now()).toISOString());
    const notSent = (async () => new Response(JSON.stringify({ data: { is_sent: false }, message: 'OK' }), { status: 200 })) as unknown as typeof fetch;
    const { adapterFor } = await import('../testing.ts');
    const err = await adapterFor(fx.fake, { fetch: notSent }).chat!.send(call, { text: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChatRefused);
  });
});
