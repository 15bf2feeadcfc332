/**
 * Permission strings. The documented ones (README, Roles and permissions) are kept exactly; Bifrost
 * adds its own beside them.
 */
export const PERMISSIONS = [
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
  'chat:send',
  'moderation:manage',
  'events:read',
  'tools:control',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** The acting permissions a service key may be granted (a bot process sends and moderates with the key it reads tokens with). */
export const SERVICE_KEY_PERMISSIONS = ['chat:send', 'moderation:manage'] as const satisfies readonly Permission[];

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
