/** zod schemas of the consumers' HTTP API: the internal token API, service keys, Companion token servers. */
import { z } from 'zod';
import { PLATFORM_SLUGS } from '../config/schema.ts';
import { SERVICE_KEY_PERMISSIONS } from '../access/permissions.ts';

export const integrationIdParams = z.object({ id: z.string().max(200) });
export const platformParams = z.object({ slug: z.string().max(32) });

export const tokenResponseSchema = z.object({
  access_token: z.string(),
  token_type: z.literal('bearer'),
  expires_at: z.string(),
  scopes: z.array(z.string()),
  platform: z.string(),
  integration_type: z.enum(['channel', 'bot']),
  platform_user_id: z.string(),
  platform_username: z.string(),
});

export const botSchema = z.object({
  integration_id: z.string(),
  platform: z.string(),
  bot_identifier: z.string().nullable(),
  platform_user_id: z.string(),
  platform_username: z.string(),
  display_name: z.string(),
  is_global: z.boolean(),
  status: z.enum(['active', 'degraded', 'needs_reauth']),
  /** Bots passed over because they need re-auth (earlier in the order than the one answered), with who can fix each. */
  skipped: z.array(
    z.object({
      integration_id: z.string(),
      display_name: z.string(),
      is_global: z.boolean(),
      reason: z.enum(['needs_reauth']),
      fix: z.string(),
    }),
  ),
});

export const botQuery = z.object({ account_id: z.string().max(200).optional() }).strict();

export const serviceKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  integration_ids: z.array(z.string()).nullable(),
  platforms: z.array(z.string()).nullable(),
  permissions: z.array(z.string()).describe('Acting permissions the key was granted (chat:send, moderation:manage); empty: token reads only'),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
});

export const serviceKeyBody = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(100),
    integration_ids: z.array(z.string().max(200)).max(500).optional(),
    platforms: z.array(z.enum(PLATFORM_SLUGS, { message: `must be one of ${PLATFORM_SLUGS.join(', ')}` })).max(PLATFORM_SLUGS.length).optional(),
    permissions: z
      .array(z.enum(SERVICE_KEY_PERMISSIONS, { message: `must be one of ${SERVICE_KEY_PERMISSIONS.join(', ')}` }))
      .max(SERVICE_KEY_PERMISSIONS.length)
      .optional()
      .describe('Acting permissions for the chat and moderation routes; you must hold each yourself'),
  })
  .strict();

export const tokenServerSchema = z.object({ token_server_id: z.string(), url: z.string() });
export const tokenServerQuery = z.object({ id: z.string().max(100).optional() });

export const idParams = z.object({ id: z.string().max(200) });
export const noContent = z.null();
