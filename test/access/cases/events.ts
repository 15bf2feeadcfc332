/** Access-matrix cases for the live-event routes: everything needs `events:read` and shows only the caller's account. */
import type { AccessCase, CaseContext } from '../types.ts';
import { randomToken } from '../../../src/crypto/random.ts';
import { appendEvents } from '../../../src/events/log.ts';
import { addStreamElementsToken } from '../../../src/tools/streamelements-service.ts';
import { callerOf } from '../../support/callers.ts';
import { fakeJwt } from '../../../src/tools/fakes/jwt.ts';

const unique = () => randomToken(6).replace(/[^A-Za-z0-9]/g, 'x');

/** A tip in B whose message is the marker. */
async function eventIn(ctx: CaseContext): Promise<string> {
  const marker = `b-event-${unique()}`;
  await appendEvents(ctx.rt, { accountId: ctx.target.accountId, platform: 'twitch', integrationId: null, source: 'streamelements' }, [
    { type: 'tip', sourceId: marker, occurredAt: ctx.rt.clock.now(), actor: null, data: { amount: 1, currency: 'USD', message: marker } },
  ]);
  return marker;
}

export const cases: AccessCase[] = [
  // The streams answer 200 and stay open: the harness judges their status line (stream: true).
  { method: 'GET', url: '/v1/events', access: { permission: 'events:read' }, status: 200, isolation: 'own-account', stream: true, setup: async () => ({ query: { after: '0' } }) },
  // Without an Upgrade header the WebSocket route refuses after the access check.
  { method: 'GET', url: '/v1/events/ws', access: { permission: 'events:read' }, status: 404, isolation: 'own-account' },
  {
    method: 'GET',
    url: '/v1/events/history',
    access: { permission: 'events:read' },
    status: 200,
    isolation: 'own-account',
    setup: async (ctx) => ({ query: { limit: '1000' }, marker: await eventIn(ctx) }),
  },
  {
    method: 'GET',
    url: '/v1/events/connections',
    access: { permission: 'events:read' },
    status: 200,
    isolation: 'own-account',
    setup: async (ctx) => {
      const se = await addStreamElementsToken(ctx.rt, callerOf(ctx.target.accountId), { platform: 'twitch', token: fakeJwt({ channel: unique() }) });
      return { marker: se.id };
    },
  },
];
