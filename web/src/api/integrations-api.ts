/** The integrations REST API: platforms, integrations, connect, refresh, disconnect, bot settings. */
import { api, apiList } from './client.ts';
import { rememberConnecting } from '../connections/pending-connect.ts';
import type { AccountPlatform, AppNotification, Answer, Body, PlatformScopes, ConnectRequest, ConnectResult, Integration, Platform, PlatformIntegrations, TokenServerId } from './types.ts';

/** Every platform's name, brand and capabilities (any signed-in user). */
export const listPlatforms = () => apiList<Platform>('/v1/platforms');
/** The current account's view of each platform: the Connections cards. */
export const listAccountPlatforms = () => apiList<AccountPlatform>('/v1/integrations/platforms');
export const listIntegrations = () => apiList<PlatformIntegrations>('/v1/integrations');

export const startConnect = (slug: string, body: ConnectRequest) =>
  api<ConnectResult>('POST', `/v1/integrations/platform/${encodeURIComponent(slug)}/connect`, body);

export const disconnectIntegration = (id: string) => api<Answer<'/v1/integrations/{id}', 'delete'>>('DELETE', `/v1/integrations/${encodeURIComponent(id)}`);

export const refreshIntegration = (id: string) => api<Integration>('POST', `/v1/integrations/${encodeURIComponent(id)}/refresh`);

/** The verified-bot badge and status, on platforms whose capabilities say `verified_bots`. */
export const setVerifiedBotStatus = (id: string, body: Body<'/v1/integrations/{id}/twitch-status', 'patch'>) =>
  api<Integration>('PATCH', `/v1/integrations/${encodeURIComponent(id)}/twitch-status`, body);

export const makeDefaultBot = (id: string) => api<Integration>('POST', `/v1/integrations/${encodeURIComponent(id)}/default-bot`);

export const enableTokenServer = (id: string) => api<TokenServerId>('POST', `/v1/integrations/${encodeURIComponent(id)}/token-server`);
export const disableTokenServer = (id: string) => api<void>('DELETE', `/v1/integrations/${encodeURIComponent(id)}/token-server`);

// Instance admin: the global bots every account falls back to (shown on Bot Connections).
export const startGlobalBotConnect = (slug: string, body: Body<'/v1/admin/platforms/{slug}/global-bot/connect', 'post'>) =>
  api<ConnectResult>('POST', `/v1/admin/platforms/${encodeURIComponent(slug)}/global-bot/connect`, body);
export const listGlobalBots = () => apiList<Integration>('/v1/admin/global-bots');
export const disconnectGlobalBot = (id: string) =>
  api<Answer<'/v1/admin/global-bots/{id}', 'delete'>>('DELETE', `/v1/admin/global-bots/${encodeURIComponent(id)}`);

/** Starts OAuth: asks Bifrost for the platform's authorization URL, then leaves the dashboard for it. */
export async function goToAuthorization(slug: string, start: Promise<ConnectResult>): Promise<void> {
  const { authorization_url } = await start;
  rememberConnecting(slug);
  window.location.assign(authorization_url);
}

/** Token failures and recoveries of the account (and, for instance admins, of the instance), newest first. */
export const listNotifications = () => apiList<AppNotification>('/v1/notifications');

/** The platform's scope catalogue for channels and bots, with each scope's description and whether it is required. */
export const getPlatformScopes = (slug: string) => api<PlatformScopes>('GET', `/v1/integrations/platform/${encodeURIComponent(slug)}/scopes`);
