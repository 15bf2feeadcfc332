/** zod schema of an account's notifications (GET /v1/notifications). */
import { z } from 'zod';

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  integration_id: z.string().nullable(),
  platform: z.string().nullable(),
  reason: z.string().nullable(),
  integration_name: z.string().nullable(),
  is_global: z.boolean(),
  created_at: z.string(),
});
