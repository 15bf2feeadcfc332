/**
 * Kick's scopes: the official 11 [K2], plus two names in Bifrost's API contract that Kick does not
 * have (`chat:read`, `subscribers:read`; they date from Kick's old Pusher chat). Tolerant
 * resolution: the two names stay in the catalogue and the defaults (they are the contract the
 * dashboard shows), and are requested as their official equivalent through `aliases` — chat and
 * subscription events reach apps only as webhooks under `events:subscribe` [K5]. Source keys: docs/platforms.md, Kick.
 */
import type { ScopeCatalogue, ScopeDescription } from '../types.ts';

/** Kick's official scopes, complete [K2]. */
export const KICK_OFFICIAL_SCOPES: readonly ScopeDescription[] = [
  { scope: 'user:read', description: 'Read user information (username, streamer id …)' },
  { scope: 'channel:read', description: 'Read channel information (description, category …)' },
  { scope: 'channel:write', description: 'Update livestream metadata (title, category, tags)' },
  { scope: 'channel:rewards:read', description: 'Read Channel Points rewards' },
  { scope: 'channel:rewards:write', description: 'Create, edit and delete rewards; accept or reject redemptions' },
  { scope: 'chat:write', description: 'Send chat messages (including bots posting in your chat)' },
  { scope: 'streamkey:read', description: 'Read the stream URL and stream key' },
  { scope: 'events:subscribe', description: 'Subscribe to channel events (chat, follows, subscriptions …)' },
  { scope: 'moderation:ban', description: 'Ban, time out and unban users' },
  { scope: 'moderation:chat_message:manage', description: 'Moderate chat messages (delete)' },
  { scope: 'kicks:read', description: 'Read KICKs information (leaderboards)' },
];

/** Bifrost's own names → the official scopes requested for them. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  'chat:read': ['events:subscribe'],
  'subscribers:read': ['events:subscribe'],
};

const SEED_ONLY: readonly ScopeDescription[] = [
  { scope: 'chat:read', description: 'Read chat messages (not a Kick scope: requested from Kick as events:subscribe, as chat arrives by webhook)' },
  { scope: 'subscribers:read', description: 'View subscribers (not a Kick scope: requested from Kick as events:subscribe, as subscriptions arrive by webhook)' },
];

const ALL = [...KICK_OFFICIAL_SCOPES, ...SEED_ONLY];
const describe = (scope: string): string => ALL.find((s) => s.scope === scope)?.description ?? scope;
const pick = (scopes: readonly (readonly [string, boolean])[]) => scopes.map(([scope, required]) => ({ scope, description: describe(scope), required }));

/**
 * Defaults as the API contract lists them (channel: channel:read*, channel:write, chat:read*,
 * subscribers:read; bot: chat:read*, chat:write*, user:read*; * = required). Added: `user:read`
 * (required) for channels too, because identifying the account needs it [K3].
 */
export const KICK_SCOPES: ScopeCatalogue = {
  all: ALL,
  channel: pick([
    ['user:read', true],
    ['channel:read', true],
    ['channel:write', false],
    ['chat:read', true],
    ['subscribers:read', false],
  ]),
  bot: pick([
    ['chat:read', true],
    ['chat:write', true],
    ['user:read', true],
  ]),
  aliases: ALIASES,
};
