/** Issue 9's API: local tools (OBS Studio, Streamer.bot) and StreamElements tokens; issue 18's actions on connected tools. */
import { api, apiList } from './client.ts';
import type { Body, ObsScene, ObsStatus, StreamElementsToken, StreamerbotAction, Tool, ToolInput, ToolTestResult } from './types.ts';

export const listTools = () => apiList<Tool>('/v1/tools');
export const createTool = (body: Body<'/v1/tools', 'post'>) => api<Tool>('POST', '/v1/tools', body);
export const updateTool = (id: string, body: ToolInput) => api<Tool>('PATCH', `/v1/tools/${encodeURIComponent(id)}`, body);
export const deleteTool = (id: string) => api<void>('DELETE', `/v1/tools/${encodeURIComponent(id)}`);
export const testTool = (id: string) => api<ToolTestResult>('POST', `/v1/tools/${encodeURIComponent(id)}/test`);
export const getTool = (id: string) => api<Tool>('GET', `/v1/tools/${encodeURIComponent(id)}`);

const tool = (id: string) => `/v1/tools/${encodeURIComponent(id)}`;
export const listObsScenes = (id: string) => apiList<ObsScene>(`${tool(id)}/obs/scenes`);
export const getObsStatus = (id: string) => api<ObsStatus>('GET', `${tool(id)}/obs/status`);
export const setProgramScene = (id: string, scene: string) => api<unknown>('PUT', `${tool(id)}/obs/program-scene`, { scene });
export const setSourceVisibility = (id: string, scene: string, source: string, visible: boolean) => api<unknown>('PUT', `${tool(id)}/obs/sources/visibility`, { scene, source, visible });
export const controlOutput = (id: string, output: 'stream' | 'record', action: 'start' | 'stop' | 'toggle') => api<unknown>('POST', `${tool(id)}/obs/${output}`, { action });
export const listStreamerbotActions = (id: string) => apiList<StreamerbotAction>(`${tool(id)}/streamerbot/actions`);
export const runStreamerbotAction = (id: string, actionId: string, args?: Record<string, unknown>) =>
  api<unknown>('POST', `${tool(id)}/streamerbot/actions/run`, { id: actionId, ...(args ? { args } : {}) });

export const listStreamElementsTokens = () => apiList<StreamElementsToken>('/v1/streamelements/tokens');
export const addStreamElementsToken = (body: Body<'/v1/streamelements/tokens', 'post'>) => api<StreamElementsToken>('POST', '/v1/streamelements/tokens', body);
export const removeStreamElementsToken = (id: string) => api<void>('DELETE', `/v1/streamelements/tokens/${encodeURIComponent(id)}`);
