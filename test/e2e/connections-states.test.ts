/**
 * The Connections page and its neighbours in real Chromium, with the API stubbed in the page: every
 * card state, banner and dialog of the Connections page, permissions, keyboard use, phone width and dark mode.
 * (The live end-to-end flow against a real server is dashboard-flow.test.ts.)
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable } from './support/chromium.ts';
import { groups, HOUR, integration, iso, me, PLATFORM_LIST, PLATFORMS, stubApi, type StubTable } from './support/api-stub.ts';
import { dashboardTable, stubbedDashboard, type StubbedDashboard } from './support/stubbed.ts';
import { seriousViolations } from './support/axe.ts';
import { screenshot } from './support/artifacts.ts';

const ERROR_CODES: Record<string, string> = {
  denied: 'You denied access on Twitch.',
  expired: 'The Twitch sign-in took too long and expired.',
  state_mismatch: 'The answer from Twitch could not be matched to a sign-in you started.',
  platform_error: 'Twitch returned an error while finishing the connection.',
  account_mismatch: 'You authorized a different Twitch account than the one linked.',
  credentials_missing: 'Twitch has no app credentials for this account.',
  platform_disabled: 'Twitch is disabled on this Bifrost instance.',
  already_connected: 'This Twitch account is already connected.',
  invalid_request: 'The answer from Twitch was incomplete or malformed.',
  not_found: 'The Twitch connection being reconnected no longer exists.',
};

const baseTable = dashboardTable;

describe.skipIf(!chromiumAvailable())('dashboard UI states (stubbed API)', () => {
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

  async function open(path: string, table: StubTable, calls: string[] = []): Promise<Page> {
    page = await dash.open(path, table, calls);
    return page;
  }

  async function expectAccessible(p: Page): Promise<void> {
    expect(await seriousViolations(p)).toEqual([]);
  }

  it('shows the four card states with their texts and buttons', async () => {
    const p = await open('/dashboard/connections', baseTable());
    await p.getByRole('heading', { level: 1, name: 'Connections' }).waitFor();
    expect(await p.getByText('Connect your streaming platforms to Bifrost.').isVisible()).toBe(true);
    expect(await p.getByRole('link', { name: 'Bot Connections' }).first().isVisible()).toBe(true);
    expect(await p.locator('.page-actions').getByRole('link', { name: 'App Credentials' }).isVisible()).toBe(true);
    await p.getByText('Sandbox mode').waitFor();

    const twitch = p.locator('[data-platform="twitch"]');
    expect(await twitch.getAttribute('data-state')).toBe('connected');
    expect(await twitch.getByText('Connected', { exact: false }).first().isVisible()).toBe(true);
    expect(await twitch.getByText('YourChannel', { exact: true }).isVisible()).toBe(true);
    expect(await twitch.getByText('141981764').isVisible()).toBe(true);
    expect(await twitch.locator('.scope-chips code.chip').count()).toBe(3);
    expect(await twitch.getByRole('button', { name: '+24 more: show all 27 scopes' }).isVisible()).toBe(true);
    expect(await twitch.getByText(/^Token expires .+ \(auto-refresh\)/).isVisible()).toBe(true);
    expect(await twitch.getByText('Connected', { exact: true }).count()).toBeGreaterThan(0);
    expect(await twitch.getByText('Last updated').isVisible()).toBe(true);
    expect(await twitch.getByRole('button', { name: 'Reconnect' }).isVisible()).toBe(true);
    expect(await twitch.getByRole('button', { name: 'Disconnect' }).isVisible()).toBe(true);

    // Brand colours as GET /v1/platforms gives them (the stub answers the real definitions').
    expect(await twitch.locator('.platform-icon').evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color])).toEqual(['rgb(109, 40, 217)', 'rgb(255, 255, 255)']);

    const youtube = p.locator('[data-platform="youtube"]');
    expect(await youtube.getByText('Set up app credentials to connect this platform.').isVisible()).toBe(true);
    expect(await youtube.getByRole('link', { name: 'Set Up' }).getAttribute('href')).toBe('/dashboard/connections/credentials#youtube');

    const kick = p.locator('[data-platform="kick"]');
    expect(await kick.getByText('Credentials configured. Click Connect to authorize.').isVisible()).toBe(true);
    expect(await kick.locator('.state-badge').allTextContents()).toEqual(['Credentials configured']);
    expect(await youtube.locator('.state-badge').allTextContents()).toEqual(['Not connected']);
    expect(await twitch.locator('.state-badge').allTextContents()).toEqual(['✓ Connected']);
    expect(await kick.getByRole('button', { name: 'Connect' }).isVisible()).toBe(true);

    const trovo = p.locator('[data-platform="trovo"]');
    expect(await trovo.getByText('Unavailable').isVisible()).toBe(true);
    expect(await trovo.getByRole('button').count()).toBe(0);

    expect(await p.getByRole('button', { name: 'Add Integration' }).isVisible()).toBe(true);
    expect(await p.getByRole('button', { name: 'Add Token' }).isVisible()).toBe(true);
    await screenshot(p, 'states-connections-four-states');
    await expectAccessible(p);
  });

  it('opens the Scopes dialog from +N, keeps focus inside, and closes on Escape back to the opener', async () => {
    const p = await open('/dashboard/connections', baseTable());
    const more = p.getByRole('button', { name: '+24 more: show all 27 scopes' });
    await more.click();
    const dialog = p.getByRole('dialog', { name: 'Scopes' });
    await dialog.waitFor();
    expect(await dialog.locator('li').count()).toBe(27);
    await screenshot(p, 'states-scopes-dialog');
    await expectAccessible(p);
    for (let i = 0; i < 6; i++) {
      await p.keyboard.press('Tab');
      expect(await p.evaluate(() => Boolean(document.activeElement?.closest('dialog[open]')))).toBe(true);
    }
    await p.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await more.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('spins Connect while the authorization URL is fetched, sends CSRF and account headers, then follows it', async () => {
    let headers: Record<string, string> = {};
    let body: unknown;
    const p = await open(
      '/dashboard/connections',
      baseTable({
        'POST /v1/integrations/platform/kick/connect': async (route) => {
          headers = route.request().headers();
          body = route.request().postDataJSON();
          await new Promise((r) => setTimeout(r, 700));
          // Stands in for the platform: straight back to the dashboard as the callback would.
          return { body: { authorization_url: '/dashboard/connections?connected=kick', state: 's' } };
        },
      }),
    );
    const connect = p.locator('[data-platform="kick"]').getByRole('button', { name: 'Connect' });
    await connect.click();
    await p.locator('[data-platform="kick"] button[aria-busy="true"] .spinner').waitFor();
    await p.getByText('Successfully connected to Kick!').waitFor();
    expect(headers['x-csrf-token']).toBe('csrf-test-token');
    expect(headers['x-bifrost-account']).toBe('acc_1');
    expect(body).toEqual({ integration_type: 'channel' });
    expect(p.url()).not.toContain('connected=');
    await screenshot(p, 'states-connected-banner');
  });

  it('explains every ?error= code of the callback in a red banner and cleans the address bar', async () => {
    page = await dash.newPage();
    await stubApi(page, baseTable());
    for (const [code, title] of Object.entries(ERROR_CODES)) {
      await page.goto(`/dashboard/connections?error=${code}&platform=twitch`);
      const banner = page.getByRole('alert').filter({ hasText: title });
      await banner.waitFor();
      expect(await banner.evaluate((el) => el.classList.contains('banner-error'))).toBe(true);
      expect((await banner.textContent())!.length).toBeGreaterThan(title.length + 20);
      expect(page.url()).not.toContain('error=');
      if (code === 'denied') {
        await screenshot(page, 'states-error-banner-denied');
        expect(await seriousViolations(page)).toEqual([]);
      }
    }
  });

  it('a lost grant: one red Needs reconnect badge, no "(auto-refresh)", Reconnect first and no Refresh token that cannot help', async () => {
    const p = await open(
      '/dashboard/connections',
      baseTable({ 'GET /v1/integrations': { body: groups(integration({ status: 'needs_reauth', status_reason: 'invalid_grant', token_expires_at: iso(-2 * HOUR) })) } }),
    );
    const card = p.locator('[data-platform="twitch"]');
    const line = card.locator('.token-expiry-failing');
    await line.waitFor();
    expect(await card.getAttribute('data-card-state')).toBe('needs_reconnect');
    expect(await line.textContent()).toMatch(/Token expired /);
    expect(await line.textContent()).not.toContain('auto-refresh');
    expect(await line.textContent()).toContain('the platform rejected the refresh token');
    expect(await line.textContent()).toContain('Click Reconnect');
    const [r, g, b] = (await line.locator('p').first().evaluate((el) => getComputedStyle(el).color)).match(/\d+/g)!.map(Number);
    expect(r!).toBeGreaterThan(150);
    expect(g!).toBeLessThan(80);
    expect(b!).toBeLessThan(80);
    expect(await card.locator('.state-badge').allTextContents()).toEqual(['Needs reconnect']);
    expect(await card.getByRole('button', { name: 'Refresh token' }).count()).toBe(0);
    expect(await card.locator('.card-actions button').allTextContents()).toEqual(['Reconnect', 'Disconnect']);
    await screenshot(p, 'states-token-refresh-failed');
    await expectAccessible(p);
  });

  it('a refresh failing for a passing reason: Refresh failing badge, and Refresh token retries it', async () => {
    let status = 'degraded';
    const p = await open(
      '/dashboard/connections',
      baseTable({
        'GET /v1/integrations': () => ({
          body: groups(status === 'active' ? integration() : integration({ status, status_reason: 'platform_unreachable' })),
        }),
        'POST /v1/integrations/int_twitch1/refresh': () => {
          status = 'active';
          return { body: integration() };
        },
      }),
    );
    const card = p.locator('[data-platform="twitch"]');
    const line = card.locator('.token-expiry-failing');
    await line.waitFor();
    expect(await card.locator('.state-badge').allTextContents()).toEqual(['Refresh failing']);
    expect(await line.textContent()).toContain('the platform cannot be reached');
    expect(await line.textContent()).not.toContain('auto-refresh');
    await screenshot(p, 'states-token-refresh-degraded');
    await card.getByRole('button', { name: 'Refresh token' }).click();
    await line.waitFor({ state: 'detached' });
    expect(await card.locator('.state-badge').allTextContents()).toEqual(['✓ Connected']);
    expect(await card.getByRole('button', { name: 'Refresh token' }).count()).toBe(0);
  });

  it('asks for confirmation, in its exact words, before disconnecting, and Cancel does nothing', async () => {
    let connected = true;
    const calls: string[] = [];
    const p = await open(
      '/dashboard/connections',
      baseTable({
        'GET /v1/integrations': () => ({ body: groups(connected ? integration() : null) }),
        'GET /v1/integrations/platforms': () => ({ body: PLATFORMS.map((x) => (x.slug === 'twitch' && !connected ? { ...x, state: 'configured' } : x)) }),
        'DELETE /v1/integrations/int_twitch1': () => {
          connected = false;
          return { body: { success: true, error: null } };
        },
      }),
      calls,
    );
    const card = p.locator('[data-platform="twitch"]');
    await card.getByRole('button', { name: 'Disconnect' }).click();
    const dialog = p.getByRole('dialog', { name: 'Disconnect Twitch' });
    await dialog.getByText('Are you sure you want to disconnect Twitch? This will revoke the connection but keep your app credentials.').waitFor();
    await screenshot(p, 'states-disconnect-dialog');
    await expectAccessible(p);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(calls.filter((c) => c.startsWith('DELETE'))).toEqual([]);

    await card.getByRole('button', { name: 'Disconnect' }).click();
    await dialog.getByRole('button', { name: 'Disconnect' }).click();
    await p.getByText('Disconnected Twitch. Your app credentials are kept.').waitFor();
    await p.locator('[data-platform="twitch"]').getByText('Credentials configured. Click Connect to authorize.').waitFor();
    expect(calls).toContain('DELETE /v1/integrations/int_twitch1');
  });

  it('hides every button a viewer lacks permission for', async () => {
    const viewer = me({ permissions: ['connections:read', 'bot-connections:read', 'members:read'], admin: false });
    const p = await open('/dashboard/connections', baseTable({ 'GET /v1/me': { body: viewer } }));
    await p.locator('[data-platform="twitch"]').getByText('YourChannel', { exact: true }).waitFor();
    for (const name of ['Connect', 'Reconnect', 'Disconnect', 'Add Integration', 'Add Token']) {
      expect(await p.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    }
    expect(await p.getByRole('link', { name: 'Set Up' }).count()).toBe(0);
    expect(await p.getByRole('link', { name: 'App Credentials' }).count()).toBe(0);
    const nav = p.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Connections', 'Bot Connections', 'Members & Roles', 'Integrations', 'Notifications', 'Settings']);
    await screenshot(p, 'states-viewer-connections');
  });

  it('shows a calm "not available" note for an API this server does not have', async () => {
    user.expectFailure({ status: 404, path: /^\/v1\/(webhooks|service-keys|integrations)$/ });
    const p = await open('/dashboard/webhooks', { 'GET /v1/me': { body: me() } });
    await p.getByText('Not available on this server').waitFor();
    expect(await p.getByRole('heading', { level: 1, name: 'Webhooks' }).isVisible()).toBe(true);
    await screenshot(p, 'states-not-available');
    await expectAccessible(p);
  });

  it('validates a bot identifier before asking the server, and shows global and custom bots', async () => {
    const calls: string[] = [];
    const bot = integration({ id: 'int_bot1', integration_type: 'bot', bot_identifier: 'mybot', platform_username: 'yourbot', display_name: 'YourBot', is_default_bot: true, has_verified_bot_badge: true });
    const global = integration({ id: 'int_global', integration_type: 'bot', bot_identifier: 'bifrost', platform_username: 'bifrostbot', is_global: true });
    const grouped = groups(integration()).map((g) => (g.platform_slug === 'twitch' ? { ...g, bots: [bot], global_bot: global } : g));
    const p = await open('/dashboard/connections/bot', baseTable({ 'GET /v1/integrations': { body: grouped } }), calls);
    const card = p.locator('[data-platform="twitch"]');
    await card.getByText('Global Bot (default)').waitFor();
    expect(await card.getByText('@bifrostbot').isVisible()).toBe(true);
    expect(await card.locator('[data-bot="mybot"]').getByText('Default').isVisible()).toBe(true);
    expect(await card.getByRole('switch', { name: 'Verified bot badge' }).getAttribute('aria-checked')).toBe('true');
    expect(await card.getByRole('switch', { name: 'Verified bot', exact: true }).getAttribute('aria-checked')).toBe('false');

    await card.getByLabel('Bot identifier').fill('Bad Bot!');
    await card.getByRole('button', { name: 'Connect Bot' }).click();
    await card.getByText('Use only lowercase letters a–z, digits 0–9, "_" and "-".').waitFor();
    await card.getByLabel('Bot identifier').fill('a'.repeat(40));
    expect(await card.getByLabel('Bot identifier').inputValue()).toHaveLength(32);
    expect(calls.filter((c) => c.startsWith('POST'))).toEqual([]);
    await screenshot(p, 'states-bot-connections');
    await expectAccessible(p);
  });

  it('takes names, brand colours and the verified-bot switches from GET /v1/platforms, not from slugs', async () => {
    // What the API says decides: here Kick has verified bots and other colours, Twitch has neither switch.
    const platforms = PLATFORM_LIST.map((x) =>
      x.slug === 'kick'
        ? { ...x, name: 'Kick Streaming', brand_color: '#123456', brand_text_color: '#fafafa', capabilities: { ...x.capabilities, verified_bots: true } }
        : { ...x, capabilities: { ...x.capabilities, verified_bots: false } },
    );
    const bot = (slug: string, platformId: number, id: string) =>
      integration({ id: `int_${id}`, platform: slug, platform_id: platformId, integration_type: 'bot', bot_identifier: id, platform_username: id, display_name: id });
    const grouped = groups(null).map((g) =>
      g.platform_slug === 'twitch' ? { ...g, bots: [bot('twitch', 1, 'twitchbot')] } : g.platform_slug === 'kick' ? { ...g, bots: [bot('kick', 3, 'kickbot')] } : g,
    );
    const p = await open('/dashboard/connections/bot', baseTable({ 'GET /v1/platforms': { body: platforms }, 'GET /v1/integrations': { body: grouped } }));
    const kick = p.locator('[data-platform="kick"]');
    await kick.locator('[data-bot="kickbot"]').waitFor();
    expect(await kick.getByRole('switch', { name: 'Verified bot badge' }).count()).toBe(1);
    const twitch = p.locator('[data-platform="twitch"]');
    await twitch.locator('[data-bot="twitchbot"]').waitFor();
    expect(await twitch.getByRole('switch', { name: 'Verified bot badge' }).count()).toBe(0);
    expect(await kick.locator('.platform-icon').evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color])).toEqual(['rgb(18, 52, 86)', 'rgb(250, 250, 250)']);

    // The StreamElements dialog lists the API's platforms by the API's names.
    await p.goto('/dashboard/connections');
    await p.getByRole('button', { name: 'Add Token' }).click();
    const se = p.getByRole('dialog', { name: 'Add StreamElements Token' });
    expect(await se.getByLabel('Platform').locator('option').allTextContents()).toEqual(platforms.map((x) => x.name));
    expect(await se.getByLabel('Platform').inputValue()).toBe(platforms[0]!.slug);
    await expectAccessible(p);
  });

  it('shows a new API key once and forgets it when the dialog closes', async () => {
    let created = false;
    const key = { id: 'key_1', name: 'overlay', prefix: 'bf_AbCd', permissions: ['connections:read'], created_at: iso(0), expires_at: null, last_used_at: null };
    const p = await open(
      '/dashboard/api-keys',
      baseTable({
        'GET /v1/api-keys': () => ({ body: { items: created ? [key] : [] } }),
        'POST /v1/api-keys': () => {
          created = true;
          return { status: 201, body: { ...key, key: 'bf_AbCdSECRETSECRETSECRET' } };
        },
      }),
    );
    await p.getByText('No API keys').waitFor();
    await p.getByRole('button', { name: 'New API key' }).click();
    const dialog = p.getByRole('dialog', { name: 'New API key' });
    await dialog.getByLabel('Name').fill('overlay');
    await dialog.getByRole('button', { name: 'Create key' }).click();
    const shown = p.getByRole('dialog', { name: 'API key created' });
    expect(await shown.getByRole('textbox', { name: 'API key' }).inputValue()).toBe('bf_AbCdSECRETSECRETSECRET');
    expect(await shown.getByRole('button', { name: 'Copy API key' }).isVisible()).toBe(true);
    await screenshot(p, 'states-api-key-created');
    await expectAccessible(p);
    await shown.getByRole('button', { name: 'Done, I copied it' }).click();
    await p.locator('[data-key="overlay"]').waitFor();
    expect(await p.content()).not.toContain('SECRETSECRET');
  });

  it('deep-links Set Up to the platform on App Credentials, with its redirect URI to copy', async () => {
    const credentials = PLATFORMS.map((x) => ({
      platform: x.slug,
      source: x.slug === 'youtube' ? 'none' : 'account',
      client_id_hint: x.slug === 'youtube' ? null : 'ab12',
      redirect_uri: `https://bifrost.example.com/v1/integrations/callback/${x.slug}`,
      created_at: iso(-HOUR),
      updated_at: iso(-HOUR),
    }));
    const p = await open('/dashboard/connections', baseTable({ 'GET /v1/app-credentials': { body: { items: credentials } } }));
    await p.locator('[data-platform="youtube"]').getByRole('link', { name: 'Set Up' }).click();
    await p.getByRole('heading', { level: 1, name: 'App Credentials' }).waitFor();
    const youtube = p.locator('section.credential-card[data-platform="youtube"]');
    await p.waitForFunction(() => document.activeElement?.closest('[data-platform="youtube"]') !== null);
    expect(await youtube.getByText('No credentials yet.', { exact: false }).isVisible()).toBe(true);
    expect(await youtube.locator('code.code-block').textContent()).toBe('https://bifrost.example.com/v1/integrations/callback/youtube');
    expect(await youtube.getByRole('button', { name: 'Copy YouTube redirect URI' }).isVisible()).toBe(true);
    expect(await youtube.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    const twitch = p.locator('section.credential-card[data-platform="twitch"]');
    expect(await twitch.getByText('…ab12').isVisible()).toBe(true);
    await twitch.getByRole('button', { name: 'Delete' }).click();
    await p.getByRole('dialog', { name: 'Delete Twitch credentials' }).getByText(/also invalidates any active Twitch channel connection/).waitFor();
    await screenshot(p, 'states-credentials-delete-dialog');
    await expectAccessible(p);
  });

  it('pages the audit log newest first and sends the filters', async () => {
    const queries: string[] = [];
    const event = (n: number) => ({ id: `aud_${n}`, action: n % 2 ? 'integration.connected' : 'auth.login', actor: { type: 'user', id: 'usr_1', label: null, name: 'streamer' }, target: { type: 'integration', id: `int_${n}`, name: n === 1 ? 'TwitchDev' : null }, ip: '203.0.113.7', details: { platform: 'twitch' }, created_at: iso(-n * 60_000) });
    const p = await open(
      '/dashboard/audit-log',
      baseTable({
        'GET /v1/audit-logs': (route) => {
          const url = new URL(route.request().url());
          queries.push(url.search);
          return url.searchParams.get('cursor') === 'page2'
            ? { body: { items: [event(51), event(52)], next_cursor: null } }
            : { body: { items: Array.from({ length: 50 }, (_, i) => event(i + 1)), next_cursor: 'page2' } };
        },
      }),
    );
    await p.getByRole('cell', { name: 'auth.login' }).first().waitFor();
    expect(await p.locator('tbody tr').count()).toBe(50);
    expect(await p.locator('tbody tr').first().getByRole('cell').nth(2).textContent()).toBe('streamer');
    // The name beside the id; a removed object (no name) keeps its id.
    expect(await p.locator('tbody tr').first().getByRole('cell').nth(3).textContent()).toBe('Connection TwitchDev int_1');
    expect(await p.locator('tbody tr').nth(1).getByRole('cell').nth(3).textContent()).toBe('Connection int_2');
    await screenshot(p, 'states-audit-log');
    await expectAccessible(p);
    await p.getByRole('button', { name: 'Older →' }).click();
    await p.getByText('Page 2').waitFor();
    expect(await p.locator('tbody tr').count()).toBe(2);
    expect(await p.getByRole('button', { name: 'Older →' }).isDisabled()).toBe(true);
    await p.getByRole('button', { name: '← Newer' }).click();
    await p.getByText('Page 1').waitFor();

    await p.getByLabel('Action').fill('integration.*');
    await p.getByLabel('Actor').fill('usr_1');
    await p.getByRole('button', { name: 'Apply' }).click();
    await p.waitForFunction(() => document.querySelector('.state-loading') === null);
    const last = new URLSearchParams(queries[queries.length - 1]);
    expect(last.get('action')).toBe('integration.*');
    expect(last.get('actor')).toBe('usr_1');
    expect(last.get('limit')).toBe('50');
    expect(last.get('cursor')).toBeNull();
  });

  it('works at phone width with a menu button, and in dark mode', async () => {
    page = await dash.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await stubApi(page, baseTable());
    await page.goto('/dashboard/connections');
    await page.locator('[data-platform="twitch"]').waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.isVisible()).toBe(false);
    await screenshot(page, 'states-phone-connections');
    await page.getByRole('button', { name: 'Open menu' }).click();
    expect(await nav.isVisible()).toBe(true);
    await screenshot(page, 'states-phone-menu');
    await nav.getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Integrations' }).waitFor();
    expect(await nav.isVisible()).toBe(false);

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/dashboard/connections');
    await page.locator('[data-platform="twitch"]').waitFor();
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(15, 17, 21)');
    await screenshot(page, 'states-dark-connections');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
