/**
 * @bifrost/twurple with twurple 8's own ApiClient against a real `bifrost serve --sandbox`: twurple's
 * Helix calls go to the sandbox's Twitch fake (a fetch in front of the real one sends api.twitch.tv
 * there, the way a proxy would), its tokens come from Bifrost, and a 401 from Twitch becomes one
 * report to Bifrost and a retry with the token Bifrost refreshed.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '@twurple/api';
import { createClient } from '@bifrost/client';
import { BifrostAuthProvider } from '@bifrost/twurple';
import { startSandbox, type Sandbox } from './support/sandbox.ts';
import { provision, twitchChat, type Provisioned } from './support/provision.ts';

const CHANNEL_USER = '12826'; // streamer_one
const BOT_USER = '98765432'; // bifrost_bot
const VIEWER = '55501';

describe('BifrostAuthProvider with twurple ApiClient', () => {
  let sandbox: Sandbox;
  let p: Provisioned;
  /** Twitch's answers as the test's network plays them: tokens Twitch has stopped accepting. */
  const rejectedAtTwitch = new Set<string>();
  const twitchCalls: { url: string; status: number }[] = [];
  const bifrostCalls: string[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox();
    p = await provision(sandbox);
    const realFetch = globalThis.fetch;
    // twurple calls the global fetch with https://api.twitch.tv/helix/…; the sandbox serves Helix at /sandbox/twitch/helix/….
    vi.stubGlobal('fetch', async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.startsWith('https://api.twitch.tv/helix/')) return realFetch(input, init);
      const token = new Headers(init?.headers).get('authorization')?.replace(/^Bearer /, '') ?? '';
      if (rejectedAtTwitch.has(token)) {
        twitchCalls.push({ url, status: 401 });
        return new Response(JSON.stringify({ error: 'Unauthorized', status: 401, message: 'Invalid OAuth token' }), { status: 401, headers: { 'content-type': 'application/json' } });
      }
      const res = await realFetch(url.replace('https://api.twitch.tv/helix/', `${sandbox.url}/sandbox/twitch/helix/`), init);
      twitchCalls.push({ url, status: res.status });
      return res;
    });
  }, 120_000);

  afterAll(async () => {
    vi.unstubAllGlobals();
    await sandbox?.stop();
  });

  function setup() {
    const client = createClient({
      baseUrl: sandbox.url,
      serviceKey: p.serviceKey,
      fetch: (input, init) => {
        bifrostCalls.push(new URL(String(input)).pathname);
        return fetch(input, init);
      },
    });
    const authProvider = new BifrostAuthProvider({ client, clientId: 'sandbox-twitch-client', integrations: [p.channelId, p.botId], intents: { chat: p.botId } });
    return { client, authProvider, api: new ApiClient({ authProvider }) };
  }

  it('reads users with a token from Bifrost', async () => {
    const { api } = setup();
    const user = await api.users.getUserById(CHANNEL_USER);
    expect(user?.name).toBe('streamer_one');
    expect(twitchCalls.at(-1)).toEqual({ url: `https://api.twitch.tv/helix/users?id=${CHANNEL_USER}`, status: 200 });
  });

  it('acts as the bot (asUser) and never holds a refresh token', async () => {
    const { api, authProvider } = setup();
    await api.asUser(BOT_USER, (ctx) => ctx.moderation.banUser(CHANNEL_USER, { user: VIEWER, duration: 60, reason: 'calm down' }));
    expect((await twitchChat(sandbox)).at(-1)).toMatchObject({ kind: 'timeout', sender_id: BOT_USER, channel_id: CHANNEL_USER });
    const token = await authProvider.getAccessTokenForUser(BOT_USER);
    expect(token).toMatchObject({ userId: BOT_USER, refreshToken: null });
    expect(token!.scope).toContain('moderator:manage:banned_users');
    expect(authProvider.getCurrentScopesForUser(BOT_USER)).toContain('moderator:manage:banned_users');
    expect((await authProvider.getAccessTokenForIntent('chat'))?.userId).toBe(BOT_USER);
  });

  it('sends chat as the bot through twurple\'s own chat call', async () => {
    const { api } = setup();
    const sent = await api.asUser(BOT_USER, (ctx) => ctx.chat.sendChatMessage(CHANNEL_USER, 'hello from twurple'));
    expect(sent.isSent).toBe(true);
    expect((await twitchChat(sandbox)).at(-1)).toMatchObject({ kind: 'message', sender_id: BOT_USER, channel_id: CHANNEL_USER, text: 'hello from twurple' });
  });

  it('turns twurple\'s refresh-on-401 into one report to Bifrost and retries with the new token', async () => {
    const { api, client } = setup();
    const stale = await client.getToken(p.botId);
    rejectedAtTwitch.add(stale.access_token);
    bifrostCalls.length = 0;
    const seen = twitchCalls.length;

    await api.asUser(BOT_USER, (ctx) => ctx.moderation.unbanUser(CHANNEL_USER, VIEWER));

    expect(twitchCalls.slice(seen).map((c) => c.status)).toEqual([401, 204]);
    // (The provider also reads each integration's token once, to learn which Twitch user it is.)
    expect(bifrostCalls.filter((c) => c.endsWith('/token/invalid'))).toEqual([`/internal/integrations/${p.botId}/token/invalid`]);
    const fresh = await client.getToken(p.botId);
    expect(fresh.access_token).not.toBe(stale.access_token);
    expect((await twitchChat(sandbox)).at(-1)).toMatchObject({ kind: 'unban', sender_id: BOT_USER, target: VIEWER });
  });

  it('refuses what Bifrost cannot serve, saying what to do', async () => {
    const { authProvider } = setup();
    await expect(authProvider.getAccessTokenForUser('424242')).rejects.toThrow(/no Bifrost integration of Twitch user 424242/);
    await expect(authProvider.getAccessTokenForUser(BOT_USER, ['channel:manage:broadcast'])).rejects.toThrow(/lacks the scope channel:manage:broadcast: reconnect/);
    await expect(authProvider.getAccessTokenForIntent('whispers')).rejects.toThrow(/whispers/);
    expect(() => new BifrostAuthProvider({ client: { baseUrl: sandbox.url, serviceKey: p.serviceKey }, clientId: 'x', integrations: [p.botId], intents: { chat: 'int_other' } })).toThrow(/intents.chat/);
  });
});
