/** Setup, sign-in, sign-out and the current user. */
import { api } from './client.ts';
import type { Answer, Body, Me, SetupStatus } from './types.ts';

export const getMe = () => api<Me>('GET', '/v1/me', undefined, { quiet401: true });
export const getSetupStatus = () => api<SetupStatus>('GET', '/v1/setup/status', undefined, { quiet401: true });
export const runSetup = (body: Body<'/v1/setup', 'post'>) => api<Answer<'/v1/setup', 'post'>>('POST', '/v1/setup', body, { quiet401: true });
export const signIn = (body: Body<'/v1/auth/login', 'post'>) => api<Answer<'/v1/auth/login', 'post'>>('POST', '/v1/auth/login', body, { quiet401: true });
export const signOut = () => api<void>('POST', '/v1/auth/logout');
export const changePassword = (body: Body<'/v1/me/password', 'post'>) => api<void>('POST', '/v1/me/password', body);

/** Accept an invite link: as the signed-in user, or as a new user with a username and password. */
export const acceptInvite = (body: Body<'/v1/invites/accept', 'post'>) =>
  api<Answer<'/v1/invites/accept', 'post'>>('POST', '/v1/invites/accept', body, { quiet401: true });

/** What an invite link offers (account and role), before accepting it; the token travels in the body. */
export const previewInvite = (token: string) => api<Answer<'/v1/invites/preview', 'post'>>('POST', '/v1/invites/preview', { token }, { quiet401: true });
