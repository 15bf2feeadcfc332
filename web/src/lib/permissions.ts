/** Permission strings (the documented ones, plus Bifrost's own) with the words the dashboard shows for them. */
import type { Permission } from '../api/types.ts';

// Keyed by the API's own permission type: a permission added on the server fails the type-check here until it has words.
export const PERMISSION_LABELS: Record<Permission, string> = {
  'connections:read': 'See connections',
  'connections:edit': 'Connect, reconnect, disconnect; manage app credentials',
  'connections:create': 'Add integrations and StreamElements tokens',
  'connections:delete': 'Remove integrations and StreamElements tokens',
  'bot-connections:read': 'See bot connections',
  'bot-connections:create': 'Connect bots',
  'bot-connections:delete': 'Disconnect bots',
  'audit:read': 'Read the audit log',
  'members:read': 'See members',
  'members:edit': 'Invite, change and remove members',
  'roles:edit': 'Create and edit roles',
  'api-keys:read': 'See API keys, service keys and webhooks',
  'api-keys:edit': 'Create and revoke API keys, service keys and webhooks',
  'tokens:read': 'Read platform tokens through the API',
  'chat:send': 'Send chat messages as the channel or a bot',
  'moderation:manage': 'Delete messages, time out, ban and unban in chat',
  'events:read': 'See the live event feed (chat, follows, subs, tips …)',
  'tools:control': 'Control OBS and Streamer.bot (scenes, sources, stream, actions)',
};

export const ALL_PERMISSIONS = Object.keys(PERMISSION_LABELS) as Permission[];
