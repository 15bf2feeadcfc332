/** Issue 6's consumer-facing API: per-consumer service keys and webhooks. */
import { api, apiList } from './client.ts';
import type { Answer, Body, ServiceKey, Webhook } from './types.ts';

export const listServiceKeys = () => apiList<ServiceKey>('/v1/service-keys');
export const createServiceKey = (body: Body<'/v1/service-keys', 'post'>) => api<Answer<'/v1/service-keys', 'post'>>('POST', '/v1/service-keys', body);
export const deleteServiceKey = (id: string) => api<void>('DELETE', `/v1/service-keys/${encodeURIComponent(id)}`);

export const listWebhooks = () => apiList<Webhook>('/v1/webhooks');
export const createWebhook = (body: Body<'/v1/webhooks', 'post'>) => api<Answer<'/v1/webhooks', 'post'>>('POST', '/v1/webhooks', body);
export const deleteWebhook = (id: string) => api<void>('DELETE', `/v1/webhooks/${encodeURIComponent(id)}`);
