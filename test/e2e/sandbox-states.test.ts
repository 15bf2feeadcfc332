/**
 * Issue 19's honest states reached for real, through a `bifrost serve --sandbox` and its fakes' fault
 * knobs (the stubbed-API versions are trust-states.test.ts and connections-states.test.ts):
 * - saving app credentials with another client id over ones that connections use asks first, naming
 *   what will need reconnecting, and Cancel saves nothing; the same client id with a new secret saves
 *   at once and every connection keeps working;
 * - a channel whose grant was revoked at the platform shows one "Needs reconnect" badge, no
 *   "(auto-refresh)", Reconnect and no Refresh token; Reconnect brings it back;
 * - a refresh failing for a passing reason (the platform's token endpoint answering 503) shows
 *   "Refresh failing" with Refresh token, which retries, and works once the platform does;
 * - connecting a Google account without a YouTube channel says so and how to create one; the banner
 *   clears when a later connect succeeds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext, Page } from 'playwright-core';
import { chromiumAvailable } from './support/chromium.ts';
import { seriousViolations } from './support/axe.ts';
import { screenshot } from './support/artifacts.ts';
import { connectChannel, decideOnConsent, ownerApi, setUpOwner, useSandbox } from './support/sandbox.ts';

interface Wire {
  id: string;
  status: string;
  status_reason: string | null;
  bot_identifier: string | null;
}
interface Group {
  platform_slug: string;
  channel: Wire | null;
  bots: Wire[];
}
interface CredentialWire {
  platform: string;
  source: string;
  client_id_hint: string | null;
}

describe.skipIf(!chromiumAvailable())('honest states through the sandbox and its fault knobs', () => {
  const sandbox = useSandbox('states');
  let page: Page;
  let request: APIRequestContext;

  const twitchCard = () => page.locator('section[data-platform="twitch"]');
  const credentialCard = () => page.locator('section.credential-card[data-platform="twitch"]');
  /** A GET as the signed-in owner (reads need no CSRF token; a fresh sign-in would void the one a test holds). */
  const read = async <T>(path: string): Promise<T> => {
    const res = await request.get(path);
    expect(res.status(), `GET ${path}`).toBe(200);
    return (await res.json()) as T;
  };
  const twitch = async () => (await read<Group[]>('/v1/integrations')).find((g) => g.platform_slug === 'twitch')!;
  const twitchCredentials = async () => (await read<{ items: CredentialWire[] }>('/v1/app-credentials')).items.find((c) => c.platform === 'twitch')!;
  const knobs = (data: Record<string, unknown> | null) =>
    data === null ? request.delete('/sandbox/twitch/knobs') : request.post('/sandbox/twitch/knobs', { data });

  beforeAll(async () => {
    page = sandbox.page;
    request = page.request;
  });

  it('connects a Twitch channel and a Twitch bot through the sandbox', async () => {
    await setUpOwner(page, sandbox.server);
    await connectChannel(page, 'twitch');
    await page.goto('/dashboard/connections/bot');
    const card = page.locator('section[data-platform="twitch"]');
    await card.getByLabel('Bot identifier').fill('chatbot');
    await card.getByRole('button', { name: 'Connect Bot' }).click();
    await decideOnConsent(page, 'Authorize', { user: 'last' });
    await card.locator('[data-bot="chatbot"]').waitFor();
    const g = await twitch();
    expect(g.channel).toMatchObject({ status: 'active' });
    expect(g.bots.map((b) => [b.bot_identifier, b.status])).toEqual([['chatbot', 'active']]);
    expect(await twitchCredentials()).toMatchObject({ source: 'sandbox' });
  });

  it('saving another client id asks first, naming the channel and the bot that will need reconnecting; Cancel saves nothing', async () => {
    await page.goto('/dashboard/connections/credentials');
    await credentialCard().getByLabel('Client ID').fill('my-own-twitch-app');
    await credentialCard().getByLabel('Client Secret').fill('my-own-twitch-secret');
    await credentialCard().getByRole('button', { name: 'Save' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save new Twitch credentials?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Twitch channel TwitchDev and 1 Twitch bot will need to be reconnected');
    await screenshot(page, 'sandbox-credentials-confirm');
    expect(await seriousViolations(page)).toEqual([]);

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await credentialCard().getByText('✓ Saved', { exact: false }).count()).toBe(0);
    expect(await twitchCredentials()).toMatchObject({ source: 'sandbox' });
    const g = await twitch();
    expect([g.channel!.status, ...g.bots.map((b) => b.status)]).toEqual(['active', 'active']);
  });

  it('the same client id with a new secret saves at once, and every connection keeps working', async () => {
    await page.goto('/dashboard/connections/credentials');
    await credentialCard().getByLabel('Client ID').fill('sandbox-twitch-client');
    await credentialCard().getByLabel('Client Secret').fill('a-rotated-secret');
    await credentialCard().getByRole('button', { name: 'Save' }).click();
    await credentialCard().getByText('✓ Saved Twitch credentials.', { exact: false }).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await twitchCredentials()).toMatchObject({ source: 'account', client_id_hint: 'ient' });

    // Nothing is marked, and a token still refreshes with the saved credentials. (Only the bot's:
    // after a refresh the next one waits out tokens.min_refresh_interval, and the channel's are next.)
    const g = await twitch();
    expect([g.channel!.status, ...g.bots.map((b) => b.status)]).toEqual(['active', 'active']);
    const refreshed = await (await ownerApi(page)).post(`/v1/integrations/${g.bots[0]!.id}/refresh`);
    expect(refreshed.status()).toBe(200);
    expect(await refreshed.json()).toMatchObject({ status: 'active', last_refreshed_at: expect.any(String) });
    await page.goto('/dashboard/connections');
    await twitchCard().getByText('Channel ID').waitFor();
    expect(await twitchCard().getAttribute('data-card-state')).toBe('connected');
  });

  it('a grant revoked at Twitch: one Needs reconnect badge, no "(auto-refresh)", Reconnect and no Refresh token', async () => {
    const api = await ownerApi(page);
    const channel = (await twitch()).channel!;
    // What a consumer of the account would do: fetch the channel's token with a service key.
    const created = await api.post('/v1/service-keys', { name: 'Overlay' });
    expect(created.status()).toBe(201);
    const headers = { authorization: `Bearer ${((await created.json()) as { key: string }).key}` };
    const token = await request.post(`/internal/integrations/${channel.id}/token`, { headers });
    expect(token.status()).toBe(200);
    const accessToken = ((await token.json()) as { access_token: string }).access_token;

    // The streamer removes the app on twitch.tv: the sandbox's Twitch ends the whole grant.
    const revoked = await request.post('/sandbox/twitch/oauth2/revoke', { form: { client_id: 'sandbox-twitch-client', token: accessToken } });
    expect(revoked.status()).toBe(200);
    // The next refresh is refused by the platform.
    const refreshed = await api.post(`/v1/integrations/${channel.id}/refresh`);
    expect(refreshed.status()).toBeGreaterThanOrEqual(400);
    expect(refreshed.status()).toBeLessThan(500);
    expect((await twitch()).channel).toMatchObject({ status: 'needs_reauth', status_reason: 'invalid_grant' });

    await page.goto('/dashboard/connections');
    const line = twitchCard().locator('.token-expiry-failing');
    await line.waitFor();
    expect(await twitchCard().getAttribute('data-card-state')).toBe('needs_reconnect');
    expect(await twitchCard().locator('.state-badge').allTextContents()).toEqual(['Needs reconnect']);
    expect(await line.textContent()).not.toContain('auto-refresh');
    expect(await twitchCard().getByText('(auto-refresh)', { exact: false }).count()).toBe(0);
    expect(await line.textContent()).toContain('the platform rejected the refresh token');
    expect(await twitchCard().getByRole('button', { name: 'Refresh token' }).count()).toBe(0);
    expect(await twitchCard().locator('.card-actions button').allTextContents()).toEqual(['Reconnect', 'Disconnect']);
    await screenshot(page, 'sandbox-needs-reconnect');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('Reconnect brings the channel back', async () => {
    await twitchCard().getByRole('button', { name: 'Reconnect' }).click();
    await decideOnConsent(page);
    await page.locator('section[data-platform="twitch"][data-card-state="connected"]').waitFor();
    expect(await twitchCard().locator('.state-badge').allTextContents()).toEqual(['✓ Connected']);
    expect((await twitch()).channel).toMatchObject({ status: 'active' });
  });

  it("Twitch's token endpoint answering 503: Refresh failing, with Refresh token that retries and works once Twitch does", async () => {
    const set = await knobs({ forceStatus: 503 });
    expect(set.status()).toBe(200);
    const api = await ownerApi(page);
    const channel = (await twitch()).channel!;
    // Bifrost keeps the tokens and counts the failures; after a few in a row the connection is degraded.
    for (let attempt = 0; attempt < 3; attempt++) {
      const refreshed = await api.post(`/v1/integrations/${channel.id}/refresh`);
      expect(refreshed.status()).toBe(503);
    }
    expect((await twitch()).channel).toMatchObject({ status: 'degraded', status_reason: 'platform_error' });

    await page.goto('/dashboard/connections');
    const line = twitchCard().locator('.token-expiry-failing');
    await line.waitFor();
    expect(await twitchCard().getAttribute('data-card-state')).toBe('degraded');
    expect(await twitchCard().locator('.state-badge').allTextContents()).toEqual(['Refresh failing']);
    expect(await line.textContent()).toContain('the platform answers with errors');
    expect(await line.textContent()).not.toContain('auto-refresh');
    await screenshot(page, 'sandbox-refresh-failing');
    expect(await seriousViolations(page)).toEqual([]);

    // While Twitch still fails, Refresh token asks it again and says it did not work.
    sandbox.user.expectFailure({ status: 503, path: /^\/v1\/integrations\/[^/]+\/refresh$/ });
    await twitchCard().getByRole('button', { name: 'Refresh token' }).click();
    await twitchCard().getByRole('alert').waitFor();
    expect(await twitchCard().getByRole('alert').textContent()).toContain('Refresh failed:');
    expect(await twitchCard().getAttribute('data-card-state')).toBe('degraded');

    // Twitch recovers: Refresh token now renews the token and the card is Connected again.
    expect((await knobs(null)).status()).toBe(200);
    await twitchCard().getByRole('button', { name: 'Refresh token' }).click();
    await line.waitFor({ state: 'detached' });
    expect(await twitchCard().locator('.state-badge').allTextContents()).toEqual(['✓ Connected']);
    expect(await twitchCard().getByRole('button', { name: 'Refresh token' }).count()).toBe(0);
    expect(await twitchCard().getByRole('alert').count()).toBe(0);
    expect((await twitch()).channel).toMatchObject({ status: 'active' });
  });

  it('a Google account without a YouTube channel is told so and how to create one; the banner clears once a connect succeeds', async () => {
    await page.goto('/dashboard/connections');
    const youtube = page.locator('section[data-platform="youtube"]');
    await youtube.getByRole('button', { name: 'Connect', exact: true }).click();
    // The sandbox's Google lists the account without a channel last.
    await decideOnConsent(page, 'Authorize', { user: 'last' });
    expect(new URL(page.url()).searchParams.get('error')).toBe('no_channel');
    const banner = page.getByRole('alert').filter({ hasText: 'The account you signed in with has no YouTube channel.' });
    await banner.waitFor();
    const text = (await banner.textContent()) ?? '';
    expect(text).toContain('Create a channel');
    expect(text).toContain('pick the account that owns your channel');
    expect(text).not.toContain('Client Secret');
    expect(text).not.toContain('redirect URI');
    expect(await youtube.getAttribute('data-card-state')).toBe('configured');
    await screenshot(page, 'sandbox-no-youtube-channel');
    expect(await seriousViolations(page)).toEqual([]);

    await youtube.getByRole('button', { name: 'Connect', exact: true }).click();
    await decideOnConsent(page);
    await youtube.getByText('Channel ID').waitFor();
    expect(await banner.count()).toBe(0);
  });
});
