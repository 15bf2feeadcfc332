/**
 * The dashboard's one pattern for API calls (useAction behind every row button) seen from the page,
 * with the API stubbed: one call of a row in flight at a time, the others standing still meanwhile,
 * the failure in the server's words under the row, and a later success clearing that old error.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable } from './support/chromium.ts';
import { stubbedDashboard, type StubbedDashboard } from './support/stubbed.ts';
import { groups, integration, me, PLATFORMS, stubApi } from './support/api-stub.ts';

describe.skipIf(!chromiumAvailable())('row actions (stubbed API)', () => {
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

  it('runs one call of a row at a time, shows its failure under the row, and clears it after a later success', async () => {
    const bot = integration({ id: 'int_bot1', integration_type: 'bot', bot_identifier: 'mybot', platform_username: 'yourbot', display_name: 'YourBot' });
    const grouped = groups(integration()).map((g) => (g.platform_slug === 'twitch' ? { ...g, bots: [bot] } : g));
    // The test decides when "Make default" answers, so the in-flight state can be looked at without a clock.
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const calls: string[] = [];
    user.expectFailure({ status: 500, path: /^\/v1\/integrations\/int_bot1\/default-bot$/ });

    page = await dash.newPage();
    await stubApi(
      page,
      {
        'GET /v1/me': { body: me() },
        'GET /v1/integrations/platforms': { body: PLATFORMS },
        'GET /v1/integrations': { body: grouped },
        'POST /v1/integrations/int_bot1/default-bot': async () => {
          await answered;
          return { status: 500, body: { error: { code: 'INTERNAL', message: 'Bifrost could not change the default bot.' } } };
        },
        'PATCH /v1/integrations/int_bot1/twitch-status': { body: { ...bot, is_verified_bot: true } },
      },
      calls,
    );
    await page.goto('/dashboard/connections/bot');
    const row = page.locator('[data-bot="mybot"]');
    const makeDefault = row.getByRole('button', { name: 'Make default' });
    await makeDefault.waitFor();

    // Two clicks before React renders again: only one request leaves.
    await makeDefault.evaluate((button: HTMLButtonElement) => {
      button.click();
      button.click();
    });
    await row.locator('button[aria-busy="true"]', { hasText: 'Make default' }).waitFor();
    expect(await row.getByRole('button', { name: 'Reconnect' }).isDisabled()).toBe(true);
    expect(calls.filter((c) => c === 'POST /v1/integrations/int_bot1/default-bot')).toHaveLength(1);

    answer();
    const alert = row.getByRole('alert');
    await alert.getByText('Bifrost could not change the default bot.').waitFor();
    expect(await row.getByRole('button', { name: 'Reconnect' }).isDisabled()).toBe(false);
    expect(calls.filter((c) => c === 'POST /v1/integrations/int_bot1/default-bot')).toHaveLength(1);

    // Another call of the same row succeeds (and the page reloads after it): the old error is gone.
    const patched = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith('/int_bot1/twitch-status'));
    const reloaded = page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/v1/integrations');
    await row.getByRole('switch', { name: 'Verified bot', exact: true }).click();
    expect((await patched).status()).toBe(200);
    await reloaded;
    await row.getByRole('switch', { name: 'Verified bot', exact: true, disabled: false }).waitFor();
    expect(await row.getByRole('alert').count()).toBe(0);
  });
});
