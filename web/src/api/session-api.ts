/** Setup, sign-in, sign-out and the current user. */
import { api } from './client.ts';
import type { AuthResult, Me, SetupStatus } from './types.ts';

export const getMe = () => api<Me>('GET', '/v1/me', undefined, { quiet401: true });
export const getSetupStatus = () => api<SetupStatus>('GET', '/v1/setup/status', undefined, { quiet401: true });
export const runSetup = (body: { token: string; username: string; password: string; account_name: string }) =>
  api<AuthResult>('POST', '/v1/setup', body, { quiet401: true });
export const signIn = (body: { username: string; password: string }) => api<AuthResult>('POST', '/v1/auth/login', body, { quiet401: true });
export const signOut = () => api<void>('POST', '/v1/auth/logout');
export const changePassword = (body: { current_password: string; new_password: string }) => api<void>('POST', '/v1/me/password', body);

/** Accept an invite link: as the signed-in user, or as a new user with a username and password. */
export const acceptInvite = (body: { token: string; username?: string; password?: string }) =>
  api<{ account: { id: string; name: string }; user?: { id: string; username: string }; csrf_token?: string }>('POST', '/v1/invites/accept', body, { quiet401: true });
