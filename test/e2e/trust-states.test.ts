/**
 * Issue 19's honest states in real Chromium with the API stubbed in the page: a global bot that lost
 * its grant, saving app credentials over live connections, the no-channel callback, field errors in
 * a streamer's words, and old error banners that clear after a later success.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable } from './support/chromium.ts';
import { groups, integration, me, PLATFORMS, type StubTable } from './support/api-stub.ts';
import { dashboardTable, stubbedDashboard, type StubbedDashboard } from './support/stubbed.ts';
import { seriousViolations } from './support/axe.ts';
import { screenshot } from './support/artifacts.ts';

const GLOBAL_BOT = integration({
  id: 'int_global',
  integration_type: 'bot',
  bot_identifier: 'global',
  is_global: true,
  platform_username: 'bifrostbot',
  display_name: 'BifrostBot',
  status: 'needs_reauth',
  status_reason: 'invalid_grant',
});

function withGlobalBot(bot: Record<string, unknown>) {
  return groups(integration()).map((g) => (g.platform_slug === 'twitch' ? { ...g, global_bot: bot } : g));
}

const CREDENTIALS = PLATFORMS.map((p) => ({
  platform: p.slug,
  source: p.slug === 'twitch' ? 'account' : 'none',
  client_id_hint: p.slug === 'twitch' ? 'abcd' : null,
  redirect_uri: `http://127.0.0.1:8080/v1/integrations/callback/${p.slug}`,
  created_at: null,
  updated_at: null,
}));

const baseTable = (overrides: StubTable = {}): StubTable => dashboardTable({ 'GET /v1/app-credentials': { body: { items: CREDENTIALS } }, ...overrides });

describe.skipIf(!chromiumAvailable())('honest states (stubbed API)', () => {
  let dash: StubbedDashboard;
  let user: StubbedDashboard['user'];

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

  const open = (path: string, table: StubTable, calls: string[] = []): Promise<Page> => dash.open(path, table, calls);

  it('a global bot that lost its grant says so and tells the instance admin to reconnect it', async () => {
    const p = await open('/dashboard/connections/bot', baseTable({ 'GET /v1/integrations': { body: withGlobalBot(GLOBAL_BOT) } }));
    const row = p.locator('[data-global-bot="twitch"]');
    await row.getByText('Needs reconnect').waitFor();
    expect(await row.getByText('In use').count()).toBe(0);
    expect(await row.getByText('No setup required').count()).toBe(0);
    expect(await row.locator('[data-global-bot-problem]').textContent()).toContain('lost its access');
    expect(await row.getByRole('button', { name: 'Reconnect global bot' }).isVisible()).toBe(true);
    await screenshot(p, 'trust-global-bot-needs-reconnect');
    expect(await seriousViolations(p)).toEqual([]);
  });

  it('a member who is not an instance admin is told to ask one, with no admin buttons', async () => {
    const p = await open('/dashboard/connections/bot', baseTable({ 'GET /v1/me': { body: me({ admin: false }) }, 'GET /v1/integrations': { body: withGlobalBot(GLOBAL_BOT) } }));
    const row = p.locator('[data-global-bot="twitch"]');
    await row.getByText('Needs reconnect').waitFor();
    expect(await row.locator('[data-global-bot-problem]').textContent()).toContain('Ask an instance admin');
    expect(await row.getByRole('button', { name: 'Reconnect global bot' }).count()).toBe(0);
  });

  it('a healthy global bot is In use, with no problem line', async () => {
    const p = await open('/dashboard/connections/bot', baseTable({ 'GET /v1/integrations': { body: withGlobalBot({ ...GLOBAL_BOT, status: 'active', status_reason: null }) } }));
    const row = p.locator('[data-global-bot="twitch"]');
    await row.getByText('In use').waitFor();
    expect(await row.getByText('Needs reconnect').count()).toBe(0);
    expect(await row.locator('[data-global-bot-problem]').count()).toBe(0);
  });

  it('asks before saving credentials that would cut off connections, naming them; Cancel saves nothing', async () => {
    const calls: string[] = [];
    let impactBody: unknown;
    const p = await open(
      '/dashboard/connections/credentials',
      baseTable({
        'POST /v1/app-credentials/twitch/impact': (route) => {
          impactBody = route.request().postDataJSON();
          return { body: { affected: [], summary: 'Twitch channel TwitchDev and 1 Twitch bot will need to be reconnected' } };
        },
        'PUT /v1/app-credentials/twitch': { body: CREDENTIALS[0] },
      }),
      calls,
    );
    const card = p.locator('section.credential-card[data-platform="twitch"]');
    await card.getByLabel('Client ID').fill('new-client-id');
    await card.getByLabel('Client Secret').fill('new-client-secret');
    await card.getByRole('button', { name: 'Save' }).click();
    const dialog = p.getByRole('dialog', { name: 'Save new Twitch credentials?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Twitch channel TwitchDev and 1 Twitch bot will need to be reconnected');
    expect(impactBody).toEqual({ client_id: 'new-client-id' });
    await screenshot(p, 'trust-credentials-confirm');
    expect(await seriousViolations(p)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(calls).not.toContain('PUT /v1/app-credentials/twitch');

    await card.getByRole('button', { name: 'Save' }).click();
    await dialog.getByRole('button', { name: 'Save and reconnect later' }).click();
    await card.getByText('✓ Saved Twitch credentials.', { exact: false }).waitFor();
    expect(calls).toContain('PUT /v1/app-credentials/twitch');
  });

  it('saves at once when nothing would be cut off (same client id, new secret)', async () => {
    const calls: string[] = [];
    const p = await open(
      '/dashboard/connections/credentials',
      baseTable({
        'POST /v1/app-credentials/twitch/impact': { body: { affected: [], summary: null } },
        'PUT /v1/app-credentials/twitch': { body: CREDENTIALS[0] },
      }),
      calls,
    );
    const card = p.locator('section.credential-card[data-platform="twitch"]');
    await card.getByLabel('Client ID').fill('same-client-id');
    await card.getByLabel('Client Secret').fill('rotated-secret');
    await card.getByRole('button', { name: 'Save' }).click();
    await card.getByText('✓ Saved Twitch credentials.').waitFor();
    expect(calls).toContain('PUT /v1/app-credentials/twitch');
    expect(await p.getByRole('dialog').count()).toBe(0);
  });

  it("names the field by its label, never the request's path (no body.client_secret)", async () => {
    const p = await open(
      '/dashboard/connections/credentials',
      baseTable({
        'POST /v1/app-credentials/twitch/impact': { body: { affected: [], summary: null } },
        'PUT /v1/app-credentials/twitch': { status: 400, body: { error: { code: 'VALIDATION_FAILED', message: 'body.client_secret: must not be empty', details: { field: 'body.client_secret' } } } },
      }),
    );
    user.expectFailure({ status: 400, path: /^\/v1\/app-credentials\/twitch$/ });
    const card = p.locator('section.credential-card[data-platform="twitch"]');
    await card.getByLabel('Client ID').fill('id');
    await card.getByLabel('Client Secret').fill('x');
    await card.getByRole('button', { name: 'Save' }).click();
    const error = card.getByRole('alert');
    await error.waitFor();
    expect(await error.textContent()).toBe('Client secret: must not be empty');
  });

  it('a Google account without a YouTube channel is told to create one, not to check the credentials', async () => {
    const p = await open('/dashboard/connections?error=no_channel&platform=youtube', baseTable());
    const banner = p.getByRole('alert').filter({ hasText: 'The account you signed in with has no YouTube channel.' });
    await banner.waitFor();
    const text = (await banner.textContent()) ?? '';
    expect(text).toContain('Create a channel');
    expect(text).not.toContain('Client Secret');
    expect(text).not.toContain('redirect URI');
    await screenshot(p, 'trust-no-channel-banner');
    expect(await seriousViolations(p)).toEqual([]);
  });

  it('an old error banner clears when a later action on the page succeeds', async () => {
    let status = 'degraded';
    const p = await open(
      '/dashboard/connections?error=denied&platform=twitch',
      baseTable({
        'GET /v1/integrations': () => ({ body: groups(integration({ status, status_reason: status === 'active' ? null : 'temporarily_unavailable' })) }),
        'POST /v1/integrations/int_twitch1/refresh': () => {
          status = 'active';
          return { body: integration() };
        },
      }),
    );
    const banner = p.getByRole('alert').filter({ hasText: 'You denied access on Twitch.' });
    await banner.waitFor();
    await p.locator('[data-platform="twitch"]').getByRole('button', { name: 'Refresh token' }).click();
    await banner.waitFor({ state: 'detached' });
  });
  it('the notifications view says what broke in words, with where to fix it; the global bot reaches instance admins', async () => {
    const p = await open(
      '/dashboard/notifications',
      baseTable({
        'GET /v1/notifications': {
          body: {
            items: [
              { id: 'ntf_3', kind: 'needs_reauth', integration_id: 'int_global', platform: 'twitch', reason: 'invalid_grant', integration_name: 'BifrostBot', is_global: true, created_at: new Date().toISOString() },
              { id: 'ntf_2', kind: 'recovered', integration_id: 'int_twitch1', platform: 'twitch', reason: null, integration_name: 'YourChannel', is_global: false, created_at: new Date(Date.now() - 60_000).toISOString() },
              { id: 'ntf_1', kind: 'degraded', integration_id: 'int_twitch1', platform: 'twitch', reason: 'platform_unreachable', integration_name: 'YourChannel', is_global: false, created_at: new Date(Date.now() - 120_000).toISOString() },
            ],
          },
        },
      }),
    );
    const rows = p.locator('[data-notification]');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(3);
    const globalBot = p.locator('[data-notification="needs_reauth"]');
    expect(await globalBot.textContent()).toContain('The global Twitch bot BifrostBot lost its access');
    expect(await globalBot.getByRole('link', { name: 'Reconnect the global bot' }).getAttribute('href')).toBe('/dashboard/connections/bot');
    expect(await p.locator('[data-notification="degraded"]').textContent()).toContain('Twitch YourChannel cannot renew its access: the platform cannot be reached');
    expect(await p.locator('[data-notification="recovered"]').textContent()).toContain('Twitch YourChannel works again.');
    expect(await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notifications' }).getAttribute('aria-current')).toBe('page');
    await screenshot(p, 'trust-notifications');
    expect(await seriousViolations(p)).toEqual([]);
  });

  it('the notifications view is calm when nothing happened', async () => {
    const p = await open('/dashboard/notifications', baseTable({ 'GET /v1/notifications': { body: { items: [] } } }));
    await p.getByText('All quiet').waitFor();
  });
  it('Choose permissions lists each scope with its description, keeps required ones, and connects with exactly the chosen ones', async () => {
    let connectBody: unknown;
    const p = await open(
      '/dashboard/connections',
      baseTable({
        'GET /v1/integrations/platform/kick/scopes': {
          body: {
            platform: 'kick',
            channel_scopes: [
              { scope: 'user:read', description: 'Read your profile', required: true },
              { scope: 'chat:write', description: 'Send chat messages as you', required: false },
              { scope: 'https://www.googleapis.com/auth/youtube.force-ssl', description: 'Manage your live chat', required: false },
            ],
            bot_scopes: [],
          },
        },
        'POST /v1/integrations/platform/kick/connect': (route) => {
          connectBody = route.request().postDataJSON();
          return { body: { authorization_url: '/dashboard/connections?connected=kick', state: 's' } };
        },
      }),
    );
    await p.locator('[data-platform="kick"]').getByRole('button', { name: 'Choose permissions…' }).click();
    const dialog = p.getByRole('dialog', { name: 'Permissions to ask Kick for' });
    await dialog.getByText('Send chat messages as you').waitFor();
    expect(await dialog.getByRole('checkbox').count()).toBe(3);
    const required = dialog.getByRole('checkbox').first();
    expect(await required.isChecked()).toBe(true);
    expect(await required.isDisabled()).toBe(true);
    // A long scope is shortened, with the full value on hover.
    const long = dialog.locator('code[title="https://www.googleapis.com/auth/youtube.force-ssl"]');
    expect(await long.textContent()).toBe('…/youtube.force-ssl');
    await screenshot(p, 'trust-scope-picker');
    expect(await seriousViolations(p)).toEqual([]);
    await dialog.getByRole('checkbox').nth(1).uncheck();
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await p.getByText('Successfully connected to Kick!').waitFor();
    expect(connectBody).toEqual({ integration_type: 'channel', scopes: ['user:read', 'https://www.googleapis.com/auth/youtube.force-ssl'] });
  });
  it('looks at 1280×800: the platform cards pair up (none alone on a row), Add Integration fits with its buttons, redirect URIs wrap at separators', async () => {
    const p = await open('/dashboard/connections', baseTable());
    await p.setViewportSize({ width: 1280, height: 800 });
    const cards = p.locator('.card-grid-platforms > section');
    await cards.first().waitFor();
    const tops = await cards.evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
    const perRow = [...new Set(tops)].map((top) => tops.filter((t) => t === top).length);
    expect(perRow.every((n) => n === perRow[0])).toBe(true);

    await p.getByRole('button', { name: 'Add Integration' }).click();
    const dialog = p.getByRole('dialog');
    await dialog.waitFor();
    for (const button of await dialog.locator('.dialog-footer button').all()) {
      const box = (await button.boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(800);
    }
    await screenshot(p, 'looks-add-integration-1280x800');
    await p.keyboard.press('Escape');

    await p.goto('/dashboard/connections/credentials');
    const uri = p.locator('section.credential-card[data-platform="twitch"] code.code-block');
    await uri.waitFor();
    expect(await uri.locator('wbr').count()).toBeGreaterThan(3);
    expect(await uri.textContent()).toBe('http://127.0.0.1:8080/v1/integrations/callback/twitch');
  });

  it('the logo stays visible in dark mode', async () => {
    const p = await open('/dashboard/connections', baseTable());
    await p.emulateMedia({ colorScheme: 'dark' });
    const tile = p.locator('header .logo-bg');
    await tile.waitFor();
    const [fill, page] = await tile.evaluate((el) => [getComputedStyle(el).fill, getComputedStyle(document.querySelector('.topbar')!).backgroundColor]);
    expect(fill).not.toBe(page);
    const stroke = await tile.evaluate((el) => getComputedStyle(el).stroke);
    expect(stroke).not.toBe('none');
    await screenshot(p, 'looks-logo-dark');
    await p.emulateMedia({ colorScheme: 'light' });
  });
});
