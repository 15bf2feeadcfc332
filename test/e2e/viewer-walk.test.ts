/**
 * A member who may read everything and change nothing walks every page of a real
 * `bifrost serve --sandbox` that has a channel, a tool, keys and a webhook: no page shows a button
 * that would change something (each would answer 403), only ones that show, copy, filter or navigate.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext, Page } from 'playwright-core';
import { launchUser, type BrowserUser } from './support/browser.ts';
import { chromiumAvailable } from './support/chromium.ts';
import { startBifrost, type BifrostServer } from './support/server.ts';
import { screenshot } from './support/artifacts.ts';
import { ALL_PERMISSIONS } from '../../web/src/lib/permissions.ts';

const OWNER = { username: 'streamer', password: 'correct horse battery staple', account: 'My channel' };
const READER = { username: 'reader', password: 'another long passphrase' };

/** Every page a member with every read permission opens from the sidebar, by path and heading. */
const PAGES = [
  ['connections', 'Connections'],
  ['connections/bot', 'Bot Connections'],
  ['members', 'Members & Roles'],
  ['api-keys', 'API Keys'],
  ['service-keys', 'Service Keys'],
  ['webhooks', 'Webhooks'],
  ['integrations', 'Integrations'],
  ['notifications', 'Notifications'],
  ['audit-log', 'Audit Log'],
  ['settings', 'Settings'],
] as const;

/** Buttons that change nothing on the server: the menu, scope lists, copying, filtering, paging, one's own settings. */
const HARMLESS = [/^(Open|Close) menu$/, /^Sign out$/, /^\+\d+ more/, /^Copy\b/, /^(Apply|Clear|Filter|Reset)\b/i, /^[←→\s]*(Newer|Older|Next|Previous|Load more)\b/i, /^Show\b/i];
/** The Settings page is the member's own: their password, and new accounts of their own (any user may create one). */
const OWN_SETTINGS = [/^Change password$/, /^Create account$/];

async function ownerApi(request: APIRequestContext): Promise<(method: 'POST', path: string, data: unknown) => Promise<Record<string, unknown>>> {
  const login = await request.post('/v1/auth/login', { data: { username: OWNER.username, password: OWNER.password } });
  const csrf = ((await login.json()) as { csrf_token: string }).csrf_token;
  return async (method, path, data) => {
    const res = await request.fetch(path, { method, data, headers: { 'x-csrf-token': csrf } });
    if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
}

describe.skipIf(!chromiumAvailable())('a read-only member sees no button that would change something', () => {
  let server: BifrostServer;
  let owner: BrowserUser;
  let reader: BrowserUser;
  let page: Page;

  beforeAll(async () => {
    server = await startBifrost({ sandbox: true });
    owner = await launchUser({ baseURL: server.url });
    reader = await launchUser({ baseURL: server.url });
    page = owner.page;
  });

  afterAll(async () => {
    await reader?.close();
    await owner?.close();
    await server?.stop();
  });

  afterEach(async () => {
    expect(owner.takeProblems()).toEqual([]);
    expect(reader.takeProblems()).toEqual([]);
  });

  it('the owner sets up a channel, a tool, an API key, a service key and a webhook, and invites a read-only member', async () => {
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

    const call = await ownerApi(page.request);
    await call('POST', '/v1/tools', { kind: 'obs', label: 'Studio PC', host: '127.0.0.1', port: 4455 });
    await call('POST', '/v1/api-keys', { name: 'overlay', permissions: ['connections:read'] });
    await call('POST', '/v1/service-keys', { name: 'chat bot' });
    await call('POST', '/v1/webhooks', { url: 'https://hooks.example.com/bifrost', events: ['token.needs_reauth'] });
    const role = await call('POST', '/v1/roles', { name: 'Read only', permissions: ALL_PERMISSIONS.filter((p) => p.endsWith(':read')) });
    const invite = await call('POST', '/v1/invites', { role: role.id });

    reader.expectFailure({ status: 401, path: /^\/v1\/me$/ });
    const r = reader.page;
    await r.goto(String(invite.invite_url).replace(/^https?:\/\/[^/]+/, ''));
    await r.getByRole('heading', { name: 'Join an account' }).waitFor();
    // The invite page says which account and role the link offers.
    expect(await r.locator('[data-invite-offer]').textContent()).toBe(`You are invited to join ${OWNER.account} as Read only.`);
    await screenshot(r, 'viewer-walk-invite');
    await r.getByLabel('Username').fill(READER.username);
    await r.getByLabel('Password').fill(READER.password);
    await r.getByRole('button', { name: 'Create user and join' }).click();
    await r.getByRole('heading', { level: 1, name: 'Connections' }).waitFor();
  });

  it('walks every page: each visible button only shows, copies, filters or navigates', async () => {
    const r = reader.page;
    const offending: string[] = [];
    for (const [path, heading] of PAGES) {
      await r.goto(`/dashboard/${path}`);
      await r.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
      await r.locator('.state-loading').first().waitFor({ state: 'detached' });
      const names = await r.getByRole('button').evaluateAll((els) =>
        els.filter((el) => (el as HTMLElement).offsetParent !== null).map((el) => (el.getAttribute('aria-label') ?? el.textContent ?? '').trim()),
      );
      const switches = await r.getByRole('switch').count();
      if (switches > 0) offending.push(`${path}: ${switches} switch(es)`);
      const allowed = path === 'settings' ? [...HARMLESS, ...OWN_SETTINGS] : HARMLESS;
      for (const name of names) if (!allowed.some((re) => re.test(name))) offending.push(`${path}: "${name}"`);
      await screenshot(r, `viewer-walk-${path.replace(/\//g, '-')}`);
    }
    // The pages were really full of things to act on (the owner sees these buttons).
    await page.goto('/dashboard/integrations');
    await page.getByRole('button', { name: 'Test Connection' }).waitFor();
    expect(offending).toEqual([]);
  });

  it('opening a page the member may not open says so instead of showing its forms', async () => {
    const r = reader.page;
    await r.goto('/dashboard/connections/credentials');
    await r.getByRole('heading', { name: 'You cannot open this page' }).waitFor();
    expect(await r.getByRole('button', { name: 'Save' }).count()).toBe(0);
  });
});
