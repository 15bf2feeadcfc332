/** zod schemas of the webhooks API (GET/POST/DELETE /v1/webhooks). */
import { z } from 'zod';
import { EVENT_TYPES } from './events.ts';

export const webhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  created_at: z.string(),
  last_delivery_at: z.string().nullable(),
  last_status: z.number().nullable(),
});

export const webhookBody = z
  .object({
    url: z.string().max(2000),
    events: z.array(z.enum(EVENT_TYPES, { message: `must be one of ${EVENT_TYPES.join(', ')}` })).min(1, 'name at least one event').max(EVENT_TYPES.length * 2),
  })
  .strict();
