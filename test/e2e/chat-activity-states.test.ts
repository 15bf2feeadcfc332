/**
 * The Chat and Activity pages in real Chromium with the API stubbed in the page: what a send posts,
 * each failure in words that say what to do (wait N s, reconnect with a link, the platform's reason),
 * the sandbox fake's log, every event type rendered, the stream resuming after a drop and a
 * filter change resuming with `after=`, and no horizontal scroll at phone width.
 * (The live flow against `bifrost serve --sandbox` is chat-activity.test.ts.)
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { chromiumAvailable } from './support/chromium.ts';
import { stubbedDashboard, type StubbedDashboard } from './support/stubbed.ts';
import { groups, integration, iso, me, PLATFORMS, stubApi, type StubTable } from './support/api-stub.ts';
import { seriousViolations } from './support/axe.ts';
import { screenshot } from './support/artifacts.ts';

const PERMISSIONS = ['connections:read', 'bot-connections:read', 'bot-connections:create', 'chat:send', 'moderation:manage', 'events:read'];

const BOT = integration({ id: 'int_bot1', integration_type: 'bot', bot_identifier: 'mybot', platform_username: 'yourbot', display_name: 'YourBot', is_default_bot: true });

function table(overrides: StubTable = {}): StubTable {
  const grouped = groups(integration()).map((g) => (g.platform_slug === 'twitch' ? { ...g, bots: [BOT] } : g));
  return {
    'GET /v1/me': { body: me({ permissions: PERMISSIONS }) },
    'GET /v1/integrations/platforms': { body: PLATFORMS },
    'GET /v1/integrations': { body: grouped },
    'GET /v1/chat/log': { body: { items: [] } },
    'GET /v1/events/connections': { body: { items: [] } },
    ...overrides,
  };
}

function envelope(seq: number, type: string, data: Record<string, unknown>, platform = 'twitch') {
  return {
    id: `evt_${seq}`,
    seq,
    type,
    account_id: 'acc_1',
    platform,
    integration_id: 'int_twitch1',
    source: type === 'tip' ? 'streamelements' : `${platform}.eventsub`,
    occurred_at: iso(-1000),
    received_at: iso(-900),
    actor: { id: `u${seq}`, username: `viewer${seq}`, display_name: `Viewer${seq}` },
    data,
  };
}

const sse = (events: ReturnType<typeof envelope>[]) =>
  `${events.map((e) => `id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join('')}`;

describe.skipIf(!chromiumAvailable())('Chat and Activity pages (stubbed API)', () => {
  let dash: StubbedDashboard;
  let user: StubbedDashboard['user'];
  let page: Page;

  beforeAll(async () => {
    dash = await stubbedDashboard();
    user = dash.user;
  });

  afterAll(async () => {
    await dash?.close();
  });

  afterEach(async () => {
    await dash.check();
  });

  it('sends as the chosen sender, lists the fake log in sandbox mode, and says what to do when a send fails', async () => {
    const bodies: unknown[] = [];
    const answers = [
      { status: 201, body: { message_id: 'm1', platform: 'twitch', sender: { integration_id: 'int_twitch1', username: 'yourchannel', global: false }, sent_at: iso(0) } },
      { status: 429, body: { error: { code: 'RATE_LIMITED', message: 'Too many messages.' } }, headers: { 'Retry-After': '7' } },
      { status: 409, body: { error: { code: 'SENDER_UNAVAILABLE', message: 'The bot mybot needs to be reconnected.', details: { which: 'sender', integration_id: 'int_bot1', status: 'needs_reauth' } } } },
      { status: 409, body: { error: { code: 'MESSAGE_REFUSED', message: 'Twitch did not send the message.', details: { reason: 'msg_duplicate' } } } },
    ];
    user.expectFailure({ status: 429, path: /^\/v1\/chat\/twitch\/messages$/ });
    user.expectFailure({ status: 409, path: /^\/v1\/chat\/twitch\/messages$/ });
    page = await dash.newPage();
    await stubApi(page, table());
    await page.route(/\/v1\/chat\/twitch\/messages$/, async (route: Route) => {
      bodies.push(route.request().postDataJSON());
      const a = answers.shift()!;
      await route.fulfill({ status: a.status, contentType: 'application/json', headers: a.headers, body: JSON.stringify(a.body) });
    });
    await page.route(/\/sandbox\/twitch\/chat$/, (route: Route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ items: [{ at: iso(-5000), kind: 'message', sender_id: '141981764', channel_id: '141981764', text: 'hello from the fake', message_id: 'm0' }] }),
      }),
    );

    await page.goto('/dashboard/chat');
    await page.getByRole('heading', { level: 1, name: 'Chat' }).waitFor();
    const form = page.getByRole('form', { name: 'Send a chat message' });
    // Only platforms with a connected channel are offered.
    expect(await form.getByLabel('Platform').locator('option').allTextContents()).toEqual(['Twitch']);
    expect(await form.getByLabel('Sender').locator('option').allTextContents()).toEqual(['Default bot (@yourbot)', 'Channel (@yourchannel)', 'Bot mybot (@yourbot)']);
    await page.getByRole('list', { name: 'What the platform received' }).getByText('hello from the fake').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // The platform's length limit (GET /v1/platforms) is counted and checked before anything is sent.
    await form.getByText('0 / 500 characters').waitFor();
    await form.getByLabel('Message').fill('x'.repeat(501));
    await form.getByRole('button', { name: 'Send' }).click();
    await form.getByRole('alert').getByText('Twitch takes at most 500 characters; shorten the message by 1.').waitFor();
    expect(bodies).toEqual([]);

    await form.getByLabel('Sender').selectOption('channel');
    await form.getByLabel('Message').fill('hi chat');
    await form.getByRole('button', { name: 'Send' }).click();
    await form.getByRole('status').getByText('Sent to Twitch.').waitFor();
    expect(bodies[0]).toEqual({ text: 'hi chat', sender: 'channel' });
    expect(await form.getByLabel('Message').inputValue()).toBe('');

    await form.getByLabel('Sender').selectOption('mybot');
    await form.getByLabel('Message').fill('again');
    await form.getByLabel('Message').press('Enter');
    await form.getByRole('alert').getByText("The platform's rate limit is reached. Wait 7 s, then send again.").waitFor();
    expect(bodies[1]).toEqual({ text: 'again', sender: 'mybot' });

    await form.getByRole('button', { name: 'Send' }).click();
    await form.getByRole('alert').getByText('The bot mybot needs to be reconnected.').waitFor();
    expect(await form.getByRole('link', { name: 'Open Bot Connections' }).getAttribute('href')).toBe('/dashboard/connections/bot');

    await form.getByRole('button', { name: 'Send' }).click();
    await form.getByRole('alert').getByText('The platform refused it: msg_duplicate. Twitch did not send the message.').waitFor();
    await screenshot(page, 'chat-states-refused');
  });

  it('renders each event type, resumes with after= the last seq after a drop, and reopens with after= when the filter changes', async () => {
    const requests: URL[] = [];
    page = await dash.newPage();
    const connection = (over: Record<string, unknown>) => ({ key: 'k', kind: 'integration', integration_id: 'int_twitch1', streamelements_token_id: null, platform: 'twitch', state: 'connected', reason: null, updated_at: iso(-1000), ...over });
    await stubApi(
      page,
      table({
        'GET /v1/events/connections': {
          body: { items: [connection({ key: 'integration:int_twitch1' }), connection({ key: 'integration:int_kick1', integration_id: 'int_kick1', platform: 'kick', state: 'error', reason: 'events need a public https URL' })] },
        },
      }),
    );
    await page.route(/\/v1\/events(\?|$)/, async (route: Route) => {
      const request = route.request();
      requests.push(new URL(request.url()));
      const url = new URL(request.url());
      const after = url.searchParams.get('after');
      const events =
        after === null
          ? [
              envelope(1, 'follow', {}),
              envelope(2, 'tip', { amount: 5, currency: 'USD', message: 'great stream' }),
              envelope(3, 'subscription', { tier: '1000', months: 3, message: null, is_gift: false }),
              envelope(4, 'subscription.gift', { tier: '1000', count: 5, anonymous: false }),
              envelope(5, 'chat.message', { message_id: 'x', text: 'hello there', reply_to: null, roles: [] }),
            ]
          : after === '5'
            ? [envelope(6, 'cheer', { bits: 100, message: null }), envelope(7, 'raid', { viewers: 42 })]
            : after === '7' && url.searchParams.get('platforms') === 'kick'
              ? [envelope(8, 'follow', {}, 'kick')]
              : [];
      // The stream ends after its events (a dropped connection): the page opens a new one.
      await route.fulfill({ status: 200, contentType: 'text/event-stream', body: sse(events) });
    });

    await page.goto('/dashboard/activity');
    await page.getByRole('heading', { level: 1, name: 'Activity' }).waitFor();
    const feed = page.getByRole('list', { name: 'Live events' });
    // Where the feed comes from, and why a source is silent.
    const sources = page.getByRole('list', { name: 'Sources' });
    await sources.getByText('events need a public https URL').waitFor();
    expect(await sources.locator('[data-state="connected"]').textContent()).toBe('Twitch Connected');
    await feed.getByText('Viewer1').waitFor();
    await feed.getByText('followed').waitFor();
    await feed.getByText('tipped $5.00: great stream').waitFor();
    await feed.getByText('subscribed, tier 1000, 3 months').waitFor();
    await feed.getByText('gifted 5 subs, tier 1000').waitFor();
    await feed.getByText('hello there').waitFor();
    // The stream ended; the page came back by itself after the last seq it saw.
    await feed.getByText('cheered 100 bits').waitFor();
    await feed.getByText('raided with 42 viewers').waitFor();
    expect(requests[0]!.searchParams.get('after')).toBeNull();
    // EventSource sends no X-Bifrost-Account header: the chosen account rides in the query.
    expect(requests[0]!.searchParams.get('account')).toBe('acc_1');
    expect(requests[1]!.searchParams.get('after')).toBe('5');
    // Newest first.
    expect(await feed.locator('li').first().getAttribute('data-seq')).toBe('7');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'activity-states-feed');

    // Simulate offers the platforms with a connected channel, and StreamElements; "Cheer / tip" asks for the first type the fake knows.
    expect(await page.locator('[data-simulate]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-simulate')))).toEqual(['twitch', 'streamelements']);
    const simulated: unknown[] = [];
    user.expectFailure({ status: 400, path: /^\/sandbox\/twitch\/events$/ });
    await page.route(/\/sandbox\/twitch\/events$/, async (route: Route) => {
      const body = route.request().postDataJSON() as { type: string };
      simulated.push(body);
      await route.fulfill(
        body.type === 'cheer'
          ? { status: 400, contentType: 'application/json', body: JSON.stringify({ error: 'unknown_type', message: 'type must be one of: tip, follow' }) }
          : { status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true }) },
      );
    });
    const twitchRow = page.locator('[data-simulate="twitch"]');
    await twitchRow.getByRole('button', { name: 'Cheer / tip' }).click();
    await twitchRow.getByRole('status').getByText('Twitch: cheer / tip sent.').waitFor();
    expect(simulated.map((b) => (b as { type: string }).type)).toEqual(['cheer', 'tip']);
    expect(simulated[1]).toMatchObject({ amount: 5, currency: 'USD' });

    await page.getByRole('form', { name: 'Filter the activity' }).getByLabel('Platform').selectOption('kick');
    await feed.getByText('Viewer8').waitFor();
    const reopened = requests.find((u) => u.searchParams.get('platforms') === 'kick')!;
    expect(reopened.searchParams.get('platforms')).toBe('kick');
    expect(reopened.searchParams.get('after')).toBe('7');
    // What the Kick filter excludes left the list.
    expect(await feed.locator('li').count()).toBe(1);
  });

  it('has no horizontal scroll on Chat, Activity and Bot Connections at 390 px', async () => {
    page = await dash.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await stubApi(page, table({ 'GET /v1/chat/log': { body: { items: [{ id: 'l1', platform: 'twitch', action: 'sent', sender: { integration_id: 'int_bot1', username: 'yourbot' }, target: null, text: 'x'.repeat(300), message_id: 'm1', duration_s: null, created_at: iso(-1000) }] } } }));
    await page.route(/\/v1\/events(\?|$)/, (route: Route) =>
      route.fulfill({ status: 200, contentType: 'text/event-stream', body: sse([envelope(1, 'chat.message', { message_id: 'x', text: 'y'.repeat(400), reply_to: null, roles: [] })]) }),
    );
    await page.route(/\/sandbox\/twitch\/chat$/, (route: Route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ items: [] }) }));
    for (const path of ['/dashboard/connections/bot', '/dashboard/chat', '/dashboard/activity']) {
      await page.goto(path);
      await page.locator(path.endsWith('bot') ? '[data-bot]' : '.feed-item').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), path).toBe(0);
      await screenshot(page, `phone${path.replace(/\//g, '-')}`);
    }
  });
});
