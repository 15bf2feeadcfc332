/**
 * @bifrost/client against a real `bifrost serve --sandbox` (spawned from bin/bifrost; Twitch played by
 * the sandbox fake): cached single-flight token reads, 401 reports, the bot lookup, chat and
 * moderation landing at the fake, typed errors with Bifrost's codes, Retry-After, and an event
 * subscription that resumes after Bifrost restarts mid-stream without losing an event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BifrostAuthError,
  BifrostNotFoundError,
  BifrostPermissionError,
  BifrostRateLimitError,
  BifrostValidationError,
  createClient,
  type BifrostClient,
  type BifrostEvent,
  type SubscriptionState,
} from '@bifrost/client';
import { INTERNAL_SECRET, startSandbox, waitFor, type Sandbox } from './support/sandbox.ts';
import { emitTwitch, provision, twitchChat, type Provisioned } from './support/provision.ts';
import { startGate, type Gate } from './support/gate.ts';

/** A fetch that counts the calls the client makes (to Bifrost, for real). */
function countingFetch(): { fetch: typeof fetch; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    fetch: (input, init) => {
      calls.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
      return fetch(input, init);
    },
  };
}

describe('@bifrost/client against bifrost serve --sandbox', () => {
  let sandbox: Sandbox;
  let p: Provisioned;
  let client: BifrostClient;

  beforeAll(async () => {
    // One message per 30 s for a plain sender (5 for a moderator): the limit test reaches it in a few sends.
    sandbox = await startSandbox({ env: { BIFROST_CHAT_TWITCH_MESSAGES_PER_30S: '1' } });
    p = await provision(sandbox);
    client = createClient({ baseUrl: sandbox.url, serviceKey: p.serviceKey });
  }, 120_000);

  afterAll(async () => {
    await sandbox?.stop();
  });

  describe('tokens', () => {
    it('answers 100 concurrent getToken calls with one HTTP call, then from the cache', async () => {
      const counted = countingFetch();
      const c = createClient({ baseUrl: sandbox.url, serviceKey: p.serviceKey, fetch: counted.fetch });
      const tokens = await Promise.all(Array.from({ length: 100 }, () => c.getToken(p.botId)));
      expect(counted.calls).toEqual([`POST /internal/integrations/${p.botId}/token`]);
      expect(new Set(tokens.map((t) => t.access_token)).size).toBe(1);
      expect(tokens[0]).toMatchObject({ platform: 'twitch', integration_type: 'bot', platform_username: 'bifrost_bot' });
      expect(tokens[0]).not.toHaveProperty('refresh_token');
      await c.getToken(p.botId);
      expect(counted.calls).toHaveLength(1);
    });

    it('reportInvalid gets a new token (one report however many callers), which getToken then answers', async () => {
      const counted = countingFetch();
      const c = createClient({ baseUrl: sandbox.url, serviceKey: p.serviceKey, fetch: counted.fetch });
      const before = await c.getToken(p.channelId);
      const reports = await Promise.all(Array.from({ length: 10 }, () => c.reportInvalid(p.channelId)));
      expect(counted.calls.filter((call) => call.endsWith('/token/invalid'))).toHaveLength(1);
      const fresh = reports[0]!;
      expect(fresh.access_token).not.toBe(before.access_token);
      expect(new Set(reports.map((t) => t.access_token)).size).toBe(1);
      expect((await c.getToken(p.channelId)).access_token).toBe(fresh.access_token);
      expect(counted.calls).toHaveLength(2);
      // Bifrost really replaced it: an uncached read answers the new token too.
      const other = createClient({ baseUrl: sandbox.url, internalSecret: INTERNAL_SECRET });
      expect((await other.getToken(p.channelId)).access_token).toBe(fresh.access_token);
    });

    it('refuses unknown integrations and keys with typed errors carrying Bifrost\'s code', async () => {
      await expect(client.getToken('int_doesnotexist')).rejects.toMatchObject({ constructor: BifrostNotFoundError, status: 404, code: 'NOT_FOUND' });
      const wrong = createClient({ baseUrl: sandbox.url, serviceKey: 'bfs_not-a-real-key' });
      const err = await wrong.getToken(p.botId).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BifrostAuthError);
      expect(err).toMatchObject({ status: 401, code: 'CONSUMER_UNAUTHENTICATED' });
      expect(String((err as Error).message)).not.toContain('bfs_not-a-real-key');
      const narrow = await p.session.call<{ key: string }>('POST', '/v1/service-keys', { name: 'youtube only', platforms: ['youtube'] });
      const limited = createClient({ baseUrl: sandbox.url, serviceKey: narrow.body.key });
      await expect(limited.getToken(p.botId)).rejects.toMatchObject({ constructor: BifrostPermissionError, code: 'NOT_GRANTED' });
    });

    it('refuses a missing or doubled credential before any call', () => {
      expect(() => createClient({ baseUrl: sandbox.url } as never)).toThrow(/exactly one of serviceKey/);
      expect(() => createClient({ baseUrl: sandbox.url, serviceKey: 'bfs_x', apiKey: 'bf_y' } as never)).toThrow(/not serviceKey and apiKey/);
      expect(() => createClient({ baseUrl: sandbox.url, serviceKey: 'bf_y' })).toThrow(/serviceKey: a service key starts with bfs_/);
      expect(() => createClient({ baseUrl: 'localhost:8080', serviceKey: 'bfs_x' })).toThrow(/baseUrl/);
    });
  });

  it('bot(platform) names the account\'s bot; the internal secret names the account', async () => {
    expect(await client.bot('twitch')).toMatchObject({ integration_id: p.botId, platform_username: 'bifrost_bot', is_global: false });
    const internal = createClient({ baseUrl: sandbox.url, internalSecret: INTERNAL_SECRET });
    expect(await internal.bot('twitch', { accountId: p.accountId })).toMatchObject({ integration_id: p.botId });
  });

  describe('chat and moderation', () => {
    it('chat.send posts as the bot into the channel at the platform', async () => {
      const sent = await client.chat.send('twitch', { text: 'hello from @bifrost/client' });
      expect(sent).toMatchObject({ platform: 'twitch', sender: { integration_id: p.botId, username: 'bifrost_bot', global: false } });
      const chat = await twitchChat(sandbox);
      expect(chat).toContainEqual(expect.objectContaining({ kind: 'message', text: 'hello from @bifrost/client', sender_id: '98765432', channel_id: '12826', message_id: sent.message_id }));
    });

    it('deletes, times out, bans and unbans through the bot', async () => {
      const sent = await client.chat.send('twitch', { text: 'to be deleted' });
      await client.chat.delete('twitch', sent.message_id!);
      const timeout = await client.moderation.timeout('twitch', { user_id: '55501', duration_s: 600, reason: 'calm down' });
      expect(timeout).toMatchObject({ action: 'timed_out', applied_duration_s: 600 });
      const ban = await client.moderation.ban('twitch', { user_id: '55501', reason: 'spam' });
      expect(ban).toMatchObject({ action: 'banned' });
      await client.moderation.unban('twitch', '55501');
      const kinds = (await twitchChat(sandbox)).filter((r) => r.kind !== 'message').map((r) => r.kind);
      expect(kinds).toEqual(['delete', 'timeout', 'ban', 'unban']);
    });

    it('names the field of bad input', async () => {
      const err = await client.chat.send('twitch', { text: 'x'.repeat(501) }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BifrostValidationError);
      expect(err).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect((err as Error).message).toMatch(/text/);
    });

    it('a full limit is a BifrostRateLimitError with Retry-After when waiting longer than allowed', async () => {
      const impatient = createClient({ baseUrl: sandbox.url, serviceKey: p.serviceKey, maxRetryWaitMs: 0 });
      let err: unknown;
      for (let i = 0; i < 10 && err === undefined; i++) err = await impatient.chat.send('twitch', { text: `flood ${i}` }).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(BifrostRateLimitError);
      expect(err).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
      expect((err as BifrostRateLimitError).retryAfterMs).toBeGreaterThan(0);
    });
  });

  describe('events', () => {
    let gate: Gate;
    beforeAll(async () => {
      gate = await startGate(sandbox.url);
    });
    afterAll(async () => {
      await gate?.stop();
    });

    it('resumes after Bifrost restarts mid-stream: every event once, in order', async () => {
      const viaGate = createClient({ baseUrl: gate.url, serviceKey: p.serviceKey });
      const received: BifrostEvent[] = [];
      const states: SubscriptionState[] = [];
      const opened = () => states.filter((s) => s === 'open').length;
      const sub = viaGate.events.subscribe({ types: ['follow', 'cheer'], platforms: ['twitch'], minReconnectDelayMs: 50, maxReconnectDelayMs: 500, onState: (s) => states.push(s) }, (e) => {
        received.push(e);
      });
      try {
        await waitFor('the subscription to open', () => (opened() === 1 ? true : undefined));
        await emitTwitch(sandbox, { type: 'follow' });
        await waitFor('the first follow', () => (received.length === 1 ? true : undefined), 30_000, sandbox.logs);

        // Cut the client off, restart Bifrost, and let events arrive while the client is away.
        gate.close();
        await waitFor('the client to notice', () => (states.includes('reconnecting') ? true : undefined));
        await sandbox.restart();
        await emitTwitch(sandbox, { type: 'follow' });
        await emitTwitch(sandbox, { type: 'cheer', bits: 500 });
        await emitTwitch(sandbox, { type: 'follow' });
        expect(opened()).toBe(1);
        gate.open();

        await waitFor('the events sent while away', () => (received.length >= 4 ? true : undefined), 30_000, sandbox.logs);
        expect(opened()).toBe(2);
        const history = await p.session.call<{ items: BifrostEvent[] }>('GET', `/v1/events/history?after=${received[0]!.seq - 1}&types=follow,cheer`);
        expect(received.map((e) => e.seq)).toEqual(history.body.items.map((e) => e.seq));
        expect(received.map((e) => e.type)).toEqual(['follow', 'follow', 'cheer', 'follow']);
        const cheer = received[2]!;
        if (cheer.type === 'cheer') expect(cheer.data.bits).toBe(500);
        expect(sub.lastSeq).toBe(received[3]!.seq);
      } finally {
        await sub.close();
      }
      await expect(sub.done).resolves.toBeUndefined();
    }, 120_000); // a restart of bin/bifrost (tsx without a build) takes a while on a busy machine

    it('without after, a reconnect before the first event still misses nothing: it starts from the log head', async () => {
      const viaGate = createClient({ baseUrl: gate.url, serviceKey: p.serviceKey });
      const received: BifrostEvent[] = [];
      const states: SubscriptionState[] = [];
      const sub = viaGate.events.subscribe({ types: ['follow'], platforms: ['twitch'], minReconnectDelayMs: 50, maxReconnectDelayMs: 500, onState: (s) => states.push(s) }, (e) => {
        received.push(e);
      });
      try {
        await waitFor('the subscription to open', () => (states.includes('open') ? true : undefined));
        const before = (await p.session.call<{ head: number }>('GET', '/v1/events/history?limit=1')).body.head;
        gate.close();
        await waitFor('the client to notice', () => (states.includes('reconnecting') ? true : undefined));
        await emitTwitch(sandbox, { type: 'follow' });
        const stored = async () => (await p.session.call<{ items: BifrostEvent[] }>('GET', `/v1/events/history?after=${before}&types=follow`)).body.items;
        await waitFor('the follow in the log', async () => ((await stored()).length === 1 ? true : undefined), 30_000, sandbox.logs);
        gate.open();
        await waitFor('the follow sent while away', () => (received.length === 1 ? true : undefined), 30_000, sandbox.logs);
        expect(received[0]!.seq).toBe((await stored())[0]!.seq);
      } finally {
        await sub.close();
      }
    }, 120_000);

    it('is an async iterator too, starting after a stored seq', async () => {
      const history = await p.session.call<{ items: BifrostEvent[] }>('GET', '/v1/events/history?types=follow');
      const follows = history.body.items;
      const from = follows[follows.length - 2]!.seq - 1;
      const seen: number[] = [];
      for await (const event of client.events.subscribe({ types: ['follow'], after: from })) {
        seen.push(event.seq);
        if (seen.length === 2) break;
      }
      expect(seen).toEqual(follows.slice(-2).map((e) => e.seq));
    });

    it('ends with a typed error when the key is refused, instead of retrying forever', async () => {
      const wrong = createClient({ baseUrl: sandbox.url, serviceKey: 'bfs_not-a-real-key' });
      const sub = wrong.events.subscribe({});
      await expect(sub.done).rejects.toMatchObject({ constructor: BifrostAuthError, status: 401 });
      await expect(sub.next()).rejects.toBeInstanceOf(BifrostAuthError);
    });
  });
});
