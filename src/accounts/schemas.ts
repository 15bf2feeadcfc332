/** zod schemas of the accounts API: the snake_case wire shapes (written by toWire from the domain objects) and the input rules. */
import { z } from 'zod';
import { PERMISSIONS } from '../access/permissions.ts';
import { PLATFORM_SLUGS } from '../config/schema.ts';

export const permissionSchema = z.enum(PERMISSIONS);
export const platformSchema = z.enum(PLATFORM_SLUGS);
export const timeSchema = z.string().describe('ISO 8601 time (UTC)');
export const noContent = z.null().describe('Done; no body');

/** An id path parameter: bounded, so nothing odd reaches a query. */
export const idParam = z.string().min(1).max(100);

export const userSchema = z.object({ id: z.string(), username: z.string(), is_instance_admin: z.boolean() });

export const accountSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string().describe('Built-in role name or custom role id'),
  role_name: z.string(),
  permissions: z.array(permissionSchema),
  created_at: timeSchema,
});

export const accountNameSchema = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
export const usernameInput = z.string().min(1).max(64);
export const passwordInput = z.string().min(1).max(1024);
export const roleInput = z.string().min(1).max(100).describe('owner, admin, editor, viewer, or a custom role id (rol_…)');
