/** Issue 3's API: accounts, members, invites, roles, API keys, app credentials, admin platforms, audit. */
import { api, apiList } from './client.ts';
import type { AdminPlatform, ApiKey, AppCredential, AuditPage, Invite, Member, PendingInvite, Role } from './types.ts';

const id = (value: string) => encodeURIComponent(value);

export const createAccount = (body: { name: string }) => api<{ id: string; name: string }>('POST', '/v1/accounts', body);
export const renameAccount = (accountId: string, body: { name: string }) => api<unknown>('PATCH', `/v1/accounts/${id(accountId)}`, body);
export const deleteAccount = (accountId: string, body: { confirm_name: string }) => api<void>('DELETE', `/v1/accounts/${id(accountId)}`, body);

export const listMembers = () => apiList<Member>('/v1/members');
export const changeMemberRole = (userId: string, role: string) => api<Member>('PATCH', `/v1/members/${id(userId)}`, { role });
export const removeMember = (userId: string) => api<void>('DELETE', `/v1/members/${id(userId)}`);
export const createInvite = (role: string) => api<Invite>('POST', '/v1/invites', { role });
export const listInvites = () => apiList<PendingInvite>('/v1/invites');
export const revokeInvite = (inviteId: string) => api<void>('DELETE', `/v1/invites/${id(inviteId)}`);

export const listRoles = () => apiList<Role>('/v1/roles');
export const createRole = (body: { name: string; permissions: string[] }) => api<Role>('POST', '/v1/roles', body);
export const updateRole = (roleId: string, body: { name?: string; permissions?: string[] }) => api<Role>('PATCH', `/v1/roles/${id(roleId)}`, body);
export const deleteRole = (roleId: string) => api<void>('DELETE', `/v1/roles/${id(roleId)}`);

export const listApiKeys = () => apiList<ApiKey>('/v1/api-keys');
export const createApiKey = (body: { name: string; permissions: string[]; expires_at?: string }) => api<ApiKey & { key: string }>('POST', '/v1/api-keys', body);
export const revokeApiKey = (keyId: string) => api<void>('DELETE', `/v1/api-keys/${id(keyId)}`);

export const listAppCredentials = () => apiList<AppCredential>('/v1/app-credentials');
export const saveAppCredentials = (platform: string, body: { client_id: string; client_secret: string }) =>
  api<AppCredential>('PUT', `/v1/app-credentials/${id(platform)}`, body);
export const deleteAppCredentials = (platform: string) => api<void>('DELETE', `/v1/app-credentials/${id(platform)}`);

export const listAdminPlatforms = () => apiList<AdminPlatform>('/v1/admin/platforms');
export const setPlatformEnabled = (slug: string, enabled: boolean) => api<AdminPlatform>('PATCH', `/v1/admin/platforms/${id(slug)}`, { enabled });

export interface AuditQuery {
  action?: string;
  actor?: string;
  since?: string;
  until?: string;
  cursor?: string;
  limit?: number;
  /** Instance admins: instance-level events (sign-ins, setup, platform switches) instead of the account's. */
  scope?: 'account' | 'instance';
}

export function listAuditLogs(query: AuditQuery): Promise<AuditPage> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return api<AuditPage>('GET', `/v1/audit-logs${qs ? `?${qs}` : ''}`);
}
