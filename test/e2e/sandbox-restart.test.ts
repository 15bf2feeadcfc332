/**
 * A sandbox restarted mid-test behaves like a real setup: the channel connected before the restart
 * still refreshes after it (the fakes keep their grants in the data dir), and the card stays Connected.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchUser, type BrowserUser } from './support/browser.ts';
import { chromiumAvailable } from './support/chromium.ts';
import { startBifrost, type BifrostServer } from './support/server.ts';
import { screenshot } from './support/artifacts.ts';

const OWNER = { username: 'streamer', password: 'correct horse battery staple', account: 'My channel' };

describe.skipIf(!chromiumAvailable())('sandbox restarted mid-test', () => {
  let server: BifrostServer;
  let owner: BrowserUser;
  let page: Page;

  beforeAll(async () => {
    server = await startBifrost({ sandbox: true });
    owner = await launchUser({ baseURL: server.url });
    page = owner.page;
  });

  afterAll(async () => {
    await owner?.close();
    await server?.stop();
  });

  afterEach(async () => {
    expect(owner.takeProblems()).toEqual([]);
  });

  it('keeps the channel connected before the restart valid through its next refresh', async () => {
    await page.goto(await server.setupUrl());
    await page.getByLabel('Username').fill(OWNER.username);
    await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
    await page.getByLabel('Confirm password').fill(OWNER.password);
    await page.getByLabel('Account name').fill(OWNER.account);
    await page.getByRole('button', { name: 'Create user and account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connections' }).waitFor();
    const twitch = page.locator('section[data-platform="twitch"]');
    await twitch.getByRole('button', { name: 'Connect' }).click();
    await page.waitForURL(/\/sandbox\//);
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.waitForURL(/\/dashboard\/connections/);
    await twitch.getByText('Channel ID').waitFor();

    await server.restart();

    // The next refresh goes to the restarted fake with the refresh token it issued before.
    const login = await page.request.post('/v1/auth/login', { data: { username: OWNER.username, password: OWNER.password } });
    const csrf = ((await login.json()) as { csrf_token: string }).csrf_token;
    const groups = (await (await page.request.get('/v1/integrations')).json()) as { platform_slug: string; channel: { id: string } | null }[];
    const channel = groups.find((g) => g.platform_slug === 'twitch')!.channel!;
    const refreshed = await page.request.post(`/v1/integrations/${channel.id}/refresh`, { headers: { 'x-csrf-token': csrf } });
    expect(refreshed.status()).toBe(200);
    expect(await refreshed.json()).toMatchObject({ status: 'active', last_refreshed_at: expect.any(String) });

    await page.goto('/dashboard/connections');
    await twitch.getByText('Channel ID').waitFor();
    expect(await twitch.getAttribute('data-card-state')).toBe('connected');
    await screenshot(page, 'sandbox-restart-still-connected');
  });
});
