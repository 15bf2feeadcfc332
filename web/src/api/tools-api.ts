/** Issue 9's API: local tools (OBS Studio, Streamer.bot) and StreamElements tokens. */
import { api, apiList } from './client.ts';
import type { StreamElementsToken, Tool, ToolKind, ToolTestResult } from './types.ts';

export interface ToolInput {
  kind?: ToolKind;
  label?: string;
  host?: string | null;
  port?: number;
  endpoint?: string;
  /** Omitted: keep the saved password; "" or null: remove it. */
  password?: string | null;
  remote_access?: boolean;
  enabled?: boolean;
}

export const listTools = () => apiList<Tool>('/v1/tools');
export const createTool = (body: ToolInput & { kind: ToolKind }) => api<Tool>('POST', '/v1/tools', body);
export const updateTool = (id: string, body: ToolInput) => api<Tool>('PATCH', `/v1/tools/${encodeURIComponent(id)}`, body);
export const deleteTool = (id: string) => api<void>('DELETE', `/v1/tools/${encodeURIComponent(id)}`);
export const testTool = (id: string) => api<ToolTestResult>('POST', `/v1/tools/${encodeURIComponent(id)}/test`);

export const listStreamElementsTokens = () => apiList<StreamElementsToken>('/v1/streamelements/tokens');
export const addStreamElementsToken = (body: { platform: string; token: string; label?: string | null }) =>
  api<StreamElementsToken>('POST', '/v1/streamelements/tokens', body);
export const removeStreamElementsToken = (id: string) => api<void>('DELETE', `/v1/streamelements/tokens/${encodeURIComponent(id)}`);
