// @vitest-environment happy-dom
/**
 * The card state machine as the member sees it: each state renders as one card with one badge and
 * only the buttons that can help there, and a member without connections:edit sees none of them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import type { AccountPlatform, Integration } from '../api/types.ts';
import { renderAs } from '../testing/render.tsx';
import { PlatformCard } from './platform-card.tsx';

afterEach(cleanup);

const EDITOR = { permissions: ['connections:read', 'connections:edit'] };
const VIEWER = { permissions: ['connections:read'] };

function platform(state: AccountPlatform['state']): AccountPlatform {
  return {
    slug: 'streamhub',
    platform_id: 1,
    name: 'StreamHub',
    is_configured: state !== 'not_configured' && state !== 'unavailable',
    enabled: state !== 'unavailable',
    state,
    credentials_source: 'account',
    sandbox: false,
  };
}

function channel(status: Integration['status'], status_reason: string | null = null): Integration {
  const now = new Date('2026-01-01T12:00:00Z').toISOString();
  return {
    id: 'int_1',
    platform: 'streamhub',
    platform_id: 1,
    integration_type: 'channel',
    bot_identifier: null,
    is_global: false,
    platform_user_id: '141981764',
    platform_username: 'twitchdev',
    display_name: 'HubDev',
    scopes: ['chat:read'],
    token_expires_at: now,
    status,
    status_reason,
    has_verified_bot_badge: false,
    is_verified_bot: false,
    is_active: true,
    is_default_bot: false,
    connected_at: now,
    updated_at: now,
    last_refreshed_at: null,
    next_refresh_at: null,
    last_refresh_attempt_at: null,
    last_refresh_result: null,
    last_refresh_error: null,
    consecutive_failures: 0,
    last_validated_at: null,
    last_validation_result: null,
  };
}

function card(member: { permissions: string[] }, state: AccountPlatform['state'], integration: Integration | null = null) {
  renderAs(member, <PlatformCard platform={platform(state)} channel={integration} onDisconnected={() => undefined} onChanged={() => undefined} />);
  const region = screen.getByRole('region', { name: 'StreamHub' });
  const badges = Array.from(region.querySelectorAll('.badge')).map((b) => b.textContent?.replace('✓', '').trim());
  const buttons = within(region)
    .queryAllByRole('button')
    .map((b) => b.textContent?.trim());
  const links = within(region)
    .queryAllByRole('link')
    .map((l) => l.textContent?.trim());
  return { region, badges, actions: [...links, ...buttons] };
}

describe('a connection card', () => {
  it('Unavailable: its badge and no action at all', () => {
    const { badges, actions } = card(EDITOR, 'unavailable');
    expect(badges).toEqual(['Unavailable']);
    expect(actions).toEqual([]);
  });

  it('Not connected: Set Up, nothing else', () => {
    const { badges, actions } = card(EDITOR, 'not_configured');
    expect(badges).toEqual(['Not connected']);
    expect(actions).toEqual(['Set Up']);
  });

  it('Credentials configured carries its own badge (not "Not connected") and offers Connect', () => {
    const { badges, actions } = card(EDITOR, 'configured');
    expect(badges).toEqual(['Credentials configured']);
    expect(actions).toEqual(['Connect', 'Choose permissions…']);
  });

  it('Connected: Reconnect and Disconnect; no Refresh token, and the expiry renews itself', () => {
    const { region, badges, actions } = card(EDITOR, 'connected', channel('active'));
    expect(badges).toEqual(['Connected']);
    expect(actions).toEqual(['Reconnect', 'Disconnect']);
    expect(region.textContent).toContain('(auto-refresh)');
  });

  it('Needs reconnect: never beside "Connected", no Refresh token (it cannot bring a lost grant back), no "(auto-refresh)"', () => {
    const { region, badges, actions } = card(EDITOR, 'connected', channel('needs_reauth', 'invalid_grant'));
    expect(badges).toEqual(['Needs reconnect']);
    expect(actions).toEqual(['Reconnect', 'Disconnect']);
    expect(region.textContent).not.toContain('(auto-refresh)');
    expect(region.textContent).toContain('Click Reconnect to sign in again.');
  });

  it('Refresh failing: a manual refresh may help, so Refresh token joins Reconnect and Disconnect', () => {
    const { badges, actions } = card(EDITOR, 'connected', channel('degraded', 'platform_unreachable'));
    expect(badges).toEqual(['Refresh failing']);
    expect(actions).toEqual(['Reconnect', 'Disconnect', 'Refresh token']);
  });

  it('shows a member without connections:edit the state but no button, in every state', () => {
    const cases: [AccountPlatform['state'], Integration | null, string][] = [
      ['not_configured', null, 'Not connected'],
      ['configured', null, 'Credentials configured'],
      ['connected', channel('active'), 'Connected'],
      ['connected', channel('needs_reauth'), 'Needs reconnect'],
      ['connected', channel('degraded'), 'Refresh failing'],
    ];
    for (const [state, integration, badge] of cases) {
      const { badges, actions } = card(VIEWER, state, integration);
      expect(badges).toEqual([badge]);
      expect(actions).toEqual([]);
      cleanup();
    }
  });
});
