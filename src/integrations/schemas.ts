/** zod schemas of the integrations REST API (the documented snake_case fields); also feed the OpenAPI document. */
import { z } from 'zod';
import { PLATFORM_SLUGS } from '../config/schema.ts';

export const platformSlug = z.enum(PLATFORM_SLUGS, { message: `must be one of ${PLATFORM_SLUGS.join(', ')}` });

export const integrationSchema = z.object({
  id: z.string(),
  platform: z.string(),
  platform_id: z.number(),
  integration_type: z.enum(['channel', 'bot']),
  bot_identifier: z.string().nullable(),
  is_global: z.boolean(),
  platform_user_id: z.string(),
  platform_username: z.string(),
  display_name: z.string(),
  scopes: z.array(z.string()),
  token_expires_at: z.string(),
  status: z.enum(['active', 'degraded', 'needs_reauth']),
  status_reason: z.string().nullable(),
  has_verified_bot_badge: z.boolean(),
  is_verified_bot: z.boolean(),
  is_active: z.boolean(),
  is_default_bot: z.boolean(),
  connected_at: z.string(),
  updated_at: z.string(),
  last_refreshed_at: z.string().nullable(),
  next_refresh_at: z.string().nullable(),
  last_refresh_attempt_at: z.string().nullable(),
  last_refresh_result: z.string().nullable(),
  last_refresh_error: z.string().nullable(),
  consecutive_failures: z.number(),
  last_validated_at: z.string().nullable(),
  last_validation_result: z.string().nullable(),
});

export const platformGroupSchema = z.object({
  platform_id: z.number(),
  platform_slug: z.string(),
  platform_name: z.string(),
  channel: integrationSchema.nullable(),
  bots: z.array(integrationSchema),
  global_bot: integrationSchema.nullable(),
});

export const platformCardSchema = z.object({
  slug: z.string(),
  platform_id: z.number(),
  name: z.string(),
  is_configured: z.boolean(),
  enabled: z.boolean(),
  state: z.enum(['unavailable', 'not_configured', 'configured', 'connected']),
  credentials_source: z.enum(['account', 'instance', 'sandbox', 'none']),
  sandbox: z.boolean(),
});

const scopeItem = z.object({ scope: z.string(), description: z.string(), required: z.boolean() });
export const scopeListSchema = z.object({ platform: z.string(), channel_scopes: z.array(scopeItem), bot_scopes: z.array(scopeItem) });

const hexColor = z.string().describe('#rrggbb');

/** What a platform can do, as clients need it (a subset of the platform's capability table). */
const platformCapabilitiesSchema = z.object({
  verified_bots: z.boolean().describe('Bots can carry a verified-bot badge and status: PATCH /v1/integrations/{id}/twitch-status applies'),
  pkce: z.enum(['S256', 'none']).describe('Whether connecting sends a PKCE challenge'),
  refresh_rotates: z.enum(['never', 'may', 'always']).describe('Whether a token refresh replaces the refresh token'),
  validation: z.enum(['hourly', 'available', 'none']).describe('Token validation: required hourly, available, or not offered by the platform'),
  requires_client_secret: z.boolean().describe('Whether the app credentials need a client secret'),
  chat_moderation_target: z.enum(['user_id', 'username']).nullable().describe('How moderation names its target: user_id, or username where the platform moderates by name (Trovo); null where Bifrost cannot moderate on the platform'),
  chat_max_message_length: z.number().nullable().describe('Longest chat message in characters (Unicode code points); null where Bifrost cannot send chat on the platform'),
});

/** A platform as every signed-in user may see it: identity, brand colours, capabilities and default scopes. */
export const platformSchema = z.object({
  slug: platformSlug,
  platform_id: z.number(),
  name: z.string(),
  brand_color: hexColor,
  brand_text_color: hexColor,
  capabilities: platformCapabilitiesSchema,
  channel_scopes: z.array(scopeItem),
  bot_scopes: z.array(scopeItem),
  /** The platform's live connector (null: none). Kick's needs a public https `public_url`; `reachable` false shows why not in `reason`. */
  events: z
    .object({ source: z.string(), needs_public_url: z.boolean(), reachable: z.boolean(), reason: z.string().nullable() })
    .nullable(),
});

export const connectBodySchema = z
  .object({
    integration_type: z.enum(['channel', 'bot'], { message: 'must be "channel" or "bot"' }),
    bot_identifier: z.string().optional(),
    scopes: z.array(z.string().min(1)).max(200).optional(),
    reconnect: z.boolean().optional(),
  })
  .strict();

export const connectResultSchema = z.object({ authorization_url: z.string(), state: z.string() });

export const disconnectResultSchema = z.object({ success: z.boolean(), error: z.string().nullable() });

export const twitchStatusBodySchema = z
  .object({ has_verified_bot_badge: z.boolean(), is_verified_bot: z.boolean() })
  .strict();

export const idParams = z.object({ id: z.string().max(200) });
export const slugParams = z.object({ slug: platformSlug });
