/** Issue 9's API: local tools (OBS Studio, Streamer.bot) and StreamElements tokens. */
import { api, apiList } from './client.ts';
import type { Body, StreamElementsToken, Tool, ToolInput, ToolTestResult } from './types.ts';

export const listTools = () => apiList<Tool>('/v1/tools');
export const createTool = (body: Body<'/v1/tools', 'post'>) => api<Tool>('POST', '/v1/tools', body);
export const updateTool = (id: string, body: ToolInput) => api<Tool>('PATCH', `/v1/tools/${encodeURIComponent(id)}`, body);
export const deleteTool = (id: string) => api<void>('DELETE', `/v1/tools/${encodeURIComponent(id)}`);
export const testTool = (id: string) => api<ToolTestResult>('POST', `/v1/tools/${encodeURIComponent(id)}/test`);

export const listStreamElementsTokens = () => apiList<StreamElementsToken>('/v1/streamelements/tokens');
export const addStreamElementsToken = (body: Body<'/v1/streamelements/tokens', 'post'>) => api<StreamElementsToken>('POST', '/v1/streamelements/tokens', body);
export const removeStreamElementsToken = (id: string) => api<void>('DELETE', `/v1/streamelements/tokens/${encodeURIComponent(id)}`);
