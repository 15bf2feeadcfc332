/** Read models of the integrations REST API: integrations grouped by platform, platforms, platform cards, scopes. */
import type { z } from 'zod';
import type { Deps } from '../deps.ts';
import { accountOf, requireInstanceAdmin, type Caller } from '../access/caller.ts';
import type { PlatformAdapter } from '../platforms/types.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { listIntegrations, findIntegration } from './repository.ts';
import { toView, type IntegrationView } from './model.ts';
import { isPlatformEnabled, resolveCredentials } from './deps.ts';
import { requirePlatform } from './platform.ts';
import { PLATFORM_DEFINITIONS } from '../platforms/registry.ts';
import type { PlatformDefinition } from '../platforms/definition.ts';
import type { platformSchema } from './schemas.ts';

export interface PlatformGroup {
  platform_id: number;
  platform_slug: string;
  platform_name: string;
  channel: IntegrationView | null;
  bots: IntegrationView[];
  /** The instance's global bot the account falls back to when it has no bot of its own. */
  global_bot: IntegrationView | null;
}

export type CardState = 'unavailable' | 'not_configured' | 'configured' | 'connected';

export interface PlatformCard {
  slug: string;
  platform_id: number;
  name: string;
  is_configured: boolean;
  enabled: boolean;
  state: CardState;
  credentials_source: 'account' | 'instance' | 'sandbox' | 'none';
  sandbox: boolean;
}

export interface ScopeList {
  platform: string;
  channel_scopes: { scope: string; description: string; required: boolean }[];
  bot_scopes: { scope: string; description: string; required: boolean }[];
}

/** A platform as clients draw and branch on it (the wire shape of GET /v1/platforms). */
export type PlatformInfo = z.infer<typeof platformSchema>;

function adapters(rt: Deps): PlatformAdapter[] {
  return [...rt.platforms.values()].sort((a, b) => a.platformId - b.platformId);
}

/** Bots are shown only to callers who may read bot connections (`bot-connections:read`). */
function canSeeBots(auth: Caller): boolean {
  return auth.permissions.has('bot-connections:read');
}

export async function groupedIntegrations(rt: Deps, auth: Caller): Promise<PlatformGroup[]> {
  const accountId = accountOf(auth);
  const [own, global] = await Promise.all([listIntegrations(rt.store.db, { accountId }), listIntegrations(rt.store.db, { global: true })]);
  return adapters(rt).map((adapter) => {
    const mine = own.filter((r) => r.platform === adapter.slug);
    const channel = mine.find((r) => r.integration_type === 'channel');
    const globalBot = global.find((r) => r.platform === adapter.slug);
    return {
      platform_id: adapter.platformId,
      platform_slug: adapter.slug,
      platform_name: adapter.name,
      channel: channel ? toView(channel, adapter) : null,
      bots: canSeeBots(auth) ? mine.filter((r) => r.integration_type === 'bot').map((r) => toView(r, adapter)) : [],
      global_bot: globalBot && canSeeBots(auth) ? toView(globalBot, adapter) : null,
    };
  });
}

export async function platformIntegrations(rt: Deps, auth: Caller, slug: string): Promise<IntegrationView[]> {
  const adapter = requirePlatform(rt, slug);
  const rows = await listIntegrations(rt.store.db, { accountId: accountOf(auth) }, adapter.slug);
  return rows.filter((r) => r.integration_type === 'channel' || canSeeBots(auth)).map((r) => toView(r, adapter));
}

export async function integrationById(rt: Deps, auth: Caller, id: string): Promise<IntegrationView> {
  // Ids start with int_; anything else is not an integration (platform slugs have their own /platform/ routes).
  if (!id.startsWith('int_')) throw notFound('integration');
  const row = await findIntegration(rt.store.db, { accountId: accountOf(auth) }, id);
  if (!row || (row.integration_type === 'bot' && !canSeeBots(auth))) throw notFound('integration');
  return toView(row, requirePlatform(rt, row.platform));
}

export async function platformCards(rt: Deps, auth: Caller): Promise<PlatformCard[]> {
  const accountId = accountOf(auth);
  const own = await listIntegrations(rt.store.db, { accountId });
  return Promise.all(
    adapters(rt).map(async (adapter) => {
      const [enabled, credentials] = await Promise.all([isPlatformEnabled(rt, adapter.slug), resolveCredentials(rt, accountId, adapter.slug)]);
      const connected = own.some((r) => r.platform === adapter.slug && r.integration_type === 'channel');
      const state: CardState = !enabled ? 'unavailable' : connected ? 'connected' : credentials ? 'configured' : 'not_configured';
      return {
        slug: adapter.slug,
        platform_id: adapter.platformId,
        name: adapter.name,
        is_configured: Boolean(credentials),
        enabled,
        state,
        credentials_source: credentials?.source ?? 'none',
        sandbox: rt.config.sandbox,
      };
    }),
  );
}

/** Instance administrators: the global bots (the fallback of accounts without a bot of their own). */
export async function globalBots(rt: Deps, caller: Caller): Promise<IntegrationView[]> {
  requireInstanceAdmin(caller);
  return (await listIntegrations(rt.store.db, { global: true })).map((r) => toView(r, requirePlatform(rt, r.platform)));
}

/** One platform's scope catalogue (channel and bot defaults). */
export function platformScopes(rt: Deps, slug: string): ScopeList {
  return scopeList(requirePlatform(rt, slug));
}

/** Every platform's scope catalogue, in display order. */
export function allPlatformScopes(rt: Deps): ScopeList[] {
  return adapters(rt).map(scopeList);
}

/** Every platform, in display order: from each platform's definition, so clients keep no list or branch of their own. */
export function platformList(): PlatformInfo[] {
  return [...PLATFORM_DEFINITIONS].sort((a, b) => a.platformId - b.platformId).map(platformInfo);
}

function platformInfo(def: PlatformDefinition): PlatformInfo {
  const caps = def.capabilities;
  const { channel_scopes, bot_scopes } = scopeList(def);
  return {
    slug: def.slug,
    platform_id: def.platformId,
    name: def.name,
    brand_color: def.brand.color,
    brand_text_color: def.brand.textColor,
    capabilities: {
      verified_bots: caps.verifiedBots === true,
      pkce: caps.pkce,
      refresh_rotates: caps.refreshRotates,
      validation: caps.validate,
      requires_client_secret: caps.requiresClientSecret,
    },
    channel_scopes,
    bot_scopes,
  };
}

export function scopeList(adapter: Pick<PlatformAdapter, 'slug' | 'scopes'>): ScopeList {
  const describe = (scope: string) => adapter.scopes.all.find((s) => s.scope === scope)?.description ?? '';
  const map = (list: PlatformAdapter['scopes']['channel']) => list.map((s) => ({ scope: s.scope, description: s.description || describe(s.scope), required: s.required }));
  return { platform: adapter.slug, channel_scopes: map(adapter.scopes.channel), bot_scopes: map(adapter.scopes.bot) };
}
