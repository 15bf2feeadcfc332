/** Issue 3's API: accounts, members, invites, roles, API keys, app credentials, admin platforms, audit. */
import { api, apiList } from './client.ts';
import type { AdminPlatform, Answer, ApiKey, AppCredential, CredentialsImpact, AuditPage, AuditQuery, Body, Invite, Member, PendingInvite, Role } from './types.ts';

const id = (value: string) => encodeURIComponent(value);

export const createAccount = (body: Body<'/v1/accounts', 'post'>) => api<Answer<'/v1/accounts', 'post'>>('POST', '/v1/accounts', body);
export const renameAccount = (accountId: string, body: Body<'/v1/accounts/{id}', 'patch'>) =>
  api<Answer<'/v1/accounts/{id}', 'patch'>>('PATCH', `/v1/accounts/${id(accountId)}`, body);
export const deleteAccount = (accountId: string, body: Body<'/v1/accounts/{id}', 'delete'>) => api<void>('DELETE', `/v1/accounts/${id(accountId)}`, body);

export const listMembers = () => apiList<Member>('/v1/members');
export const changeMemberRole = (userId: string, role: string) => api<Member>('PATCH', `/v1/members/${id(userId)}`, { role });
export const removeMember = (userId: string) => api<void>('DELETE', `/v1/members/${id(userId)}`);
export const createInvite = (role: string) => api<Invite>('POST', '/v1/invites', { role });
export const listInvites = () => apiList<PendingInvite>('/v1/invites');
export const revokeInvite = (inviteId: string) => api<void>('DELETE', `/v1/invites/${id(inviteId)}`);

export const listRoles = () => apiList<Role>('/v1/roles');
export const createRole = (body: Body<'/v1/roles', 'post'>) => api<Role>('POST', '/v1/roles', body);
export const updateRole = (roleId: string, body: Body<'/v1/roles/{id}', 'patch'>) => api<Role>('PATCH', `/v1/roles/${id(roleId)}`, body);
export const deleteRole = (roleId: string) => api<void>('DELETE', `/v1/roles/${id(roleId)}`);

export const listApiKeys = () => apiList<ApiKey>('/v1/api-keys');
export const createApiKey = (body: Body<'/v1/api-keys', 'post'>) => api<Answer<'/v1/api-keys', 'post'>>('POST', '/v1/api-keys', body);
export const revokeApiKey = (keyId: string) => api<void>('DELETE', `/v1/api-keys/${id(keyId)}`);

export const listAppCredentials = () => apiList<AppCredential>('/v1/app-credentials');
export const saveAppCredentials = (platform: string, body: Body<'/v1/app-credentials/{platform}', 'put'>) =>
  api<AppCredential>('PUT', `/v1/app-credentials/${id(platform)}`, body);
export const credentialsImpact = (platform: string, body: Body<'/v1/app-credentials/{platform}/impact', 'post'>) =>
  api<CredentialsImpact>('POST', `/v1/app-credentials/${id(platform)}/impact`, body);
export const deleteAppCredentials = (platform: string) => api<void>('DELETE', `/v1/app-credentials/${id(platform)}`);

export const listAdminPlatforms = () => apiList<AdminPlatform>('/v1/admin/platforms');
export const setPlatformEnabled = (slug: string, enabled: boolean) => api<AdminPlatform>('PATCH', `/v1/admin/platforms/${id(slug)}`, { enabled });

export function listAuditLogs(query: AuditQuery): Promise<AuditPage> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return api<AuditPage>('GET', `/v1/audit-logs${qs ? `?${qs}` : ''}`);
}
