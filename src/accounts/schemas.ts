/** zod schemas shared by the accounts routes (snake_case wire shapes) and the mappers to them. */
import { z } from 'zod';
import { PERMISSIONS, type Permission } from '../access/permissions.ts';
import { PLATFORM_SLUGS } from '../config/schema.ts';

export const permissionSchema = z.enum(PERMISSIONS);
export const platformSchema = z.enum(PLATFORM_SLUGS);
export const timeSchema = z.string().describe('ISO 8601 time (UTC)');
export const noContent = z.null().describe('Done; no body');

export function iso(ms: number): string;
export function iso(ms: number | null): string | null;
export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** An id path parameter: bounded, so nothing odd reaches a query. */
export const idParam = z.string().min(1).max(100);

export const userSchema = z.object({ id: z.string(), username: z.string(), is_instance_admin: z.boolean() });
export type UserWire = z.infer<typeof userSchema>;

export function userWire(user: { id: string; username: string; isInstanceAdmin: boolean }): UserWire {
  return { id: user.id, username: user.username, is_instance_admin: user.isInstanceAdmin };
}

export const accountSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string().describe('Built-in role name or custom role id'),
  role_name: z.string(),
  permissions: z.array(permissionSchema),
  created_at: timeSchema,
});

export function accountWire(a: { id: string; name: string; role: string; roleName: string; permissions: Permission[]; createdAt: number }) {
  return { id: a.id, name: a.name, role: a.role, role_name: a.roleName, permissions: a.permissions, created_at: iso(a.createdAt) };
}

export const accountNameSchema = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
export const usernameInput = z.string().min(1).max(64);
export const passwordInput = z.string().min(1).max(1024);
export const roleInput = z.string().min(1).max(100).describe('owner, admin, editor, viewer, or a custom role id (rol_…)');
