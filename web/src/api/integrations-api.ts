/** The integrations REST API: platforms, integrations, connect, refresh, disconnect, bot settings. */
import { api, apiList } from './client.ts';
import { rememberConnecting } from '../connections/pending-connect.ts';
import type { ConnectResult, Integration, PlatformInfo, PlatformIntegrations, TokenServerId } from './types.ts';

export const listPlatforms = () => apiList<PlatformInfo>('/v1/integrations/platforms');
export const listIntegrations = () => apiList<PlatformIntegrations>('/v1/integrations');

export interface ConnectRequest {
  integration_type: 'channel' | 'bot';
  bot_identifier?: string;
  scopes?: string[];
  reconnect?: boolean;
}

export const startConnect = (slug: string, body: ConnectRequest) =>
  api<ConnectResult>('POST', `/v1/integrations/platform/${encodeURIComponent(slug)}/connect`, body);

export const disconnectIntegration = (id: string) =>
  api<{ success: boolean; error?: string | null }>('DELETE', `/v1/integrations/${encodeURIComponent(id)}`);

export const refreshIntegration = (id: string) => api<Integration>('POST', `/v1/integrations/${encodeURIComponent(id)}/refresh`);

export const setTwitchStatus = (id: string, body: { has_verified_bot_badge: boolean; is_verified_bot: boolean }) =>
  api<Integration>('PATCH', `/v1/integrations/${encodeURIComponent(id)}/twitch-status`, body);

export const makeDefaultBot = (id: string) => api<Integration>('POST', `/v1/integrations/${encodeURIComponent(id)}/default-bot`);

export const enableTokenServer = (id: string) => api<TokenServerId>('POST', `/v1/integrations/${encodeURIComponent(id)}/token-server`);
export const disableTokenServer = (id: string) => api<void>('DELETE', `/v1/integrations/${encodeURIComponent(id)}/token-server`);

// Instance admin: the global bots every account falls back to (shown on Bot Connections).
export const startGlobalBotConnect = (slug: string, body: { bot_identifier?: string; reconnect?: boolean }) =>
  api<ConnectResult>('POST', `/v1/admin/platforms/${encodeURIComponent(slug)}/global-bot/connect`, body);
export const listGlobalBots = () => apiList<Integration>('/v1/admin/global-bots');
export const disconnectGlobalBot = (id: string) =>
  api<{ success: boolean; error?: string | null }>('DELETE', `/v1/admin/global-bots/${encodeURIComponent(id)}`);

/** Starts OAuth: asks Bifrost for the platform's authorization URL, then leaves the dashboard for it. */
export async function goToAuthorization(slug: string, start: Promise<ConnectResult>): Promise<void> {
  const { authorization_url } = await start;
  rememberConnecting(slug);
  window.location.assign(authorization_url);
}
