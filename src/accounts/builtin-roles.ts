/**
 * The four built-in roles and their permission sets (README "Roles and permissions").
 * Owner and admin hold every permission; what only an owner may do (rename or delete the account,
 * grant or take away the owner role) is checked by the services, not by a permission string.
 */
import { PERMISSIONS, type Permission } from '../access/permissions.ts';

export const BUILTIN_ROLE_NAMES = ['owner', 'admin', 'editor', 'viewer'] as const;
export type BuiltinRole = (typeof BUILTIN_ROLE_NAMES)[number];

const VIEWER: readonly Permission[] = ['connections:read', 'bot-connections:read', 'members:read', 'events:read'];

const EDITOR: readonly Permission[] = [
  ...VIEWER,
  'connections:edit',
  'connections:create',
  'connections:delete',
  'bot-connections:create',
  'bot-connections:delete',
  'chat:send',
  'moderation:manage',
  'tools:control',
];

export const BUILTIN_ROLES: Readonly<Record<BuiltinRole, ReadonlySet<Permission>>> = Object.freeze({
  owner: new Set(PERMISSIONS),
  admin: new Set(PERMISSIONS),
  editor: new Set(EDITOR),
  viewer: new Set(VIEWER),
});

export function isBuiltinRole(value: string): value is BuiltinRole {
  return (BUILTIN_ROLE_NAMES as readonly string[]).includes(value);
}

/** Permissions in a stable order (the order of PERMISSIONS), for responses. */
export function sortPermissions(perms: Iterable<Permission>): Permission[] {
  const set = new Set(perms);
  return PERMISSIONS.filter((p) => set.has(p));
}
