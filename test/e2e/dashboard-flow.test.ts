/**
 * The acceptance flow of issue 8 in real Chromium against a real `bifrost serve --sandbox`: first-run
 * setup, sign-in, app credentials, Connect on every card through the fake's consent page, Deny,
 * Reconnect, Disconnect, a bot, the tools and StreamElements panels, every page, and a viewer who
 * sees no edit buttons. No console error and no serious axe violation anywhere; a screenshot per page.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchUser, type BrowserUser } from './support/browser.ts';
import { chromiumAvailable } from './support/chromium.ts';
import { startBifrost, type BifrostServer } from './support/server.ts';
import { seriousViolations } from './support/axe.ts';
import { screenshot } from './support/artifacts.ts';
import { startFakeObs, type FakeObs } from '../../src/tools/fakes/obs-server.ts';
import { fakeJwt } from '../../src/tools/fakes/jwt.ts';

const PLATFORMS = [
  { slug: 'twitch', name: 'Twitch' },
  { slug: 'youtube', name: 'YouTube' },
  { slug: 'kick', name: 'Kick' },
  { slug: 'trovo', name: 'Trovo' },
] as const;

const OWNER = { username: 'streamer', password: 'correct horse battery staple', newPassword: 'a brand new passphrase', account: 'My channel' };
const VIEWER = { username: 'moderator', password: 'another long passphrase' };

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

/** On the fake platform's consent page: pick a test user (the first by default) and decide. */
async function decideOnConsent(page: Page, decision: 'Authorize' | 'Deny', options: { user?: 'last'; shot?: string } = {}): Promise<void> {
  await page.waitForURL(/\/sandbox\//);
  await page.getByRole('button', { name: decision }).waitFor();
  if (options.user === 'last') await page.locator('input[name="user"]').last().check();
  if (options.shot) await screenshot(page, options.shot);
  await page.getByRole('button', { name: decision }).click();
  await page.waitForURL(/\/dashboard\/connections/);
}

describe.skipIf(!chromiumAvailable())('dashboard end to end against bifrost serve --sandbox', () => {
  let server: BifrostServer;
  let owner: BrowserUser;
  let page: Page;
  let obs: FakeObs;

  beforeAll(async () => {
    server = await startBifrost({ sandbox: true });
    owner = await launchUser({ baseURL: server.url });
    page = owner.page;
    obs = await startFakeObs({ password: 'obs-secret' });
  });

  afterAll(async () => {
    await owner?.close();
    await obs?.close();
    await server?.stop();
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      // What the server and the page looked like when a step failed: the first thing anyone asks on CI.
      await screenshot(page, `failed-${context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`).catch(() => undefined);
      process.stderr.write(`\n[e2e] page: ${page.url()}\n[e2e] last server log lines:\n${server.logs.slice(-25).join('\n')}\n`);
    }
    expect(owner.takeProblems()).toEqual([]);
  });

  const card = (slug: string) => page.locator(`section[data-platform="${slug}"]`);

  it('first-run setup creates the instance admin and the first account', async () => {
    const setupUrl = await server.setupUrl();
    await page.goto(setupUrl);
    await page.getByRole('heading', { name: 'Set up Bifrost' }).waitFor();
    await page.getByLabel('Username').fill(OWNER.username);
    await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
    await page.getByLabel('Confirm password').fill(OWNER.password);
    await page.getByLabel('Account name').fill(OWNER.account);
    await screenshot(page, 'flow-01-setup');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Create user and account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connections' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/dashboard/connections');
    expect(await page.getByText('Connect your streaming platforms to Bifrost.').isVisible()).toBe(true);
    await page.getByText('Sandbox mode').waitFor();
    for (const p of PLATFORMS) await card(p.slug).waitFor();
    await screenshot(page, 'flow-02-connections-first');
    await expectAccessible(page);
  });

  it('signs out, refuses a wrong password, and signs in again', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Bifrost' }).waitFor();
    await screenshot(page, 'flow-03-sign-in');
    await expectAccessible(page);

    owner.expectFailure({ status: 401, path: /^\/v1\/auth\/login$/ });
    await page.getByLabel('Username').fill(OWNER.username);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Wrong username or password.').waitFor();

    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connections' }).waitFor();
  });

  it('saves app credentials for every platform, showing the hint and the redirect URI', async () => {
    await page.locator('.page-actions').getByRole('link', { name: 'App Credentials' }).click();
    await page.getByRole('heading', { level: 1, name: 'App Credentials' }).waitFor();
    for (const p of PLATFORMS) {
      const c = page.locator(`section.credential-card[data-platform="${p.slug}"]`);
      expect(await c.locator('code.code-block').textContent()).toBe(`${server.url}/v1/integrations/callback/${p.slug}`);
      await c.getByLabel('Client ID').fill(`${p.slug}-test-client`);
      await c.getByLabel('Client Secret').fill(`${p.slug}-test-secret`);
      await c.getByRole('button', { name: 'Save' }).click();
      await c.getByText(`Saved ${p.name} credentials.`).waitFor();
      await c.getByText('…ient').waitFor();
      // The secret leaves the form as soon as it is saved.
      expect(await c.getByLabel('Client Secret').inputValue()).toBe('');
    }
    expect(await page.content()).not.toContain('test-secret');
    await screenshot(page, 'flow-04-app-credentials');
    await expectAccessible(page);
  });

  it('connects every platform through the consent page; Deny shows a red banner', async () => {
    await page.goto('/dashboard/connections');
    for (const p of PLATFORMS) {
      const c = card(p.slug);
      await c.getByText('Credentials configured. Click Connect to authorize.').waitFor();
      if (p.slug === 'trovo') {
        await c.getByRole('button', { name: 'Connect' }).click();
        await decideOnConsent(page, 'Deny', { shot: 'flow-06-consent-deny' });
        const banner = page.getByRole('alert').filter({ hasText: 'You denied access on Trovo.' });
        await banner.waitFor();
        expect(await banner.textContent()).toContain('Click Connect again');
        await screenshot(page, 'flow-07-denied-banner');
        await expectAccessible(page);
        await c.getByText('Credentials configured. Click Connect to authorize.').waitFor();
      }
      await c.getByRole('button', { name: 'Connect' }).click();
      await decideOnConsent(page, 'Authorize', p.slug === 'twitch' ? { shot: 'flow-05-consent' } : {});
      await page.getByText(`Successfully connected to ${p.name}!`).waitFor();
      await c.getByText('Channel ID').waitFor();
      expect(await c.getAttribute('data-state')).toBe('connected');
      expect(await c.getByText(/^Token expires .+ \(auto-refresh\)/).isVisible()).toBe(true);
      expect(await c.getByRole('button', { name: 'Reconnect' }).isVisible()).toBe(true);
      expect(await c.getByRole('button', { name: 'Disconnect' }).isVisible()).toBe(true);
      expect(new URL(page.url()).search).toBe('');
    }
    await screenshot(page, 'flow-08-all-connected');
    await expectAccessible(page);
  });

  it('shows the scopes of a connected card and reconnects it', async () => {
    const c = card('twitch');
    const chips = await c.locator('.scope-chips code.chip').count();
    expect(chips).toBeGreaterThan(0);
    expect(chips).toBeLessThanOrEqual(3);
    const more = c.locator('.chip-button');
    if ((await more.count()) > 0) {
      await more.click();
      const dialog = page.getByRole('dialog', { name: 'Scopes' });
      await dialog.waitFor();
      expect(await dialog.locator('li').count()).toBeGreaterThan(3);
      await screenshot(page, 'flow-09-scopes-dialog');
      await expectAccessible(page);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
    }

    const channelId = await c.locator('dd code').first().textContent();
    await c.getByRole('button', { name: 'Reconnect' }).click();
    await decideOnConsent(page, 'Authorize');
    await page.getByText('Successfully connected to Twitch!').waitFor();
    expect(await card('twitch').locator('dd code').first().textContent()).toBe(channelId);
  });

  it('disconnects through the confirmation dialog, in its exact words; Cancel keeps the connection', async () => {
    const c = card('kick');
    await c.getByRole('button', { name: 'Disconnect' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disconnect Kick' });
    await dialog.getByText('Are you sure you want to disconnect Kick? This will revoke the connection but keep your app credentials.').waitFor();
    await screenshot(page, 'flow-10-disconnect-dialog');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await c.getAttribute('data-state')).toBe('connected');

    await c.getByRole('button', { name: 'Disconnect' }).click();
    await dialog.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByText(/^Disconnected Kick/).waitFor();
    await c.getByText('Credentials configured. Click Connect to authorize.').waitFor();
    await screenshot(page, 'flow-11-after-disconnect');
  });

  it('connects a bot with an identifier and marks it verified', async () => {
    await page.locator('.page-actions').getByRole('link', { name: 'Bot Connections' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bot Connections' }).waitFor();
    const c = page.locator('section.bot-card[data-platform="twitch"]');
    await c.getByText('Global Bot (default)').waitFor();
    await screenshot(page, 'flow-12-bot-connections');
    await expectAccessible(page);

    await c.getByLabel('Bot identifier').fill('My Bot');
    await c.getByRole('button', { name: 'Connect Bot' }).click();
    await c.getByText('Use only lowercase letters a–z, digits 0–9, "_" and "-".').waitFor();

    await c.getByLabel('Bot identifier').fill('mybot');
    await c.getByRole('button', { name: 'Connect Bot' }).click();
    await decideOnConsent(page, 'Authorize', { user: 'last' });
    expect(new URL(page.url()).pathname).toBe('/dashboard/connections/bot');
    await page.getByText('Successfully connected to Twitch!').waitFor();
    const row = c.locator('[data-bot="mybot"]');
    await row.waitFor();

    const verified = row.getByRole('switch', { name: 'Verified bot', exact: true });
    expect(await verified.getAttribute('aria-checked')).toBe('false');
    await verified.click();
    await page.waitForFunction(() => document.querySelector('[data-bot="mybot"] [role="switch"][aria-checked="true"]') !== null);
    await screenshot(page, 'flow-13-bot-connected');
    await expectAccessible(page);
  });

  it('lets the instance admin connect a global bot, the fallback of every account', async () => {
    const c = page.locator('section.bot-card[data-platform="kick"]');
    const global = c.locator('[data-global-bot="kick"]');
    await global.getByText('Not connected').waitFor();
    await global.getByRole('button', { name: 'Connect global bot' }).click();
    await decideOnConsent(page, 'Authorize', { user: 'last' });
    await page.getByText('Successfully connected to Kick!').waitFor();
    await global.getByText('In use').waitFor();
    expect(await global.getByText('A Bifrost-hosted bot').isVisible()).toBe(true);
    expect(await global.getByRole('button', { name: 'Reconnect global bot' }).isVisible()).toBe(true);
    await screenshot(page, 'flow-14-global-bot');
  });

  it('adds an OBS integration, tests it against a local OBS, and adds and removes a StreamElements token', async () => {
    await page.goto('/dashboard/connections');
    await page.getByRole('button', { name: 'Add Integration' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add Integration' });
    await dialog.getByLabel('Tool').selectOption('obs');
    await dialog.getByLabel('Port').fill(String(obs.port));
    await dialog.getByLabel('Password').fill('obs-secret');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Save' }).click();
    const tool = page.locator('[data-tool="obs"]');
    await tool.waitFor();
    await tool.getByRole('button', { name: 'Test Connection' }).click();
    await tool.getByText('Connected to OBS 30.1.2 successfully!').waitFor();
    expect(await page.content()).not.toContain('obs-secret');

    const jwt = fakeJwt({ channel: 'abc123', role: 'owner' });
    await page.getByRole('button', { name: 'Add Token' }).click();
    const se = page.getByRole('dialog', { name: 'Add StreamElements Token' });
    await se.getByLabel('Platform').selectOption('twitch');
    await se.getByLabel('JWT Token').fill(jwt);
    await se.getByLabel('Label').fill('Main Channel');
    await se.getByRole('button', { name: 'Save' }).click();
    const row = page.locator('[data-se-token]').filter({ hasText: 'Main Channel' });
    await row.getByText(`Token: …${jwt.slice(-4)}`).waitFor();
    expect(await page.content()).not.toContain(jwt);
    await screenshot(page, 'flow-14b-integrations-panels');
    await expectAccessible(page);

    await row.getByRole('button', { name: 'Remove' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove StreamElements token' });
    await confirm.getByText(/stops tip ingestion/).waitFor();
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await page.getByText('No StreamElements tokens').waitFor();
  });

  it('shows the members, API keys, audit log, admin and settings pages', async () => {
    const visit = async (label: string, heading: string, shot: string) => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.waitForFunction(() => document.querySelector('.state-loading') === null);
      await screenshot(page, shot);
      await expectAccessible(page);
    };
    await visit('Members & Roles', 'Members & Roles', 'flow-15-members');
    expect(await page.locator('[data-member="streamer"]').isVisible()).toBe(true);

    await visit('API Keys', 'API Keys', 'flow-16-api-keys');
    await page.getByRole('button', { name: 'New API key' }).click();
    const dialog = page.getByRole('dialog', { name: 'New API key' });
    await dialog.getByLabel('Name').fill('overlay');
    await dialog.getByRole('button', { name: 'Create key' }).click();
    const shown = page.getByRole('dialog', { name: 'API key created' });
    const key = await shown.getByRole('textbox', { name: 'API key' }).inputValue();
    expect(key).toMatch(/^bf_/);
    await shown.getByRole('button', { name: 'Done, I copied it' }).click();
    await page.locator('[data-key="overlay"]').waitFor();
    expect(await page.content()).not.toContain(key);

    await visit('Audit Log', 'Audit Log', 'flow-17-audit-log');
    await page.getByLabel('Action').fill('integration.*');
    await page.getByRole('button', { name: 'Apply' }).click();
    // The unfiltered page is on screen until the filtered answer replaces it: wait for both actions.
    await page.locator('td code', { hasText: 'integration.connected' }).first().waitFor();
    await page.locator('td code', { hasText: 'integration.disconnected' }).first().waitFor();

    await visit('Integrations', 'Integrations', 'flow-18-integrations-page');
    await visit('Settings', 'Settings', 'flow-19-settings');

    await visit('Platforms', 'Platforms', 'flow-20-admin-platforms');
    const youtube = page.locator('li[data-platform="youtube"]').getByRole('switch');
    expect(await youtube.getAttribute('aria-checked')).toBe('true');
    await youtube.click();
    await page.waitForFunction(() => document.querySelector('li[data-platform="youtube"] [role="switch"]')?.getAttribute('aria-checked') === 'false');
    await page.goto('/dashboard/connections');
    await card('youtube').getByText('Unavailable').waitFor();
    expect(await card('youtube').getByRole('button').count()).toBe(0);
    await screenshot(page, 'flow-21-unavailable');
    await page.goto('/dashboard/admin/platforms');
    await page.locator('li[data-platform="youtube"]').getByRole('switch').click();
    await page.waitForFunction(() => document.querySelector('li[data-platform="youtube"] [role="switch"]')?.getAttribute('aria-checked') === 'true');
  });

  it('shows service keys, token-server ids and webhooks (issue 6 routes)', async () => {
    await page.goto('/dashboard/service-keys');
    await page.getByRole('heading', { level: 1, name: 'Service Keys' }).waitFor();
    await page.getByRole('button', { name: 'New service key' }).click();
    const dialog = page.getByRole('dialog', { name: 'New service key' });
    // The platform choices are the server's GET /v1/platforms list, in its order.
    const choices = dialog.locator('input[id^="sk-platform-"]');
    expect(await choices.evaluateAll((inputs) => inputs.map((i) => i.id))).toEqual(PLATFORMS.map((p) => `sk-platform-${p.slug}`));
    for (const p of PLATFORMS) expect(await dialog.getByLabel(p.name, { exact: true }).isVisible()).toBe(true);
    await dialog.getByLabel('Name').fill('chat-bot');
    await dialog.getByRole('button', { name: 'Create key' }).click();
    const key = await page.getByRole('dialog', { name: 'Service key created' }).getByRole('textbox', { name: 'Service key' }).inputValue();
    expect(key).toMatch(/^bfs_/);
    await page.getByRole('button', { name: 'Done, I copied it' }).click();
    await page.locator('[data-service-key="chat-bot"]').waitFor();

    const twitchRow = page.locator('section[aria-labelledby="token-server-heading"] li').filter({ hasText: 'Twitch channel' });
    await twitchRow.getByRole('button', { name: 'Enable or rotate' }).click();
    const shown = page.getByRole('dialog', { name: 'Token server id' });
    const id = await shown.getByRole('textbox', { name: 'Token server id' }).inputValue();
    const url = (await shown.locator('code.code-block').textContent()) ?? '';
    expect(url).toBe(`${server.url}/v1/token-server`);
    expect(id).toContain('-');
    // What Companion does with the two fields: GET url?id=… answers the bare access token.
    const token = await fetch(`${url}?id=${encodeURIComponent(id)}`);
    expect(token.status).toBe(200);
    expect((await token.text()).length).toBeGreaterThan(10);
    await screenshot(page, 'flow-22-token-server');
    await expectAccessible(page);
    await shown.getByRole('button', { name: 'Done, I copied it' }).click();
    expect(await page.content()).not.toContain(id);
    await screenshot(page, 'flow-23-service-keys');
    await expectAccessible(page);

    await page.goto('/dashboard/webhooks');
    await page.getByRole('button', { name: 'New webhook' }).click();
    const hook = page.getByRole('dialog', { name: 'New webhook' });
    await hook.getByLabel('URL').fill('https://bot.example.com/bifrost-events');
    await hook.getByRole('button', { name: 'Create webhook' }).click();
    await page.getByRole('dialog', { name: 'Webhook created' }).getByRole('textbox', { name: 'Signing secret' }).waitFor();
    await page.getByRole('button', { name: 'Done, I copied it' }).click();
    await page.getByText('https://bot.example.com/bifrost-events').waitFor();
    await screenshot(page, 'flow-24-webhooks');
    await expectAccessible(page);
  });

  it('creates a second account, switches between accounts, and changes the password', async () => {
    await page.goto('/dashboard/settings');
    await page.getByLabel('New account').fill('Second brand');
    await page.getByRole('button', { name: 'Create account' }).click();
    const switcher = page.getByRole('combobox', { name: 'Account' });
    await page.waitForFunction(() => (document.querySelector('.account-switcher select') as HTMLSelectElement | null)?.selectedOptions[0]?.textContent?.startsWith('Second brand') === true);
    await page.goto('/dashboard/connections');
    // A new account has no connections of its own; sandbox credentials make every card connectable.
    await card('twitch').getByText('Credentials configured. Click Connect to authorize.').waitFor();
    await screenshot(page, 'flow-21b-second-account');
    await switcher.selectOption({ label: 'My channel (owner)' });
    await card('twitch').getByText('Channel ID').waitFor();

    await page.goto('/dashboard/settings');
    await page.getByLabel('Current password').fill(OWNER.password);
    await page.getByLabel('New password', { exact: true }).fill(OWNER.newPassword);
    await page.getByLabel('Confirm new password').fill(OWNER.newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed. Your other sessions were signed out.').waitFor();
    await screenshot(page, 'flow-21c-settings-password');
  });

  it('a viewer invited by link sees no edit buttons', async () => {
    await page.goto('/dashboard/members');
    await page.getByLabel('Role', { exact: true }).selectOption('viewer');
    await page.getByRole('button', { name: 'Create invite link' }).click();
    const inviteUrl = await page.getByRole('textbox', { name: 'Invite link' }).inputValue();
    expect(inviteUrl).toContain('/invite?token=');

    const viewer = await launchUser({ baseURL: server.url });
    try {
      // Opening the link signed out asks /v1/me first: its 401 is the expected "not signed in".
      viewer.expectFailure({ status: 401, path: /^\/v1\/me$/ });
      const v = viewer.page;
      await v.goto(inviteUrl);
      await v.getByRole('heading', { name: 'Join an account' }).waitFor();
      await v.getByLabel('Username').fill(VIEWER.username);
      await v.getByLabel('Password').fill(VIEWER.password);
      await screenshot(v, 'flow-25-invite');
      expect(await seriousViolations(v)).toEqual([]);
      await v.getByRole('button', { name: 'Create user and join' }).click();
      await v.getByRole('heading', { level: 1, name: 'Connections' }).waitFor();
      await v.locator('section[data-platform="twitch"]').getByText('Channel ID').waitFor();

      for (const name of ['Connect', 'Reconnect', 'Disconnect', 'Add Integration', 'Add Token']) {
        expect(await v.getByRole('button', { name, exact: true }).count(), name).toBe(0);
      }
      expect(await v.getByRole('link', { name: 'App Credentials' }).count()).toBe(0);
      expect(await v.getByRole('link', { name: 'Set Up' }).count()).toBe(0);
      const nav = await v.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
      // A viewer reads the live feed (events:read) but may not send chat (no Chat entry).
      expect(nav).toEqual(['Connections', 'Bot Connections', 'Activity', 'Members & Roles', 'Integrations', 'Notifications', 'Settings']);
      await screenshot(v, 'flow-26-viewer-connections');
      expect(await seriousViolations(v)).toEqual([]);

      await v.getByRole('link', { name: 'Bot Connections' }).first().click();
      await v.locator('section.bot-card[data-platform="twitch"] [data-bot="mybot"]').waitFor();
      for (const name of ['Connect Bot', 'Make default', 'Reconnect', 'Disconnect']) {
        expect(await v.getByRole('button', { name, exact: true }).count(), name).toBe(0);
      }
      expect(await v.getByRole('switch').count()).toBe(0);
      await screenshot(v, 'flow-27-viewer-bots');

      await v.goto('/dashboard/connections/credentials');
      await v.getByRole('heading', { name: 'You cannot open this page' }).waitFor();
      expect(viewer.takeProblems()).toEqual([]);
    } finally {
      await viewer.close();
    }
  });

  it('works at phone width and in dark mode', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/dashboard/connections');
    await card('twitch').getByText('Channel ID').waitFor();
    await screenshot(page, 'flow-28-phone');
    await expectAccessible(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await card('twitch').getByText('Channel ID').waitFor();
    await screenshot(page, 'flow-29-dark');
    await expectAccessible(page);
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
