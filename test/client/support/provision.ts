/**
 * Sets a fresh sandbox up over HTTP the way a person would in the dashboard: the first-run setup
 * link from the log, a Twitch channel (streamer_one) and a Twitch bot (bifrost_bot) approved on the
 * sandbox fake's consent form, and a service key with the acting permissions a bot needs.
 */
import { waitFor, type Sandbox } from './sandbox.ts';

const USER = { username: 'streamer', password: 'correct horse battery staple', account_name: 'My channel' };

export interface Session {
  /** A signed-in request (cookie, CSRF token on changes); JSON in and out. */
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

export interface Provisioned {
  session: Session;
  accountId: string;
  channelId: string;
  botId: string;
  serviceKey: string;
}

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export async function signIn(sandbox: Sandbox): Promise<{ session: Session; accountId: string }> {
  const setupUrl = await waitFor('the setup URL in the log', () => {
    for (const line of sandbox.logs) {
      const m = /https?:\/\/[^\s"]*\/setup\?token=([A-Za-z0-9_\-.~%]+)/.exec(line);
      if (m) return decodeURIComponent(m[1]!);
    }
    return undefined;
  }, 30_000, sandbox.logs);
  const res = await fetch(`${sandbox.url}/v1/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: setupUrl, ...USER }) });
  if (res.status !== 201) throw new Error(`setup answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const done = (await res.json()) as { account: { id: string }; csrf_token: string };
  const session: Session = {
    async call<T>(method: string, path: string, body?: unknown) {
      const r = await fetch(`${sandbox.url}${path}`, {
        method,
        headers: { cookie, 'x-csrf-token': done.csrf_token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      return { status: r.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
  };
  (session as Session & { cookie: string }).cookie = cookie;
  return { session, accountId: done.account.id };
}

/** Connects a Twitch channel or bot: starts OAuth, approves as `user` on the fake's consent form, follows the callback. */
export async function connectTwitch(sandbox: Sandbox, session: Session, type: 'channel' | 'bot', user: string): Promise<void> {
  const started = await session.call<{ authorization_url: string }>('POST', '/v1/integrations/platform/twitch/connect', { integration_type: type, ...(type === 'bot' ? { bot_identifier: user } : {}) });
  if (started.status !== 200) throw new Error(`connect answered ${started.status}: ${JSON.stringify(started.body)}`);
  const page = await (await fetch(started.body.authorization_url)).text();
  const action = new URL(unescape(/<form method="post" action="([^"]+)"/.exec(page)![1]!), started.body.authorization_url);
  const fields = [...page.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((m) => [unescape(m[1]!), unescape(m[2]!)] as [string, string]);
  const approved = await fetch(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams([...fields, ['user', user], ['decision', 'approve']]).toString(),
    redirect: 'manual',
  });
  if (approved.status !== 303) throw new Error(`consent answered ${approved.status}: ${await approved.text()}`);
  const cookie = (session as Session & { cookie: string }).cookie;
  const back = await fetch(approved.headers.get('location')!, { headers: { cookie }, redirect: 'manual' });
  const landed = back.headers.get('location') ?? '';
  if (back.status !== 303 || !landed.includes('connected=twitch')) throw new Error(`callback answered ${back.status} → ${landed}`);
}

export async function provision(sandbox: Sandbox): Promise<Provisioned> {
  const { session, accountId } = await signIn(sandbox);
  await connectTwitch(sandbox, session, 'channel', 'streamer_one');
  await connectTwitch(sandbox, session, 'bot', 'bifrost_bot');
  const groups = await session.call<{ platform_slug: string; channel: { id: string } | null; bots: { id: string }[] }[]>('GET', '/v1/integrations');
  const twitch = groups.body.find((g) => g.platform_slug === 'twitch')!;
  const key = await session.call<{ key: string }>('POST', '/v1/service-keys', { name: 'client tests', permissions: ['chat:send', 'moderation:manage', 'events:read'] });
  if (key.status !== 201) throw new Error(`service key answered ${key.status}: ${JSON.stringify(key.body)}`);
  return { session, accountId, channelId: twitch.channel!.id, botId: twitch.bots[0]!.id, serviceKey: key.body.key };
}

/** Makes the Twitch fake send an event over EventSub, once Bifrost's connection has subscribed to that type. */
export async function emitTwitch(sandbox: Sandbox, event: Record<string, unknown> & { type: string }): Promise<void> {
  await waitFor(`the Twitch fake to deliver ${event.type} to a subscribed session`, async () => {
    const res = await fetch(`${sandbox.url}/sandbox/twitch/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
    const answer = (await res.json()) as { sent?: number };
    return (answer.sent ?? 0) > 0 ? true : undefined;
  }, 30_000, sandbox.logs);
}

/** What the Twitch fake received in chat (`GET /sandbox/twitch/chat`). */
export async function twitchChat(sandbox: Sandbox): Promise<{ kind: string; text?: string; sender_id: string; channel_id: string; message_id?: string }[]> {
  const res = await fetch(`${sandbox.url}/sandbox/twitch/chat`);
  return ((await res.json()) as { items: { kind: string; text?: string; sender_id: string; channel_id: string; message_id?: string }[] }).items;
}
