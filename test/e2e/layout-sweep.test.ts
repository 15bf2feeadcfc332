/**
 * Every signed-in page of a real `bifrost serve --sandbox` (with a connected channel) at phone and
 * desktop sizes, light and dark: no page scrolls sideways, no console error, no serious axe
 * violation, a screenshot of each into test-artifacts/. On a phone the account picker and Sign out
 * live in the menu, not in the top bar.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable } from './support/chromium.ts';
import { connectChannel, OWNER as DEFAULT_OWNER, setUpOwner, useSandbox } from './support/sandbox.ts';
import { seriousViolations } from './support/axe.ts';
import { screenshot } from './support/artifacts.ts';

// A long account name: the top bar must not grow with it.
const OWNER = { ...DEFAULT_OWNER, account: 'My channel with a rather long name' };

/** Every page of the sidebar (web/src/routes.ts), by path and heading. */
const PAGES = [
  ['connections', 'Connections'],
  ['connections/bot', 'Bot Connections'],
  ['connections/credentials', 'App Credentials'],
  ['members', 'Members & Roles'],
  ['api-keys', 'API Keys'],
  ['service-keys', 'Service Keys'],
  ['webhooks', 'Webhooks'],
  ['integrations', 'Integrations'],
  ['notifications', 'Notifications'],
  ['audit-log', 'Audit Log'],
  ['admin/platforms', 'Platforms'],
  ['settings', 'Settings'],
] as const;

const SIZES = [
  { width: 360, height: 740 },
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
] as const;

async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; widest: string[] }> {
  return page.evaluate(() => {
    const innerWidth = window.innerWidth;
    // The elements sticking out, to say what to fix when this fails.
    const widest = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > innerWidth + 0.5)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${Math.round(el.getBoundingClientRect().right)}`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, widest };
  });
}

describe.skipIf(!chromiumAvailable())('every page at 360, 390 and 1280 px, light and dark', () => {
  const sandbox = useSandbox('sweep');
  let page: Page;

  beforeAll(async () => {
    page = sandbox.page;
  });

  it('sets up, and connects the Twitch channel through the sandbox consent page', async () => {
    await setUpOwner(page, sandbox.server, OWNER);
    await connectChannel(page, 'twitch');
  });

  for (const size of SIZES) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`${size.width}×${size.height} ${scheme}: no sideways scroll, no serious axe violation, a screenshot per page`, async () => {
        await page.setViewportSize(size);
        await page.emulateMedia({ colorScheme: scheme });
        // Every page is checked before failing, so one run names everything to fix.
        const problems: string[] = [];
        for (const [path, heading] of PAGES) {
          await page.goto(`/dashboard/${path}`);
          await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
          // Lists load after the heading: wait until nothing says it is loading.
          await page.locator('.state-loading').first().waitFor({ state: 'detached' });
          const overflow = await horizontalOverflow(page);
          if (overflow.scrollWidth > overflow.innerWidth) problems.push(`${path}: ${overflow.scrollWidth} > ${overflow.innerWidth} (${overflow.widest.join('; ')})`);
          for (const v of await seriousViolations(page)) problems.push(`${path}: axe ${v.id} ${v.nodes.join(' ')}`);
          await screenshot(page, `sweep-${size.width}-${scheme}-${path.replace(/\//g, '-')}`);
        }
        expect(problems).toEqual([]);
      });
    }
  }

  it('on a phone the top bar holds only the menu button and the logo; the account picker and Sign out are in the menu', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/dashboard/connections');
    await page.getByRole('heading', { level: 1, name: 'Connections' }).waitFor();
    const topbar = page.locator('header.topbar');
    expect(await topbar.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    expect(await topbar.getByRole('combobox').count()).toBe(0);
    await page.getByRole('button', { name: 'Open menu' }).click();
    const menu = page.getByRole('navigation', { name: 'Main' });
    await menu.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await menu.getByRole('combobox', { name: 'Account' }).isVisible()).toBe(true);
    expect(await menu.getByText(OWNER.username, { exact: true }).isVisible()).toBe(true);
    const overflow = await horizontalOverflow(page);
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.innerWidth);
    await screenshot(page, 'sweep-360-menu-open');
    expect(await seriousViolations(page)).toEqual([]);

    // Wide again: the same controls are back in the top bar.
    await page.setViewportSize({ width: 1280, height: 800 });
    await topbar.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await topbar.getByRole('combobox', { name: 'Account' }).isVisible()).toBe(true);
  });
});
