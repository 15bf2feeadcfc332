/**
 * A sandbox restarted mid-test behaves like a real setup: the channel connected before the restart
 * still refreshes after it (the fakes keep their grants in the data dir), and the card stays Connected.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './support/chromium.ts';
import { screenshot } from './support/artifacts.ts';
import { connectChannel, ownerApi, setUpOwner, startSandbox, type Sandbox } from './support/sandbox.ts';

describe.skipIf(!chromiumAvailable())('sandbox restarted mid-test', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox('restart');
  });

  afterAll(async () => {
    await sandbox?.close();
  });

  afterEach(async (context) => {
    await sandbox.check(context);
  });

  it('keeps the channel connected before the restart valid through its next refresh', async () => {
    const { page, server } = sandbox;
    await setUpOwner(page, server);
    await connectChannel(page, 'twitch');

    // The dashboard polls while it is open; a request refused while the server is down is the restart, not a bug.
    await page.goto('about:blank');
    await server.restart();

    // The next refresh goes to the restarted fake with the refresh token it issued before.
    const api = await ownerApi(page);
    const groups = await api.get<{ platform_slug: string; channel: { id: string } | null }[]>('/v1/integrations');
    const channel = groups.find((g) => g.platform_slug === 'twitch')!.channel!;
    const refreshed = await api.post(`/v1/integrations/${channel.id}/refresh`);
    expect(refreshed.status()).toBe(200);
    expect(await refreshed.json()).toMatchObject({ status: 'active', last_refreshed_at: expect.any(String) });

    await page.goto('/dashboard/connections');
    const twitch = page.locator('section[data-platform="twitch"]');
    await twitch.getByText('Channel ID').waitFor();
    expect(await twitch.getAttribute('data-card-state')).toBe('connected');
    await screenshot(page, 'sandbox-restart-still-connected');
  });
});
