/** Issue 16's API as the dashboard uses it: send a chat message, moderate, Bifrost's chat log, and (sandbox) what a fake received. */
import { api, apiList } from './client.ts';
import type { ChatLogEntry, ChatSendBody, ChatSent, FakeChatEntry, ModerationBody } from './types.ts';

const seg = encodeURIComponent;

export const sendChatMessage = (platform: string, body: ChatSendBody) => api<ChatSent>('POST', `/v1/chat/${seg(platform)}/messages`, body);
export const listChatLog = () => apiList<ChatLogEntry>('/v1/chat/log');
export const banUser = (platform: string, body: ModerationBody) => api<unknown>('POST', `/v1/moderation/${seg(platform)}/bans`, body);
export const unbanUser = (platform: string, user: string, sender?: string) =>
  api<void>('DELETE', `/v1/moderation/${seg(platform)}/bans/${seg(user)}${sender ? `?sender=${seg(sender)}` : ''}`);

/** Sandbox mode only: every message and moderation action the platform's fake received. */
export const listFakeChat = (platform: string) => apiList<FakeChatEntry>(`/sandbox/${seg(platform)}/chat`);
