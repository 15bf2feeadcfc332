/**
 * The one state machine of a connection card (a platform's channel card, a bot row, the global bot):
 * from the platform's state and the integration's token status to exactly one state, its badge and
 * the actions that can help in it. Cards render this; they do not combine badges of their own.
 */
import type { BadgeTone } from '../components/badge.tsx';

export type CardState = 'unavailable' | 'not_configured' | 'configured' | 'connected' | 'needs_reconnect' | 'degraded';

/** What a member can do on a card; the card shows a button only for these (and only with the permission). */
export type CardAction = 'set_up' | 'connect' | 'reconnect' | 'disconnect' | 'refresh';

export interface CardView {
  state: CardState;
  badge: { label: string; tone: BadgeTone; mark?: string };
  actions: readonly CardAction[];
  /** The token renews itself: only then does the expiry line say "(auto-refresh)". */
  autoRefresh: boolean;
}

/** The platform side, as GET /v1/integrations/platforms says it. */
export type PlatformState = 'unavailable' | 'not_configured' | 'configured' | 'connected';
/** The token side, as the integration says it. */
export type TokenStatus = 'active' | 'degraded' | 'needs_reauth';

const VIEWS: Record<CardState, CardView> = {
  unavailable: { state: 'unavailable', badge: { label: 'Unavailable', tone: 'outline' }, actions: [], autoRefresh: false },
  not_configured: { state: 'not_configured', badge: { label: 'Not connected', tone: 'neutral' }, actions: ['set_up'], autoRefresh: false },
  configured: { state: 'configured', badge: { label: 'Credentials configured', tone: 'info' }, actions: ['connect'], autoRefresh: false },
  connected: { state: 'connected', badge: { label: 'Connected', tone: 'success', mark: '✓' }, actions: ['reconnect', 'disconnect'], autoRefresh: true },
  // A lost grant cannot be refreshed back: only Reconnect (or Disconnect) helps.
  needs_reconnect: { state: 'needs_reconnect', badge: { label: 'Needs reconnect', tone: 'danger' }, actions: ['reconnect', 'disconnect'], autoRefresh: false },
  // The platform failed transiently: a manual retry may help, Reconnect too if it lasts.
  degraded: { state: 'degraded', badge: { label: 'Refresh failing', tone: 'warning' }, actions: ['refresh', 'reconnect', 'disconnect'], autoRefresh: false },
};

/**
 * A card's state. `platform` is null for bot rows (they exist only once connected); `token` is null
 * when nothing is connected. A token that needs re-auth wins over everything the platform says
 * except Unavailable.
 */
export function cardState(platform: PlatformState | null, token: TokenStatus | null): CardView {
  if (platform === 'unavailable') return VIEWS.unavailable;
  if (token === 'needs_reauth') return VIEWS.needs_reconnect;
  if (token === 'degraded') return VIEWS.degraded;
  if (token === 'active') return VIEWS.connected;
  // Nothing connected: the platform's own state says what is next.
  if (platform === 'configured' || platform === 'connected') return VIEWS.configured;
  return VIEWS.not_configured;
}
