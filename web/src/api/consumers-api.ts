/** Issue 6's consumer-facing API: per-consumer service keys and webhooks. */
import { api, apiList } from './client.ts';
import type { ServiceKey, Webhook } from './types.ts';

export const listServiceKeys = () => apiList<ServiceKey>('/v1/service-keys');
export const createServiceKey = (body: { name: string; integration_ids?: string[]; platforms?: string[] }) =>
  api<ServiceKey & { key: string }>('POST', '/v1/service-keys', body);
export const deleteServiceKey = (id: string) => api<void>('DELETE', `/v1/service-keys/${encodeURIComponent(id)}`);

export const listWebhooks = () => apiList<Webhook>('/v1/webhooks');
export const createWebhook = (body: { url: string; events: string[] }) => api<Webhook & { secret: string }>('POST', '/v1/webhooks', body);
export const deleteWebhook = (id: string) => api<void>('DELETE', `/v1/webhooks/${encodeURIComponent(id)}`);
