/**
 * A stubbed Bifrost API inside the page (Playwright routing): fixed answers per method and path, so
 * the UI's rarer states (degraded tokens, every callback error, unavailable platforms, routes this
 * server lacks) can be shown and checked deterministically.
 */
import type { Page, Route } from 'playwright-core';
import { platformList } from '../../../src/integrations/queries.ts';
import { toWire } from '../../../src/http/wire.ts';
import { PLATFORM_DEFINITIONS } from '../../../src/platforms/registry.ts';

export interface StubAnswer {
  status?: number;
  body?: unknown;
}

export type StubTable = Record<string, StubAnswer | ((route: Route) => StubAnswer | Promise<StubAnswer>)>;

export const HOUR = 3600_000;
export const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

/**
 * What GET /v1/platforms answers: the real server's list (names, brand colours, capabilities) in its
 * REST form (snake_case, as the route writes it), so the stub never drifts from the platform
 * definitions. Tests may answer their own instead.
 */
export const PLATFORM_LIST = toWire(
  platformList({ config: { server: { public_url: 'https://bifrost.example.com' }, integrations: Object.fromEntries(PLATFORM_DEFINITIONS.map((d) => [d.slug, { endpoints: d.defaultBaseUrls }])) as never } }),
);

/**
 * Answers `METHOD /path` from the table; anything else is a 404 like a route the server does not have.
 * Every signed-in dashboard loads GET /v1/platforms first, so the table answers it unless it says otherwise.
 */
export async function stubApi(page: Page, table: StubTable, calls: string[] = []): Promise<string[]> {
  const answers: StubTable = { 'GET /v1/platforms': { body: PLATFORM_LIST }, ...table };
  await page.route(/\/v1\//, async (route) => {
    const req = route.request();
    const key = `${req.method()} ${new URL(req.url()).pathname}`;
    calls.push(key);
    const entry = answers[key];
    const answer = typeof entry === 'function' ? await entry(route) : entry;
    if (!answer) {
      await route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ error: { code: 'NOT_FOUND', message: `no route ${key}` } }) });
      return;
    }
    await route.fulfill({
      status: answer.status ?? 200,
      contentType: 'application/json',
      body: answer.body === undefined ? '' : JSON.stringify(answer.body),
    });
  });
  return calls;
}

const OWNER_PERMISSIONS = [
  'connections:read',
  'connections:edit',
  'connections:create',
  'connections:delete',
  'bot-connections:read',
  'bot-connections:create',
  'bot-connections:delete',
  'audit:read',
  'members:read',
  'members:edit',
  'roles:edit',
  'api-keys:read',
  'api-keys:edit',
  'tokens:read',
];

export function me(options: { permissions?: string[]; admin?: boolean } = {}) {
  return {
    user: { id: 'usr_1', username: 'streamer', is_instance_admin: options.admin ?? true },
    accounts: [
      { id: 'acc_1', name: 'My channel', role: 'owner', role_name: 'owner', permissions: options.permissions ?? OWNER_PERMISSIONS },
      { id: 'acc_2', name: 'Second brand', role: 'viewer', role_name: 'viewer', permissions: ['connections:read'] },
    ],
    current_account_id: 'acc_1',
    csrf_token: 'csrf-test-token',
  };
}

export const TWITCH_SCOPES = Array.from({ length: 27 }, (_, i) => (i === 0 ? 'channel:read:subscriptions' : i === 1 ? 'chat:read' : i === 2 ? 'chat:edit' : `scope:${i}`));

export function integration(overrides: Record<string, unknown> = {}) {
  return {
    id: 'int_twitch1',
    platform: 'twitch',
    platform_id: 1,
    integration_type: 'channel',
    bot_identifier: null,
    is_global: false,
    platform_user_id: '141981764',
    platform_username: 'yourchannel',
    display_name: 'YourChannel',
    scopes: TWITCH_SCOPES,
    token_expires_at: iso(3 * HOUR),
    status: 'active',
    status_reason: null,
    has_verified_bot_badge: false,
    is_verified_bot: false,
    is_active: true,
    is_default_bot: false,
    connected_at: iso(-48 * HOUR),
    updated_at: iso(-1 * HOUR),
    last_refreshed_at: iso(-1 * HOUR),
    ...overrides,
  };
}

export const PLATFORMS = [
  { slug: 'twitch', platform_id: 1, name: 'Twitch', is_configured: true, enabled: true, state: 'connected', credentials_source: 'account', sandbox: true },
  { slug: 'youtube', platform_id: 2, name: 'YouTube', is_configured: false, enabled: true, state: 'not_configured', credentials_source: 'none', sandbox: true },
  { slug: 'kick', platform_id: 3, name: 'Kick', is_configured: true, enabled: true, state: 'configured', credentials_source: 'account', sandbox: true },
  { slug: 'trovo', platform_id: 4, name: 'Trovo', is_configured: true, enabled: false, state: 'unavailable', credentials_source: 'account', sandbox: true },
];

export function groups(channel: Record<string, unknown> | null) {
  return PLATFORMS.map((p) => ({
    platform_id: p.platform_id,
    platform_slug: p.slug,
    platform_name: p.name,
    channel: p.slug === 'twitch' ? channel : null,
    bots: [],
    global_bot: null,
  }));
}
