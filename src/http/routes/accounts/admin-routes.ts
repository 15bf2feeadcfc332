/** Routes: instance administration — enable or disable a platform for every account. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Runtime } from '../../../runtime.ts';
import { toWire } from '../../wire.ts';
import { listPlatformSettings, setPlatformEnabled } from '../../../accounts/platform-settings.ts';
import { platformSchema, timeSchema } from '../../../accounts/schemas.ts';

const tags = ['admin'];
const platformSettingSchema = z.object({ slug: platformSchema, enabled: z.boolean(), updated_at: timeSchema.nullable() });


export function adminRoutes(rt: Runtime): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/v1/admin/platforms', {
      schema: { tags, summary: 'Platforms and whether each is enabled instance-wide', response: { 200: z.object({ items: z.array(platformSettingSchema) }) } },
      config: { access: { instanceAdmin: true } },
    }, async () => ({ items: (await listPlatformSettings(rt)).map(toWire) }));

    app.patch('/v1/admin/platforms/:slug', {
      schema: {
        tags,
        summary: 'Enable or disable a platform for every account (disabled shows as Unavailable)',
        params: z.object({ slug: platformSchema }),
        body: z.object({ enabled: z.boolean() }),
        response: { 200: platformSettingSchema },
      },
      config: { access: { instanceAdmin: true } },
    }, async (request) => toWire(await setPlatformEnabled(rt, request.caller, request.params.slug, request.body.enabled)));
  };
}
