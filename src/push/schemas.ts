/** zod schemas of the webhooks API (GET/POST/DELETE /v1/webhooks). */
import { z } from 'zod';
import { EVENT_TYPES } from './events.ts';
import { EVENT_TYPES as LIVE_EVENT_TYPES } from '../platforms/event-types.ts';

export const webhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  event_types: z.array(z.string()),
  created_at: z.string(),
  last_delivery_at: z.string().nullable(),
  last_status: z.number().nullable(),
});

export const webhookBody = z
  .object({
    url: z.string().max(2000),
    events: z.array(z.enum(EVENT_TYPES, { message: `must be one of ${EVENT_TYPES.join(', ')}` })).max(EVENT_TYPES.length * 2).default([]),
    /** Live event types (the event log's), delivered with the envelope as the body. */
    event_types: z.array(z.enum(LIVE_EVENT_TYPES, { message: `must be one of ${LIVE_EVENT_TYPES.join(', ')}` })).max(LIVE_EVENT_TYPES.length * 2).default([]),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.events.length + b.event_types.length === 0) ctx.addIssue({ code: 'custom', path: ['events'], message: 'name at least one event (events or event_types)' });
  });
