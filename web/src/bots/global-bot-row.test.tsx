// @vitest-environment happy-dom
/**
 * The global bot's row through the card state machine: healthy it says whether it is in use; a lost
 * grant shows "Needs reconnect" (never "In use" or "No setup required"), tells an instance admin to
 * reconnect it and anyone else to ask one, and only an instance admin gets its buttons.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import type { Integration } from '../api/types.ts';
import { renderAs } from '../testing/render.tsx';
import { GlobalBotRow } from './global-bot-row.tsx';

afterEach(cleanup);

function bot(status: Integration['status']): Integration {
  const at = '2026-01-01T00:00:00Z';
  return {
    id: 'int_global', platform: 'streamhub', platform_id: 1, integration_type: 'bot', bot_identifier: 'global', is_global: true,
    platform_user_id: '1', platform_username: 'bifrostbot', display_name: 'BifrostBot', scopes: [], token_expires_at: at,
    status, status_reason: status === 'needs_reauth' ? 'invalid_grant' : null, has_verified_bot_badge: false, is_verified_bot: false,
    is_active: true, is_default_bot: false, connected_at: at, updated_at: at, last_refreshed_at: null, next_refresh_at: null,
    last_refresh_attempt_at: null, last_refresh_result: null, last_refresh_error: null, consecutive_failures: 0,
    last_validated_at: null, last_validation_result: null,
  };
}

const row = (status: Integration['status'], isInstanceAdmin: boolean, overridden = false) =>
  renderAs(
    { permissions: ['connections:read', 'connections:edit'], isInstanceAdmin },
    <ul>
      <GlobalBotRow slug="streamhub" platformName="StreamHub" globalBot={bot(status)} overridden={overridden} onChanged={() => undefined} />
    </ul>,
  ).container;

const buttons = () => screen.queryAllByRole('button').map((b) => b.textContent?.trim());

describe('GlobalBotRow', () => {
  it('healthy: In use (or Not in use beside a default bot of its own), no problem line', () => {
    expect(row('active', false).textContent).toContain('In use');
    expect(screen.queryByText(/lost its access/)).toBeNull();
    cleanup();
    expect(row('active', false, true).textContent).toContain('Not in use');
  });

  it('a lost grant: Needs reconnect, and the instance admin is told to reconnect it with its button', () => {
    const text = row('needs_reauth', true).textContent ?? '';
    expect(text).toContain('Needs reconnect');
    expect(text).not.toContain('In use');
    expect(text).not.toContain('No setup required');
    expect(text).toContain('Reconnect it with "Reconnect global bot".');
    expect(buttons()).toEqual(['Reconnect global bot', 'Disconnect global bot']);
  });

  it('a lost grant seen by a member who is not an instance admin: ask one, and no buttons', () => {
    const text = row('needs_reauth', false).textContent ?? '';
    expect(text).toContain('Needs reconnect');
    expect(text).toContain('Ask an instance admin to reconnect it');
    expect(buttons()).toEqual([]);
  });

  it('a refresh failing for a passing reason says so without claiming it is in use', () => {
    const text = row('degraded', false).textContent ?? '';
    expect(text).toContain('Refresh failing');
    expect(text).not.toContain('In use');
  });
});
