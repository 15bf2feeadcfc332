/** Read models of the integrations REST API: integrations grouped by platform, platforms, platform cards, scopes. */
import { publicUrlProblem } from '../net/public-url.ts';
import type { Deps } from '../deps.ts';
import { accountOf, requireInstanceAdmin, type Caller } from '../access/caller.ts';
import type { PlatformAdapter, PlatformCapabilities, PlatformSlug } from '../platforms/types.ts';
import { notFound } from '../errors/app-error.ts';
import { listIntegrations, findIntegration } from './repository.ts';
import { toIntegration, type Integration } from './model.ts';
import { isPlatformEnabled } from '../accounts/platform-settings.ts';
import { resolveCredentials } from '../accounts/app-credentials.ts';
import { requirePlatform } from './platform.ts';
import { PLATFORM_DEFINITIONS } from '../platforms/registry.ts';
import type { PlatformDefinition } from '../platforms/definition.ts';

export interface PlatformGroup {
  platformId: number;
  platformSlug: string;
  platformName: string;
  channel: Integration | null;
  bots: Integration[];
  /** The instance's global bot the account falls back to when it has no bot of its own. */
  globalBot: Integration | null;
}

export type CardState = 'unavailable' | 'not_configured' | 'configured' | 'connected';

export interface PlatformCard {
  slug: string;
  platformId: number;
  name: string;
  isConfigured: boolean;
  enabled: boolean;
  state: CardState;
  credentialsSource: 'account' | 'instance' | 'sandbox' | 'none';
  sandbox: boolean;
}

export interface ScopeItem {
  scope: string;
  description: string;
  required: boolean;
}

export interface ScopeList {
  platform: string;
  channelScopes: ScopeItem[];
  botScopes: ScopeItem[];
}

/** A platform as clients draw and branch on it (GET /v1/platforms). */
export interface PlatformInfo {
  slug: PlatformSlug;
  platformId: number;
  name: string;
  brandColor: string;
  brandTextColor: string;
  capabilities: {
    verifiedBots: boolean;
    pkce: PlatformCapabilities['pkce'];
    refreshRotates: PlatformCapabilities['refreshRotates'];
    validation: PlatformCapabilities['validate'];
    requiresClientSecret: boolean;
    chatMaxMessageLength: number | null;
    chatModerationTarget: 'user_id' | 'username' | null;
  };
  channelScopes: ScopeItem[];
  botScopes: ScopeItem[];
  /** The platform's live connector; null when it has none. */
  events: PlatformEventsInfo | null;
}

/** Whether live events can flow: a webhook platform needs `server.public_url` reachable from the internet. */
export interface PlatformEventsInfo {
  source: string;
  needsPublicUrl: boolean;
  reachable: boolean;
  /** Why not, when not reachable. */
  reason: string | null;
}

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
      platformId: adapter.platformId,
      platformSlug: adapter.slug,
      platformName: adapter.name,
      channel: channel ? toIntegration(channel, adapter) : null,
      bots: canSeeBots(auth) ? mine.filter((r) => r.integration_type === 'bot').map((r) => toIntegration(r, adapter)) : [],
      globalBot: globalBot && canSeeBots(auth) ? toIntegration(globalBot, adapter) : null,
    };
  });
}

export async function platformIntegrations(rt: Deps, auth: Caller, slug: string): Promise<Integration[]> {
  const adapter = requirePlatform(rt, slug);
  const rows = await listIntegrations(rt.store.db, { accountId: accountOf(auth) }, adapter.slug);
  return rows.filter((r) => r.integration_type === 'channel' || canSeeBots(auth)).map((r) => toIntegration(r, adapter));
}

export async function integrationById(rt: Deps, auth: Caller, id: string): Promise<Integration> {
  // Ids start with int_; anything else is not an integration (platform slugs have their own /platform/ routes).
  if (!id.startsWith('int_')) throw notFound('integration');
  const row = await findIntegration(rt.store.db, { accountId: accountOf(auth) }, id);
  if (!row || (row.integration_type === 'bot' && !canSeeBots(auth))) throw notFound('integration');
  return toIntegration(row, requirePlatform(rt, row.platform));
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
        platformId: adapter.platformId,
        name: adapter.name,
        isConfigured: Boolean(credentials),
        enabled,
        state,
        credentialsSource: credentials?.source ?? 'none',
        sandbox: rt.config.sandbox,
      };
    }),
  );
}

/** Instance administrators: the global bots (the fallback of accounts without a bot of their own). */
export async function globalBots(rt: Deps, caller: Caller): Promise<Integration[]> {
  requireInstanceAdmin(caller);
  return (await listIntegrations(rt.store.db, { global: true })).map((r) => toIntegration(r, requirePlatform(rt, r.platform)));
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
/** What the platform list reads of the configuration (Deps fits it). */
export interface PlatformListContext {
  config: { server: { public_url: string }; integrations: Readonly<Record<PlatformSlug, { endpoints: Readonly<Record<string, string>> }>> };
}

export function platformList(rt: PlatformListContext): PlatformInfo[] {
  return [...PLATFORM_DEFINITIONS].sort((a, b) => a.platformId - b.platformId).map((def) => platformInfo(rt, def));
}

const originOf = (url: string): string | null => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

function eventsInfo(rt: PlatformListContext, def: PlatformDefinition): PlatformEventsInfo | null {
  if (!def.events) return null;
  const needsPublicUrl = def.events.needsPublicUrl === true;
  const publicUrl = rt.config.server.public_url;
  // A platform served by Bifrost itself (sandbox mode's fake) reaches it whatever the URL.
  const servedHere = Object.values(rt.config.integrations[def.slug].endpoints).some((u) => originOf(u) === originOf(publicUrl));
  const reason = needsPublicUrl && !servedHere ? publicUrlProblem(publicUrl) : null;
  return { source: def.events.source, needsPublicUrl, reachable: reason === null, reason: reason && `events need a public https URL: ${reason}` };
}

function platformInfo(rt: PlatformListContext, def: PlatformDefinition): PlatformInfo {
  const caps = def.capabilities;
  const { channelScopes, botScopes } = scopeList(def);
  return {
    slug: def.slug,
    platformId: def.platformId,
    name: def.name,
    brandColor: def.brand.color,
    brandTextColor: def.brand.textColor,
    capabilities: {
      verifiedBots: caps.verifiedBots === true,
      pkce: caps.pkce,
      refreshRotates: caps.refreshRotates,
      validation: caps.validate,
      requiresClientSecret: caps.requiresClientSecret,
      chatMaxMessageLength: caps.chat?.maxMessageLength ?? null,
      chatModerationTarget: caps.chat?.moderationTarget ?? null,
    },
    channelScopes,
    botScopes,
    events: eventsInfo(rt, def),
  };
}

function scopeList(adapter: Pick<PlatformAdapter, 'slug' | 'scopes'>): ScopeList {
  const describe = (scope: string) => adapter.scopes.all.find((s) => s.scope === scope)?.description ?? '';
  const map = (list: PlatformAdapter['scopes']['channel']) => list.map((s) => ({ scope: s.scope, description: s.description || describe(s.scope), required: s.required }));
  return { platform: adapter.slug, channelScopes: map(adapter.scopes.channel), botScopes: map(adapter.scopes.bot) };
}
