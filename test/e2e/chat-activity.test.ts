/**
 * The acting and listening halves in real Chromium against a real `bifrost serve --sandbox`: a message
 * sent from the Chat page (and a bot's test message from Bot Connections) arrives at the platform's
 * fake and shows in "What the platform received"; a timeout and an unban from the moderation form reach it too;
 * a follow and a StreamElements tip emitted from the Activity page's Simulate panel appear in the live
 * feed; neither page scrolls sideways at 390 px. No console error and no serious axe violation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable } from './support/chromium.ts';
import { connectChannel, setUpOwner, useSandbox } from './support/sandbox.ts';
import { seriousViolations } from './support/axe.ts';
import { screenshot } from './support/artifacts.ts';
import { fakeJwt } from '../../src/tools/fakes/jwt.ts';

/** The platform whose channel is connected (any platform with chat and a follow event would do). */
const PLATFORM = { slug: 'twitch', name: 'Twitch' };

describe.skipIf(!chromiumAvailable())('Chat and Activity against bifrost serve --sandbox', () => {
  const sandbox = useSandbox('chat');
  let page: Page;

  beforeAll(async () => {
    page = sandbox.page;
  });

  it('sets up, connects the channel and adds a StreamElements token', async () => {
    await setUpOwner(page, sandbox.server);

    await page.goto('/dashboard/connections/credentials');
    const credentials = page.locator(`section.credential-card[data-platform="${PLATFORM.slug}"]`);
    await credentials.getByLabel('Client ID').fill(`${PLATFORM.slug}-test-client`);
    await credentials.getByLabel('Client Secret').fill(`${PLATFORM.slug}-test-secret`);
    await credentials.getByRole('button', { name: 'Save' }).click();
    await credentials.getByText(`Saved ${PLATFORM.name} credentials.`).waitFor();

    await page.goto('/dashboard/connections');
    const card = page.locator(`section[data-platform="${PLATFORM.slug}"]`);
    await connectChannel(page, PLATFORM.slug);
    await page.getByText(`Successfully connected to ${PLATFORM.name}!`).waitFor();

    await page.getByRole('button', { name: 'Add Token' }).click();
    const se = page.getByRole('dialog', { name: 'Add StreamElements Token' });
    await se.getByLabel('Platform').selectOption(PLATFORM.slug);
    await se.getByLabel('JWT Token').fill(fakeJwt({ channel: 'abc123', role: 'owner' }));
    await se.getByLabel('Label').fill('Tips');
    await se.getByRole('button', { name: 'Save' }).click();
    await page.locator('[data-se-token]').filter({ hasText: 'Tips' }).waitFor();
    // Each live connection shows on its card or row; events emitted before it is connected reach nobody, so wait for both.
    const tokenRow = page.locator('[data-se-token]').filter({ hasText: 'Tips' });
    await expect
      .poll(
        async () => {
          await page.reload();
          await card.getByText('Channel ID').waitFor();
          const state = (where: typeof card) => where.locator('[data-event-state]').getAttribute('data-event-state', { timeout: 1_000 }).catch(() => null);
          return [await state(card), await state(tokenRow)];
        },
        { timeout: 30_000, interval: 500 },
      )
      .toEqual(['connected', 'connected']);
    expect(await card.getByText('Receiving chat and events').isVisible()).toBe(true);
  });

  it('sends a message from the Chat page and sees it in what the platform received', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat' }).click();
    await page.getByRole('heading', { level: 1, name: 'Chat' }).waitFor();
    const form = page.getByRole('form', { name: 'Send a chat message' });
    expect(await form.getByLabel('Platform').inputValue()).toBe(PLATFORM.slug);
    await form.getByLabel('Sender').selectOption('channel');
    await form.getByLabel('Message').fill('Hello from the browser test');
    await form.getByRole('button', { name: 'Send' }).click();
    await form.getByRole('status').getByText(`Sent to ${PLATFORM.name}.`).waitFor();
    await page.getByRole('list', { name: 'What the platform received' }).getByText('Hello from the browser test').waitFor();
    await page.getByRole('list', { name: 'Sent from Bifrost' }).getByText('Hello from the browser test').waitFor();
    await screenshot(page, 'chat-sent');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('times a user out and unbans them from the moderation form', async () => {
    const form = page.getByRole('form', { name: `Moderate on ${PLATFORM.name}` });
    await form.getByLabel('User ID').fill('555000111');
    await form.getByLabel('Timeout seconds').fill('60');
    await form.getByLabel('Reason').fill('spam');
    await form.getByLabel('Act as').selectOption('channel');
    await form.getByRole('button', { name: 'Time out' }).click();
    await form.getByRole('status').getByText(`Timed out 555000111 on ${PLATFORM.name}.`).waitFor();
    await page.getByRole('list', { name: 'What the platform received' }).getByText('timeout 555000111 for 60 s: spam').waitFor();
    await page.getByRole('list', { name: 'Sent from Bifrost' }).getByText('timed out 555000111 for 60 s').waitFor();

    await form.getByRole('button', { name: 'Unban' }).click();
    await form.getByRole('status').getByText(`Unbanned 555000111 on ${PLATFORM.name}.`).waitFor();
    await page.getByRole('list', { name: 'Sent from Bifrost' }).getByText('unbanned 555000111').waitFor();
    await screenshot(page, 'chat-moderated');
  });

  it('connects a bot and sends its test message from Bot Connections into the channel', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Bot Connections' }).click();
    const botCard = page.locator(`section.bot-card[data-platform="${PLATFORM.slug}"]`);
    await botCard.getByLabel('Bot identifier').fill('mybot');
    await botCard.getByRole('button', { name: 'Connect Bot' }).click();
    await page.waitForURL(/\/sandbox\//);
    await page.locator('input[name="user"]').last().check();
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.waitForURL(/\/dashboard\/connections\/bot/);
    const row = botCard.locator('[data-bot="mybot"]');
    await row.getByRole('button', { name: 'Send test message' }).click();
    await row.getByRole('status').getByText(`Sent "Test message from Bifrost 👋" to your ${PLATFORM.name} channel.`).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat' }).click();
    await page.getByRole('list', { name: 'What the platform received' }).getByText('Test message from Bifrost 👋').waitFor();
  });

  it('emits a follow and a tip from Simulate and sees both in the live feed', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
    await page.getByRole('heading', { level: 1, name: 'Activity' }).waitFor();
    await page.locator('[data-status="live"]').waitFor();
    await page.getByRole('list', { name: 'Sources' }).locator('[data-connection="streamelements"][data-state="connected"]').waitFor();
    const feed = page.getByRole('list', { name: 'Live events' });

    await page.locator(`[data-simulate="${PLATFORM.slug}"]`).getByRole('button', { name: 'Follow' }).click();
    await feed.locator('[data-type="follow"]').getByText('followed').waitFor();

    await page.locator('[data-simulate="streamelements"]').getByRole('button', { name: 'Tip' }).click();
    await feed.locator('[data-type="tip"]').getByText('tipped $5.00: Keep it up!').waitFor();
    await screenshot(page, 'activity-live');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('has no horizontal scroll on Chat and Activity at 390 px', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, loaded] of [
      ['/dashboard/chat', 'What the platform received'],
      ['/dashboard/activity', 'Simulate'],
    ] as const) {
      await page.goto(path);
      await page.getByRole('heading', { level: 2, name: loaded }).waitFor();
      await page.locator('.state-loading').first().waitFor({ state: 'detached' });
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), path).toBe(0);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
