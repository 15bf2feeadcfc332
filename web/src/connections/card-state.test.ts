/** The card state machine: one state per combination, one badge, only actions that can help. */
import { describe, expect, it } from 'vitest';
import { cardState, type PlatformState, type TokenStatus } from './card-state.ts';

const PLATFORM_STATES: (PlatformState | null)[] = ['unavailable', 'not_configured', 'configured', 'connected', null];
const TOKEN_STATUSES: (TokenStatus | null)[] = ['active', 'degraded', 'needs_reauth', null];

describe('cardState', () => {
  it('maps every platform state and token status to the expected card state', () => {
    const table = PLATFORM_STATES.flatMap((p) => TOKEN_STATUSES.map((t) => `${p ?? '-'}/${t ?? '-'} → ${cardState(p, t).state}`));
    expect(table).toEqual([
      'unavailable/active → unavailable',
      'unavailable/degraded → unavailable',
      'unavailable/needs_reauth → unavailable',
      'unavailable/- → unavailable',
      'not_configured/active → connected',
      'not_configured/degraded → degraded',
      'not_configured/needs_reauth → needs_reconnect',
      'not_configured/- → not_configured',
      'configured/active → connected',
      'configured/degraded → degraded',
      'configured/needs_reauth → needs_reconnect',
      'configured/- → configured',
      'connected/active → connected',
      'connected/degraded → degraded',
      'connected/needs_reauth → needs_reconnect',
      'connected/- → configured',
      '-/active → connected',
      '-/degraded → degraded',
      '-/needs_reauth → needs_reconnect',
      '-/- → not_configured',
    ]);
  });

  it('gives each state its own badge: "Credentials configured" is not "Not connected", and Connected never sits beside Needs reconnect', () => {
    expect(cardState('configured', null).badge.label).toBe('Credentials configured');
    expect(cardState('not_configured', null).badge.label).toBe('Not connected');
    expect(cardState('connected', 'needs_reauth').badge).toEqual({ label: 'Needs reconnect', tone: 'danger' });
    expect(cardState('connected', 'degraded').badge).toEqual({ label: 'Refresh failing', tone: 'warning' });
    expect(cardState('connected', 'active').badge).toEqual({ label: 'Connected', tone: 'success', mark: '✓' });
    expect(cardState('unavailable', null).badge.label).toBe('Unavailable');
  });

  it('offers only the actions that can help, and says auto-refresh only while the token renews itself', () => {
    expect(cardState('unavailable', 'active').actions).toEqual([]);
    expect(cardState('not_configured', null).actions).toEqual(['set_up']);
    expect(cardState('configured', null).actions).toEqual(['connect']);
    expect(cardState('connected', 'active').actions).toEqual(['reconnect', 'disconnect']);
    // A refresh cannot bring back a lost grant.
    expect(cardState('connected', 'needs_reauth').actions).not.toContain('refresh');
    expect(cardState('connected', 'degraded').actions).toEqual(['refresh', 'reconnect', 'disconnect']);
    expect(cardState('connected', 'active').autoRefresh).toBe(true);
    expect(cardState('connected', 'needs_reauth').autoRefresh).toBe(false);
    expect(cardState('connected', 'degraded').autoRefresh).toBe(false);
  });
});
