/**
 * A global bot that lost its grant, reached for real: the instance admin connects the Twitch global bot
 * through the sandbox, the grant is then revoked at the sandbox's Twitch (as when the bot's owner
 * removes the app on twitch.tv), and a bot that sees a 401 reports it. The dashboard then shows the
 * global bot as needing reconnect, telling the instance admin to reconnect it; the bot lookup
 * (`GET /internal/platforms/twitch/bot`) no longer hands it out and says why; Reconnect brings it back.
 * Then a bot of the account's own is connected with optional permissions left out, chosen from the
 * catalogue's bot scopes with their descriptions, and the platform grants exactly those.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext, Page } from 'playwright-core';
import { chromiumAvailable } from './support/chromium.ts';
import { seriousViolations } from './support/axe.ts';
import { screenshot } from './support/artifacts.ts';
import { decideOnConsent, ownerApi, setUpOwner, useSandbox } from './support/sandbox.ts';

interface BotAnswer {
  integration_id: string;
  is_global: boolean;
  status: string;
  skipped: { integration_id: string; is_global: boolean; reason: string; fix: string }[];
}

describe.skipIf(!chromiumAvailable())('Bot Connections through the sandbox: a broken global bot, a bot with chosen permissions', () => {
  const sandbox = useSandbox('bots');
  let page: Page;
  let request: APIRequestContext;
  /** A service key of the account: what a chat bot would use. */
  let serviceKey: string;
  let globalBotId: string;

  const asBot = { get headers() { return { authorization: `Bearer ${serviceKey}` }; } };
  const lookup = () => request.get('/internal/platforms/twitch/bot', { headers: asBot.headers });
  const row = () => page.locator('[data-global-bot="twitch"]');

  beforeAll(async () => {
    page = sandbox.page;
    request = page.request;
  });

  it('the instance admin connects the global bot, and the bot lookup hands it out', async () => {
    await setUpOwner(page, sandbox.server);
    await page.goto('/dashboard/connections/bot');
    await row().getByRole('button', { name: 'Connect global bot' }).click();
    await decideOnConsent(page);
    await row().getByText('In use').waitFor();

    const api = await ownerApi(page);
    const created = await api.post('/v1/service-keys', { name: 'Chat bot' });
    expect(created.status()).toBe(201);
    serviceKey = ((await created.json()) as { key: string }).key;

    const res = await lookup();
    expect(res.status()).toBe(200);
    const bot = (await res.json()) as BotAnswer;
    expect(bot).toMatchObject({ is_global: true, status: 'active', skipped: [] });
    globalBotId = bot.integration_id;
  });

  it('after the grant is revoked at Twitch and a bot reports its 401, the global bot needs re-auth', async () => {
    const token = await request.post(`/internal/integrations/${globalBotId}/token`, { headers: asBot.headers });
    expect(token.status()).toBe(200);
    const accessToken = ((await token.json()) as { access_token: string }).access_token;

    // The sandbox's Twitch ends the whole grant when its access token is revoked.
    const revoked = await request.post('/sandbox/twitch/oauth2/revoke', { form: { client_id: 'sandbox-twitch-client', token: accessToken } });
    expect(revoked.status()).toBe(200);

    // The bot saw a 401 with that token: Bifrost refreshes once, and the platform refuses the grant.
    const reported = await request.post(`/internal/integrations/${globalBotId}/token/invalid`, { headers: asBot.headers });
    expect(reported.status()).toBeGreaterThanOrEqual(400);
    expect(reported.status()).toBeLessThan(500);
  });

  it('the dashboard shows the global bot as needing reconnect and tells the instance admin to reconnect it', async () => {
    await page.goto('/dashboard/connections/bot');
    await row().getByText('Needs reconnect').waitFor();
    expect(await row().getByText('In use').count()).toBe(0);
    expect(await row().getByText('No setup required').count()).toBe(0);
    const problem = (await row().locator('[data-global-bot-problem]').textContent()) ?? '';
    expect(problem).toContain('lost its access');
    expect(problem).toContain('Reconnect it with "Reconnect global bot".');
    expect(await row().getByRole('button', { name: 'Reconnect global bot' }).isVisible()).toBe(true);
    await screenshot(page, 'global-bot-needs-reconnect');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the bot lookup skips it, naming the global bot and who can fix it', async () => {
    const res = await lookup();
    expect(res.status()).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string; details: { skipped: BotAnswer['skipped'] } } };
    expect(body.error.code).toBe('NO_BOT');
    expect(body.error.message).toContain('needs re-auth');
    expect(body.error.details.skipped).toEqual([
      { integration_id: globalBotId, display_name: expect.any(String), is_global: true, reason: 'needs_reauth', fix: 'an instance admin must reconnect the global bot' },
    ]);
  });

  it('Reconnect global bot brings it back, and the lookup hands it out again', async () => {
    await page.goto('/dashboard/connections/bot');
    await row().getByRole('button', { name: 'Reconnect global bot' }).click();
    await decideOnConsent(page);
    await row().getByText('In use').waitFor();
    expect(await row().locator('[data-global-bot-problem]').count()).toBe(0);
    const res = await lookup();
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ integration_id: globalBotId, is_global: true, status: 'active', skipped: [] });
  });

  it('connects a bot of its own with the optional permissions it was given, each described from the catalogue', async () => {
    await page.goto('/dashboard/connections/bot');
    const card = page.locator('section[data-platform="twitch"]');
    // The identifier is part of the request: no dialog until it is valid.
    await card.getByRole('button', { name: 'Choose permissions…' }).click();
    await card.getByText('Enter a bot identifier.').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);

    await card.getByLabel('Bot identifier').fill('chatbot');
    await card.getByRole('button', { name: 'Choose permissions…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Permissions to ask Twitch for the bot chatbot' });
    await dialog.getByText('Let this account act as a bot in chats (chat with an app token)').waitFor();
    const boxes = dialog.getByRole('checkbox');
    expect(await boxes.count()).toBe(6);
    const required = dialog.locator('li').filter({ hasText: '(required)' });
    expect(await required.count()).toBe(3);
    for (const box of await required.getByRole('checkbox').all()) expect(await box.isDisabled()).toBe(true);
    await screenshot(page, 'bots-scope-picker');
    expect(await seriousViolations(page)).toEqual([]);

    await dialog.locator('li').filter({ hasText: 'moderator:manage:banned_users' }).getByRole('checkbox').uncheck();
    await dialog.getByRole('button', { name: 'Connect Bot' }).click();
    await decideOnConsent(page);
    await card.locator('[data-bot="chatbot"]').waitFor();

    const api = await ownerApi(page);
    const groups = await api.get<{ platform_slug: string; bots: { bot_identifier: string; scopes: string[] }[] }[]>('/v1/integrations');
    const bot = groups.find((g) => g.platform_slug === 'twitch')!.bots.find((b) => b.bot_identifier === 'chatbot')!;
    expect([...bot.scopes].sort()).toEqual(['moderator:manage:chat_messages', 'user:bot', 'user:read:chat', 'user:read:moderated_channels', 'user:write:chat']);
  });
});
